import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu, testPassword } from '../../test/harness.ts';

let k: TestKehu;

const levels = [
  { value: 'key', label: { 'zh-CN': '重点', 'en-US': 'Key' } },
  { value: 'normal', label: { 'zh-CN': '普通', 'en-US': 'Normal' } },
];

const prospect = {
  name: 'prospect',
  label: { 'zh-CN': '潜在客户', 'en-US': 'Prospect' },
  fields: {
    name: { type: 'text', required: true, label: { 'zh-CN': '客户名称', 'en-US': 'Name' } },
    code: { type: 'autoNumber', pattern: 'KH{seq:6}', label: { 'zh-CN': '客户编号', 'en-US': 'Code' } },
    phone: { type: 'phone', label: { 'zh-CN': '电话', 'en-US': 'Phone' } },
    level: { type: 'picklist', options: levels, label: { 'zh-CN': '级别', 'en-US': 'Level' } },
    credit: { type: 'money', label: { 'zh-CN': '信用额度', 'en-US': 'Credit limit' } },
    visits: { type: 'integer', min: 0, label: { 'zh-CN': '拜访次数', 'en-US': 'Visits' } },
    active: { type: 'boolean', label: { 'zh-CN': '有效', 'en-US': 'Active' } },
    since: { type: 'date', label: { 'zh-CN': '首次合作', 'en-US': 'Since' } },
    industry: { type: 'manyToOne', object: 'industry', label: { 'zh-CN': '行业', 'en-US': 'Industry' } },
    tag: { type: 'text', label: { 'zh-CN': '批次', 'en-US': 'Batch' } },
    owner: { type: 'owner', label: { 'zh-CN': '负责人', 'en-US': 'Owner' } },
  },
};

type Upload = { status: number; body: any };

/** POST a multipart upload (file + options) as the given signed-in client. */
async function upload(
  c: ApiClient,
  path: string,
  content: string | Buffer,
  filename: string,
  options?: unknown,
): Promise<Upload> {
  const fd = new FormData();
  if (options !== undefined) fd.append('options', JSON.stringify(options));
  fd.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), filename);
  const res = await fetch(k.baseUrl + path, {
    method: 'POST',
    headers: { cookie: c.cookie!, 'x-csrf-token': c.csrf!, 'accept-language': c.locale },
    body: fd,
  });
  return { status: res.status, body: await res.json() };
}

/** Poll the job until it has finished (bounded). */
async function finished(c: ApiClient, id: number) {
  for (let i = 0; i < 1200; i++) {
    const r = await c.get(`/api/imports/${id}`);
    if (r.status !== 200) throw new Error(JSON.stringify(r.body));
    if (r.body.data.status === 'done' || r.body.data.status === 'failed') return r.body.data;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`import ${id} did not finish`);
}

async function importFile(
  c: ApiClient,
  content: string | Buffer,
  options: unknown,
  filename = 'data.csv',
  object = 'prospect',
) {
  const r = await upload(c, `/api/objects/${object}/import`, content, filename, options);
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return finished(c, r.body.data.id);
}

async function download(c: ApiClient, path: string) {
  const res = await fetch(k.baseUrl + path, { headers: { cookie: c.cookie!, 'accept-language': c.locale } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const csvOf = (rows: unknown[][]) =>
  rows.map((r) => r.map((v) => `"${String(v ?? '').replace(/"/g, '""')}"`).join(',')).join('\r\n');

async function tagged(tag: string, c: ApiClient = k.admin) {
  const r = await c.list('prospect', {
    filter: { field: 'tag', op: 'eq', value: tag },
    sort: 'name',
    limit: '500',
    count: 'true',
  });
  return r.body as { data: Record<string, any>[]; total: number };
}

const header = ['客户名称', '电话', '级别', '信用额度', '拜访次数', '有效', '首次合作', '行业', '批次'];

beforeAll(async () => {
  k = await startKehu();
  const ind = await k.admin.post('/api/metadata/objects', {
    name: 'industry',
    label: { 'zh-CN': '行业', 'en-US': 'Industry' },
    fields: { name: { type: 'text', required: true, label: { 'zh-CN': '名称', 'en-US': 'Name' } } },
  });
  expect(ind.status, JSON.stringify(ind.body)).toBe(201);
  for (const name of ['专用车', '工程机械', '重复行业', '重复行业'])
    await k.admin.post('/api/objects/industry', { name });
  const r = await k.admin.post('/api/metadata/objects', prospect);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
});

afterAll(() => k?.close());

describe('CUS-11 import', () => {
  test('CUS-11 preview shows headers, the first rows and a mapping suggested from the labels', async () => {
    const rows = [header, ...Array.from({ length: 12 }, (_, i) => [`预览${i}`, '', '重点'])];
    const r = await upload(k.admin, '/api/objects/prospect/import/preview', csvOf(rows), 'p.csv');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data.headers).toEqual(header);
    expect(r.body.data.rows).toHaveLength(10);
    expect(r.body.data.rows[0].slice(0, 3)).toEqual(['预览0', '', '重点']);
    expect(r.body.data.suggestedMapping).toEqual({
      客户名称: 'name',
      电话: 'phone',
      级别: 'level',
      信用额度: 'credit',
      拜访次数: 'visits',
      有效: 'active',
      首次合作: 'since',
      行业: 'industry',
      批次: 'tag',
    });
    expect(r.body.data.matchable).toEqual(expect.arrayContaining(['id', 'name', 'code', 'phone']));
  });

  test('CUS-11 a dry run reports per-row, per-field errors and writes nothing', async () => {
    const csv = csvOf([
      header,
      ['试运行甲', '13812345678', '重点', '¥1,000', '3', '是', '2024/5/6', '专用车', 'dry'],
      ['', 'not a phone', '未知级别', 'abc', '-1', '也许', '2024-13-40', '没有这个行业', 'dry'],
      ['试运行丙', '', '', '', '', '', '', '重复行业', 'dry'],
    ]);
    const job = await importFile(k.admin, csv, { dryRun: true });
    expect(job).toMatchObject({
      status: 'done',
      dryRun: true,
      committed: false,
      total: 3,
      processed: 3,
      created: 1,
      failed: 2,
    });
    const byField = Object.fromEntries(job.errors.filter((e: any) => e.row === 3).map((e: any) => [e.field, e.code]));
    expect(byField).toEqual({
      name: 'required',
      phone: 'invalidPhone',
      level: 'invalidOption',
      credit: 'type',
      visits: 'tooSmall',
      active: 'type',
      since: 'invalidDate',
      industry: 'notFound',
    });
    expect(job.errors.find((e: any) => e.row === 3 && e.field === 'phone')).toMatchObject({
      column: '电话',
      message: '电话号码无效',
    });
    expect(job.errors.filter((e: any) => e.row === 4)).toEqual([
      expect.objectContaining({ field: 'industry', code: 'ambiguous' }),
    ]);
    expect((await tagged('dry')).total).toBe(0);
  });

  test('CUS-11 one bad row makes an all-or-nothing import write nothing', async () => {
    const csv = csvOf([
      header,
      ['全有甲', '', '普通', '', '', '', '', '', 'all'],
      ['全有乙', '', '', '', 'x', '', '', '', 'all'],
    ]);
    const job = await importFile(k.admin, csv, { mode: 'all' });
    expect(job).toMatchObject({
      status: 'failed',
      committed: false,
      failed: 1,
      message: '部分行有错误，未导入任何数据',
    });
    expect(job.errors).toEqual([expect.objectContaining({ row: 3, field: 'visits', code: 'type' })]);
    expect((await tagged('all')).total).toBe(0);
  });

  test('CUS-11 mode validRows imports the good rows, reports the bad ones, and keeps a version of each record', async () => {
    const csv = csvOf([
      header,
      ['有效甲', '138 1234 5678', 'Key', '1000.5', '2', 'yes', '2024年5月6日', '工程机械', 'valid'],
      ['有效乙', '', '', '', '', '', '', '', 'valid'],
      ['无效丙', '', '不存在', '', '', '', '', '', 'valid'],
    ]);
    const job = await importFile(k.admin, csv, { mode: 'validRows' });
    expect(job).toMatchObject({
      status: 'done',
      committed: true,
      created: 2,
      failed: 1,
      errors: [expect.objectContaining({ row: 4, field: 'level' })],
    });
    const list = await tagged('valid');
    expect(list.total).toBe(2);
    const a = list.data.find((r) => r.name === '有效甲')!;
    expect(a).toMatchObject({
      phone: '+8613812345678',
      level: 'key',
      credit: '1000.50',
      visits: 2,
      active: true,
      since: '2024-05-06',
      version: 1,
    });
    expect(a.industry.label).toBe('工程机械');
    expect(a.code).toMatch(/^KH\d{6}$/);
    expect(a.owner.label).toBe('系统管理员');
    const h = await k.admin.get(`/api/objects/prospect/${a.id}/history`);
    expect(h.body.data).toHaveLength(1);
    expect(h.body.data[0]).toMatchObject({
      version: 1,
      action: 'create',
      actor: { label: '系统管理员' },
      ip: '127.0.0.1',
    });
    expect(h.body.data[0].changes.name).toEqual([null, '有效甲']);
  });

  test('CUS-11 xlsx import: dates, numbers and labels from a workbook', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('客户');
    ws.addRow(['Name', 'Level', 'Credit limit', 'Visits', 'Since', 'Batch', 'Owner']);
    ws.addRow(['表格甲', '普通', 2500.25, 7, new Date(Date.UTC(2023, 0, 31)), 'xlsx', 'admin']);
    ws.addRow([
      { richText: [{ text: '表格' }, { text: '乙' }] },
      'Key',
      { formula: '1+1', result: 2 },
      null,
      null,
      'xlsx',
      null,
    ]);
    const job = await importFile(k.admin, Buffer.from(await wb.xlsx.writeBuffer()), {}, 'data.xlsx');
    expect(job).toMatchObject({ status: 'done', created: 2, failed: 0 });
    const list = await tagged('xlsx');
    expect(list.data.map((r) => [r.name, r.level, r.credit, r.visits, r.since])).toEqual([
      ['表格乙', 'key', '2.00', null, null],
      ['表格甲', 'normal', '2500.25', 7, '2023-01-31'],
    ]);
  });

  test('CUS-11 an unknown header or a read-only field in the mapping is refused before the job starts', async () => {
    const r = await upload(k.admin, '/api/objects/prospect/import', csvOf([['名称', '编号']]), 'x.csv', {
      mapping: { 名称: 'name', 编号: 'code', 没有: 'phone' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { 编号: 'readOnly', 没有: 'unknown' } });
    const o = await upload(k.admin, '/api/objects/prospect/import', csvOf([['名称']]), 'x.csv', { dryrun: true });
    expect(o.body.error.code).toBe('UNKNOWN_PARAMETER');
  });
});

describe('CUS-11 duplicate policy', () => {
  // Each test has its own phone numbers, so that matches never reach another test's records.
  const phones: Record<string, string> = { skip: '1390000', upd: '1390001', crt: '1390002', code: '1390003' };
  const seed = async (tag: string) => {
    const a = await k.admin.post('/api/objects/prospect', {
      name: `${tag}-已有`,
      phone: `${phones[tag]}0001`,
      visits: 1,
      tag,
    });
    expect(a.status).toBe(201);
    return a.body.data;
  };
  const file = (tag: string) =>
    csvOf([
      ['名称', '电话', '次数', '批次'],
      [`${tag}-新名字`, `${phones[tag].slice(0, 3)} ${phones[tag].slice(3)} 0001`, '9', tag],
      [`${tag}-新的`, `${phones[tag]}0002`, '1', tag],
      [`${tag}-新的再次`, `${phones[tag]}0002`, '2', tag],
    ]);
  const mapping = { 名称: 'name', 电话: 'phone', 次数: 'visits', 批次: 'tag' };

  test('CUS-11 skip leaves an existing record alone (matched on the normalised phone)', async () => {
    const before = await seed('skip');
    const job = await importFile(k.admin, file('skip'), { mapping, duplicates: { matchOn: 'phone', policy: 'skip' } });
    expect(job).toMatchObject({ status: 'done', created: 1, skipped: 2, updated: 0, failed: 0 });
    const list = await tagged('skip');
    expect(list.data.map((r) => r.name).sort()).toEqual(['skip-已有', 'skip-新的'].sort());
    expect(list.data.find((r) => r.id === before.id)).toMatchObject({ visits: 1, version: 1 });
  });

  test('CUS-11 update changes the matched record and keeps a version of the change', async () => {
    const before = await seed('upd');
    const job = await importFile(k.admin, file('upd'), { mapping, duplicates: { matchOn: 'phone', policy: 'update' } });
    expect(job, JSON.stringify(job.errors)).toMatchObject({ status: 'done', created: 1, updated: 2, failed: 0 });
    const list = await tagged('upd');
    expect(list.total).toBe(2);
    expect(list.data.find((r) => r.id === before.id)).toMatchObject({ name: 'upd-新名字', visits: 9, version: 2 });
    expect(list.data.find((r) => r.id !== before.id)).toMatchObject({ name: 'upd-新的再次', visits: 2, version: 2 });
    const h = await k.admin.get(`/api/objects/prospect/${before.id}/history`);
    expect(h.body.data[0]).toMatchObject({
      version: 2,
      action: 'update',
      changes: { name: ['upd-已有', 'upd-新名字'], visits: [1, 9] },
    });
  });

  test('CUS-11 create adds records even when the value exists', async () => {
    await seed('crt');
    const job = await importFile(k.admin, file('crt'), { mapping, duplicates: { matchOn: 'phone', policy: 'create' } });
    expect(job).toMatchObject({ status: 'done', created: 3, skipped: 0, updated: 0 });
    expect((await tagged('crt')).total).toBe(4);
  });

  test('CUS-11 records can be matched on their system-assigned code', async () => {
    const before = await seed('code');
    const csv = csvOf([
      ['客户编号', '客户名称'],
      [before.code, 'code-改名'],
    ]);
    const job = await importFile(k.admin, csv, { duplicates: { matchOn: 'code', policy: 'update' } });
    expect(job).toMatchObject({ status: 'done', updated: 1, created: 0 });
    expect((await k.admin.get(`/api/objects/prospect/${before.id}`)).body.data).toMatchObject({
      name: 'code-改名',
      code: before.code,
    });
  });
});

describe('CUS-11 rights and jobs', () => {
  test('CUS-11 import needs the import right; a job is visible only to its owner and administrators', async () => {
    const noImport = await k.user({ username: 'noimport', grants: { prospect: { read: 'all', create: 'all' } } });
    const csv = csvOf([
      ['客户名称', '批次'],
      ['权限', 'rights'],
    ]);
    const r = await upload(noImport.api, '/api/objects/prospect/import', csv, 'a.csv', {});
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    const p = await upload(noImport.api, '/api/objects/prospect/import/preview', csv, 'a.csv');
    expect(p.status).toBe(403);
    const importer = await k.user({
      username: 'importer',
      grants: { prospect: { read: 'own', create: 'own', import: 'own' } },
    });
    const job = await importFile(importer.api, csv, {});
    expect(job).toMatchObject({ status: 'done', created: 1 });
    expect((await noImport.api.get(`/api/imports/${job.id}`)).status).toBe(404);
    expect((await k.admin.get(`/api/imports/${job.id}`)).status).toBe(200);
    const mine = await importer.api.list('prospect', { filter: { field: 'tag', op: 'eq', value: 'rights' } });
    expect(mine.body.data[0].owner.id).toBe(importer.id);
    // Assigning records to someone outside the import scope is refused per row.
    const adminId = (await k.admin.get('/api/auth/me')).body.data.user.id;
    const other = csvOf([
      ['客户名称', '负责人'],
      ['别人的', String(adminId)],
    ]);
    const refused = await importFile(importer.api, other, { mode: 'validRows' });
    expect(refused).toMatchObject({
      created: 0,
      failed: 1,
      errors: [expect.objectContaining({ field: 'owner', code: 'FORBIDDEN' })],
    });
  });
});

describe('CUS-11 export', () => {
  test('CUS-11 exported cells that a spreadsheet would run as formulas are escaped (csv and xlsx)', async () => {
    const nasty = ["=cmd|' /C calc'!A0", '+1', '-1', '@SUM(A1:A9)', '\t=1', '\r=1'];
    for (const name of nasty) {
      const c = await k.admin.post('/api/objects/prospect', { name, tag: 'formula', credit: '-5' });
      expect(c.status).toBe(201);
      // The API trims text, but data from elsewhere (SQL, other systems) may start with a tab or CR.
      if (/^[\t\r]/.test(name))
        await k.kehu.database.pool.query('update obj_prospect set name = $1 where id = $2', [name, c.body.data.id]);
    }
    const filter = encodeURIComponent(JSON.stringify({ field: 'tag', op: 'eq', value: 'formula' }));
    const csv = await download(
      k.admin,
      `/api/objects/prospect/export?format=csv&fields=name,credit,level&filter=${filter}`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="prospect.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(csv.headers.get('content-disposition')!.split("''")[1])).toMatch(
      /^潜在客户-\d{8}-\d{4}\.csv$/,
    );
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(csv.bytes.toString('utf8').slice(1));
    expect(rows[0]).toEqual(['客户名称', '信用额度', '级别']);
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(nasty.map((s) => `'${s}`).sort());
    expect(rows.slice(1).every((r) => r[1] === '-5.00')).toBe(true);
    const x = await download(k.admin, `/api/objects/prospect/export?format=xlsx&fields=name,credit&filter=${filter}`);
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const names: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) names.push(String(row.getCell(1).value));
      if (n > 1) expect(row.getCell(2).value).toBe(-5);
    });
    expect(names.sort()).toEqual(nasty.map((s) => `'${s}`).sort());
  });

  test("CUS-11 export uses labels in the caller's language for headers, options and relations", async () => {
    await k.admin.post('/api/objects/prospect', { name: '标签', level: 'key', active: true, tag: 'labels' });
    const filter = encodeURIComponent(JSON.stringify({ field: 'tag', op: 'eq', value: 'labels' }));
    const path = `/api/objects/prospect/export?fields=name,level,active,owner&filter=${filter}`;
    const zh: string[][] = parse((await download(k.admin, path)).bytes.toString('utf8').slice(1));
    expect(zh).toEqual([
      ['客户名称', '级别', '有效', '负责人'],
      ['标签', '重点', '是', '系统管理员'],
    ]);
    k.admin.locale = 'en-US';
    const en: string[][] = parse((await download(k.admin, path)).bytes.toString('utf8').slice(1));
    k.admin.locale = 'zh-CN';
    expect(en[0]).toEqual(['Name', 'Level', 'Active', 'Owner']);
    expect(en[1].slice(1, 3)).toEqual(['Key', 'Yes']);
  });

  test('CUS-11 export needs the export right, follows the export scope and never includes hidden fields', async () => {
    const seller = await k.user({
      username: 'seller',
      grants: { prospect: { read: 'all', create: 'own', export: 'own' } },
    });
    await seller.api.post('/api/objects/prospect', { name: '我的客户', tag: 'scope' });
    await k.admin.post('/api/objects/prospect', { name: '别人的客户', tag: 'scope' });
    const filter = encodeURIComponent(JSON.stringify({ field: 'tag', op: 'eq', value: 'scope' }));
    const mine: string[][] = parse(
      (await download(seller.api, `/api/objects/prospect/export?fields=name&filter=${filter}`)).bytes
        .toString('utf8')
        .slice(1),
    );
    expect(mine).toEqual([['客户名称'], ['我的客户']]);
    const reader = await k.user({ username: 'reader', grants: { prospect: { read: 'all' } } });
    const denied = await download(reader.api, '/api/objects/prospect/export');
    expect(denied.status).toBe(403);
    // A role that hides the credit limit: the column is neither exported by default nor on request.
    const role = await k.admin.post('/api/objects/role', {
      name: 'hides-credit',
      grants: { prospect: { read: 'all', export: 'all' } },
      fieldRights: { prospect: { credit: 'hidden' } },
    });
    const u = await k.admin.post('/api/objects/user', {
      username: 'nocredit',
      name: 'nocredit',
      password: testPassword,
      roles: [role.body.data.id],
    });
    expect(u.status).toBe(201);
    const hidden = await k.as('nocredit');
    const all: string[][] = parse(
      (await download(hidden, '/api/objects/prospect/export')).bytes.toString('utf8').slice(1),
    );
    expect(all[0]).not.toContain('信用额度');
    expect(all[0]).toContain('客户名称');
    const asked = await download(hidden, '/api/objects/prospect/export?fields=name,credit');
    expect(asked.status).toBe(400);
    expect(JSON.parse(asked.bytes.toString()).error.code).toBe('UNKNOWN_FIELD');
  });
});

describe('CUS-11 volume', () => {
  test('CUS-11 a 100,000-row CSV imports completely, with a version per record', async () => {
    const r = await k.admin.post('/api/metadata/objects', {
      name: 'bulkCustomer',
      label: { 'zh-CN': '批量客户', 'en-US': 'Bulk customer' },
      fields: {
        name: { type: 'text', required: true, label: { 'zh-CN': '名称', 'en-US': 'Name' } },
        phone: { type: 'phone', label: { 'zh-CN': '电话', 'en-US': 'Phone' } },
        level: { type: 'picklist', options: levels, label: { 'zh-CN': '级别', 'en-US': 'Level' } },
        credit: { type: 'money', label: { 'zh-CN': '额度', 'en-US': 'Credit' } },
        city: { type: 'text', label: { 'zh-CN': '城市', 'en-US': 'City' } },
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const n = 100_000;
    const lines = ['名称,电话,级别,额度,城市'];
    for (let i = 0; i < n; i++)
      lines.push(`客户${i},1390${String(i).padStart(7, '0')},${i % 3 ? '普通' : '重点'},${i % 1000}.5,济南`);
    const job = await importFile(k.admin, lines.join('\n'), {}, 'bulk.csv', 'bulkCustomer');
    expect(job).toMatchObject({ status: 'done', total: n, processed: n, created: n, failed: 0 });
    const count = await k.admin.list('bulkCustomer', { count: 'true', limit: '1' });
    expect(count.body.total).toBe(n);
    const h = await k.kehu.database.pool.query(
      `select count(*)::int as n from sys_history where object = 'bulkCustomer'`,
    );
    expect(h.rows[0].n).toBe(n);
    const events = await k.kehu.database.pool.query(
      `select count(*)::int as n from sys_outbox where object = 'bulkCustomer'`,
    );
    expect(events.rows[0].n).toBe(1);
  }, 120_000);
});
