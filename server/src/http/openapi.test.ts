import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu } from '../../test/harness.ts';

let k: TestKehu;

const visit = {
  name: 'visit',
  label: { 'zh-CN': '拜访', 'en-US': 'Visit' },
  fields: {
    title: { type: 'text', required: true, label: { 'zh-CN': '主题', 'en-US': 'Subject' } },
    amount: { type: 'money', label: { 'zh-CN': '金额', 'en-US': 'Amount' } },
    status: {
      type: 'picklist',
      label: { 'zh-CN': '状态', 'en-US': 'Status' },
      options: [
        { value: 'plan', label: { 'zh-CN': '计划' } },
        { value: 'done', label: { 'zh-CN': '完成' } },
      ],
    },
    owner: { type: 'owner', label: { 'zh-CN': '负责人', 'en-US': 'Owner' } },
  },
};

beforeAll(async () => {
  k = await startKehu();
});
afterAll(() => k?.close());

/** Every `$ref` in the document points at something that exists. */
function danglingRefs(doc: any): string[] {
  const bad: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, v] of Object.entries(node)) {
        if (key === '$ref' && typeof v === 'string') {
          const target = v
            .slice(2)
            .split('/')
            .reduce<any>((o, part) => o?.[part], doc);
          if (target === undefined) bad.push(v);
        } else walk(v);
      }
    }
  };
  walk(doc);
  return bad;
}

/** Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) over the document's components. */
function validator(doc: any) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: 'kehu', components: doc.components });
  return (name: string) => ajv.compile({ $ref: `kehu#/components/schemas/${name}` });
}

const httpMethods = ['get', 'post', 'patch', 'put', 'delete'];

describe('INT-1 OpenAPI document generated from metadata', () => {
  test('INT-1 the document is OpenAPI 3.1 with list and get paths and a schema for every object the admin can read', async () => {
    const r = await k.admin.get('/api/openapi.json');
    expect(r.status).toBe(200);
    const doc = r.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(doc.components.securitySchemes.csrf).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token' });
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toContain('VERSION_CONFLICT');
    expect(doc.components.responses.E409.description).toContain('VERSION_CONFLICT');
    for (const p of [
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/metadata/objects',
      '/api/health',
      '/api/ready',
    ]) {
      expect(doc.paths[p], p).toBeDefined();
    }
    // Every API route the server answers is in the document, not only the generated record routes.
    const toPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    // printRoutes draws a radix tree: a line's depth is where its `── ` starts, its path the parents' joined.
    const stack: string[] = [];
    const routes: [string, string[]][] = [];
    for (const line of k.kehu.app.printRoutes({ commonPrefix: false }).split('\n')) {
      const at = line.indexOf('── ');
      if (at < 0) continue;
      const m = /^(.*?) \(([A-Z, ]+)\)$/.exec(line.slice(at + 3));
      const depth = (at - 1) / 4;
      stack.length = depth;
      stack.push(m ? m[1] : line.slice(at + 3));
      if (m) routes.push([stack.join(''), m[2].split(', ').filter((x) => x !== 'HEAD')]);
    }
    const api = routes.filter(([url]) => url.startsWith('/api/') && !url.startsWith('/api/docs'));
    expect(api.length).toBeGreaterThan(40);
    for (const [url, methods] of api) {
      const path = toPath(url);
      const escaped = path.split('{object}').map((part) => part.replace(/[{}.]/g, '\\$&'));
      const pattern = new RegExp(`^${escaped.join('[^/]+')}$`);
      for (const m of methods) {
        const found = Object.entries<any>(doc.paths).some(([p, item]) => pattern.test(p) && item[m.toLowerCase()]);
        expect(found, `${m} ${path}`).toBe(true);
      }
    }
    for (const p of ['/api/auth/2fa/setup', '/api/objects/{object}/{id}/shares', '/api/search'])
      expect(
        Object.keys(doc.paths).some((x) => x.startsWith(p.split('{')[0])),
        p,
      ).toBe(true);
    const objects = (await k.admin.get('/api/metadata/objects')).body.data.map((o: { name: string }) => o.name);
    expect(objects).toEqual(expect.arrayContaining(['user', 'role', 'department']));
    for (const name of objects) {
      expect(doc.paths[`/api/objects/${name}`]?.get, name).toBeDefined();
      expect(doc.paths[`/api/objects/${name}/{id}`]?.get, name).toBeDefined();
      expect(doc.paths[`/api/objects/${name}/group`]?.get, name).toBeDefined();
      expect(doc.components.schemas[`${name}.Record`]?.properties?.id, name).toBeDefined();
    }
    // Every operation has a unique id, responses, and known tags; every $ref resolves; every schema compiles.
    const ids = new Set<string>();
    const tags = new Set(doc.tags.map((t: { name: string }) => t.name));
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      expect(path.startsWith('/api/'), path).toBe(true);
      for (const m of Object.keys(item)) {
        expect(httpMethods, `${path} ${m}`).toContain(m);
        const op = item[m];
        expect(Object.keys(op.responses).length, `${m} ${path}`).toBeGreaterThan(0);
        for (const t of op.tags) expect(tags.has(t), t).toBe(true);
        if (op.operationId) {
          expect(ids.has(op.operationId), op.operationId).toBe(false);
          ids.add(op.operationId);
        }
        for (const param of (op.parameters ?? []).filter((x: any) => x.in === 'path')) {
          expect(path, param.name).toContain(`{${param.name}}`);
        }
      }
    }
    expect(danglingRefs(doc)).toEqual([]);
    // One schema that refers to every component: compiling it compiles them all.
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema({ $id: 'kehu', components: doc.components });
    const all = Object.keys(doc.components.schemas).map((n) => [n, { $ref: `kehu#/components/schemas/${n}` }]);
    expect(() => ajv.compile({ type: 'object', properties: Object.fromEntries(all) })).not.toThrow();
  });

  test('INT-1 a custom object added through the metadata API appears right away with its fields and operators', async () => {
    const created = await k.admin.post('/api/metadata/objects', visit);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const doc = (await k.admin.get('/api/openapi.json')).body;
    const rec = doc.components.schemas['visit.Record'];
    expect(Object.keys(rec.properties)).toEqual(
      expect.arrayContaining(['id', 'version', 'title', 'amount', 'status', 'owner']),
    );
    expect(rec.title).toBe('拜访');
    expect(rec.properties.status['x-kehu-operators']).toEqual(['eq', 'ne', 'in', 'notIn', 'isEmpty', 'isNotEmpty']);
    expect(rec.properties.status.enum).toEqual(['plan', 'done', null]);
    expect(rec.properties.title.description).toContain('主题');
    const input = doc.components.schemas['visit.Input'];
    expect(input.required).toEqual(['title']);
    expect(input.properties.id).toBeUndefined();
    expect(input.properties.createdAt).toBeUndefined();
    expect(doc.components.schemas['visit.Patch'].properties.version.type).toBe('integer');
    const condition = doc.components.schemas['visit.Condition'].oneOf.find(
      (c: any) => c.properties.field.const === 'amount',
    );
    expect(condition.properties.op.enum).toContain('between');
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/objects/visit'));
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/objects/visit',
        '/api/objects/visit/query',
        '/api/objects/visit/{id}',
        '/api/objects/visit/{id}/history',
        '/api/objects/visit/{id}/restore',
        '/api/objects/visit/group',
        '/api/objects/visit/bulk-update',
        '/api/objects/visit/bulk-delete',
        '/api/objects/visit/import',
        '/api/objects/visit/export',
      ]),
    );
    expect(doc.paths['/api/recycle-bin/visit'].get).toBeDefined();
    expect(doc.paths['/api/objects/visit'].get.description).toContain('| `amount` |');
    expect(doc.paths['/api/objects/visit/{id}'].patch.security).toEqual([{ session: [], csrf: [] }, { apiKey: [] }]);

    // The real responses match the generated schemas.
    const compile = validator(doc);
    const c = await k.admin.post('/api/objects/visit', { title: '拜访开乐', amount: '12.5', status: 'plan' });
    expect(c.status).toBe(201);
    expect(compile('visit.Input')({ title: '拜访开乐', amount: '12.5', status: 'plan' })).toBe(true);
    expect(compile('visit.Input')({ title: 'x', hacker: 1 })).toBe(false);
    const get = await k.admin.get(`/api/objects/visit/${c.body.data.id}`);
    const checkRecord = compile('visit.Record');
    expect(checkRecord(get.body.data), JSON.stringify(checkRecord.errors)).toBe(true);
    const list = await k.admin.list('visit', { filter: { field: 'status', op: 'eq', value: 'plan' }, count: 'true' });
    const checkPage = compile('visit.Page');
    expect(checkPage(list.body), JSON.stringify(checkPage.errors)).toBe(true);
    expect(
      compile('visit.Filter')({
        and: [{ field: 'status', op: 'in', value: ['plan'] }, { not: { field: 'title', op: 'isEmpty' } }],
      }),
    ).toBe(true);
    expect(compile('visit.Filter')({ field: 'status', op: 'contains', value: 'p' })).toBe(false);
    const bad = await k.admin.get('/api/objects/visit/999999');
    expect(compile('Error')(bad.body)).toBe(true);

    // Titles and field descriptions follow the caller's language.
    k.admin.locale = 'en-US';
    const en = (await k.admin.get('/api/openapi.json')).body;
    k.admin.locale = 'zh-CN';
    expect(en.components.schemas['visit.Record'].title).toBe('Visit');
    expect(en.components.schemas['visit.Record'].properties.title.description).toContain('Subject');
    expect(en.paths['/api/objects/visit'].get.summary).toContain('Visit');
  });

  test('INT-1 a password field is writeOnly in input and absent from every response schema', async () => {
    const doc = (await k.admin.get('/api/openapi.json')).body;
    expect(doc.components.schemas['user.Input'].properties.password.writeOnly).toBe(true);
    expect(doc.components.schemas['user.Record'].properties.password).toBeUndefined();
    const responses = JSON.stringify(
      Object.values<any>(doc.paths).flatMap((item) => Object.values<any>(item).map((op) => op.responses)),
    );
    const reachable = [...responses.matchAll(/#\/components\/schemas\/([\w.]+)/g)].map((m) => m[1]);
    for (const name of new Set(reachable)) {
      expect(JSON.stringify(doc.components.schemas[name]), name).not.toContain('"password"');
    }
    const me = await k.admin.get('/api/auth/me');
    expect(me.body.data.user.password).toBeUndefined();
  });

  test('INT-1 anonymous callers get the generic routes and no object schemas', async () => {
    const anon = new ApiClient(k.baseUrl);
    const r = await anon.get('/api/openapi.json');
    expect(r.status).toBe(200);
    const doc = r.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
    expect(doc.paths['/api/objects/{object}'].get).toBeDefined();
    const objectPaths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/objects/'));
    for (const p of objectPaths) expect(p.startsWith('/api/objects/{object}'), p).toBe(true);
    for (const name of Object.keys(doc.components.schemas)) {
      expect(
        ['user', 'role', 'department', 'visit', 'operationLog'].some((o) => name.startsWith(`${o}.`)),
        name,
      ).toBe(false);
    }
    const text = JSON.stringify(doc);
    expect(text).not.toContain('visit');
    expect(text).not.toContain('用户名');
    expect(danglingRefs(doc)).toEqual([]);
  });

  test('INT-1 a user whose role cannot read role does not see it, nor the writes it may not do', async () => {
    const { api } = await k.user({
      username: 'docreader',
      grants: { user: { read: 'all' }, visit: { read: 'own', create: 'own' } },
    });
    const doc = (await api.get('/api/openapi.json')).body;
    expect(doc.paths['/api/objects/user'].get).toBeDefined();
    expect(doc.paths['/api/objects/user'].post).toBeUndefined();
    expect(doc.paths['/api/objects/visit'].post).toBeDefined();
    expect(doc.paths['/api/objects/visit/{id}'].patch).toBeUndefined();
    expect(doc.paths['/api/objects/visit/export']).toBeUndefined();
    expect(doc.paths['/api/objects/role']).toBeUndefined();
    expect(doc.components.schemas['role.Record']).toBeUndefined();
    expect(Object.keys(doc.paths).some((p) => p.includes('/role'))).toBe(false);
    expect(doc.components.schemas['user.Input']).toBeDefined();
    expect(danglingRefs(doc)).toEqual([]);
  });

  test('INT-1 /api/docs is a Swagger UI page that loads only same-origin scripts', async () => {
    const anon = new ApiClient(k.baseUrl);
    const r = await anon.get('/api/docs');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = r.body as string;
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(body.trim(), 'no inline script').toBe('');
      const src = /src="([^"]+)"/.exec(attrs)?.[1];
      expect(src?.startsWith('/'), src).toBe(true);
      expect(src?.startsWith('//'), src).toBe(false);
      const js = await anon.get(src!);
      expect(js.status, src).toBe(200);
      expect(js.headers.get('content-type')).toContain('javascript');
    }
    expect(html).not.toMatch(/https?:\/\//);
    const init = await anon.get('/api/docs/init.js');
    expect(init.body).toContain("url: '/api/openapi.json'");
    expect(init.body).toContain("dom_id: '#swagger-ui'");
    expect((await anon.get('/api/docs/assets/swagger-ui.css')).status).toBe(200);
    expect((await anon.get('/api/docs/assets/package.json')).status).toBe(404);
  });
});
