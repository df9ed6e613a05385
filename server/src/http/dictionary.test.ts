import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { startKehu, startKehuOn, type TestKehu } from '../../test/harness.ts';
import { SseClient } from '../../test/sse-client.ts';
import { creditCodeCheck } from '../modules/customers/credit-code.ts';

let k: TestKehu;
let seller: ApiClient;

beforeAll(async () => {
  k = await startKehu();
  const all = { create: 'all', read: 'all', update: 'all', delete: 'all', export: 'all' } as const;
  seller = (await k.user({ username: 'xiaoli', grants: { customer: all } })).api;
});
afterAll(() => k?.close());

type Opt = { value: string; label: Record<string, string>; color?: string; active: boolean; count?: number | null };

async function field(object: string, name: string) {
  const r = await k.admin.get('/api/dictionary');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data.find((f: { object: string; field: string }) => f.object === object && f.field === name);
}

/** The field's options as the editor sends them back (value, label, colour, active). */
const asInput = (options: Opt[]) =>
  options.map(({ value, label, color, active }) => ({ value, label, ...(color ? { color } : {}), active }));

async function edit(object: string, name: string, change: (o: ReturnType<typeof asInput>) => unknown[]) {
  const f = await field(object, name);
  return k.admin.patch(`/api/dictionary/${object}/${name}`, {
    options: change(asInput(f.options)),
    version: f.version,
  });
}

const metaOptions = async (api: ApiClient, object: string, name: string) =>
  (await api.get(`/api/metadata/objects/${object}`)).body.data.fields.find((f: { name: string }) => f.name === name)
    .options as Opt[];

const customer = (api: ApiClient, body: Record<string, unknown>) => api.post('/api/objects/customer', body);

let dealers = 0;
/** A dealer needs a credit code and a region (CUS-2). */
function dealer(name: string) {
  const first17 = `91370700MA3D${String(++dealers).padStart(5, '0')}`;
  return { name, type: 'dealer', creditCode: first17 + creditCodeCheck(first17), region: '山东省 潍坊市' };
}

async function created(api: ApiClient, body: Record<string, unknown>): Promise<{ id: number }> {
  const r = await customer(api, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data;
}

describe('WF-7 data dictionary: administrators edit picklist options', () => {
  test('WF-7 the dictionary lists built-in and custom picklists with usage counts through the grouping', async () => {
    await created(k.admin, dealer('济南鸿运物流'));
    await created(k.admin, dealer('青岛港城环卫'));
    const r = await k.admin.post('/api/metadata/objects/customer/fields', {
      name: 'channels',
      type: 'multiPicklist',
      label: { 'zh-CN': '合作渠道', 'en-US': 'Channels' },
      options: [
        { value: 'online', label: { 'zh-CN': '线上' } },
        { value: 'offline', label: { 'zh-CN': '线下' } },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    await created(k.admin, { name: '烟台渠道客户', type: 'direct', channels: ['online', 'offline'] });
    const type = await field('customer', 'type');
    expect(type).toMatchObject({ objectLabel: { 'zh-CN': '客户' }, label: { 'zh-CN': '客户类型' }, fixed: false });
    expect(type.options.find((o: Opt) => o.value === 'dealer')).toMatchObject({ count: 2, keep: 'locked' });
    expect(type.options.find((o: Opt) => o.value === 'direct')).toMatchObject({ count: 1, keep: 'default' });
    const channels = await field('customer', 'channels');
    expect(channels).toMatchObject({ custom: true, type: 'multiPicklist' });
    expect(channels.options.map((o: Opt) => o.count)).toEqual([1, 1]);
    expect(await field('opportunity', 'status')).toMatchObject({ fixed: true });
    // A field that takes another's options is edited there.
    expect(await field('customerPoolRule', 'customerTypes')).toBeUndefined();
  });

  test('WF-7 rename: the label changes in both languages, the stored value stays, old records show the new name', async () => {
    const before = await created(k.admin, dealer('潍坊老经销商'));
    const r = await edit('customer', 'type', (o) =>
      o.map((x) => (x.value === 'dealer' ? { ...x, label: { 'zh-CN': '代理商', 'en-US': 'Agent' } } : x)),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const again = await k.admin.get(`/api/objects/customer/${before.id}`);
    expect(again.body.data.type).toBe('dealer');
    const renamed = (await metaOptions(seller, 'customer', 'type')).find((o) => o.value === 'dealer');
    expect(renamed?.label).toEqual({ 'zh-CN': '代理商', 'en-US': 'Agent' });
    const csv = await k.admin.get(
      `/api/objects/customer/export?format=csv&fields=name,type&filter=${encodeURIComponent(JSON.stringify({ field: 'id', op: 'eq', value: before.id }))}`,
    );
    expect(String(csv.body)).toContain('潍坊老经销商,代理商');
  });

  test('WF-7 add: a new option gets a new value key and is accepted on write; bad keys are refused by label', async () => {
    const r = await edit('customer', 'type', (o) => [
      ...o,
      { label: { 'zh-CN': '战略客户', 'en-US': 'Key account' }, color: '#722ed1', active: true },
    ]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const added = r.body.data.options.at(-1);
    expect(added).toMatchObject({ value: 'keyAccount', color: '#722ed1', active: true, count: 0, declared: false });
    const c = await customer(seller, { name: '徐工战略客户', type: 'keyAccount' });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    const bad = await edit('customer', 'type', (o) => [
      ...o,
      { value: '中文', label: { 'zh-CN': '坏值' }, active: true },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('DICTIONARY_INVALID');
    expect(bad.body.error.message).toContain('客户类型：选项值「中文」无效');
    const dup = await edit('customer', 'type', (o) => [...o, { ...o[0], label: { 'zh-CN': '重复' } }]);
    expect(dup.body.error.message).toContain('客户类型：选项值「direct」重复');
    const colour = await edit('customer', 'type', (o) => [{ ...o[0], color: 'url(javascript:x)' }, ...o.slice(1)]);
    expect(colour.status).toBe(400);
    expect(colour.body.error.params.reason).toBe('color');
  });

  test('WF-7 reorder: the metadata lists the options in the new order', async () => {
    const f = await field('customer', 'type');
    const reversed = [...asInput(f.options)].reverse();
    const r = await k.admin.patch('/api/dictionary/customer/type', { options: reversed, version: f.version });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await metaOptions(seller, 'customer', 'type')).map((o) => o.value)).toEqual(reversed.map((o) => o.value));
    const stale = await k.admin.patch('/api/dictionary/customer/type', { options: reversed, version: f.version });
    expect(stale.status).toBe(409);
  });

  test('WF-7 deactivate: new writes are refused naming the field, records holding it still read, filter and group', async () => {
    const held = await created(seller, { name: '日照合作伙伴', type: 'partner' });
    const r = await edit('customer', 'type', (o) =>
      o.map((x) => (x.value === 'partner' ? { ...x, active: false } : x)),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await metaOptions(seller, 'customer', 'type')).find((o) => o.value === 'partner')).toMatchObject({
      active: false,
    });
    const refused = await customer(seller, { name: '新合作伙伴', type: 'partner' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual({ type: 'inactiveOption' });
    expect(refused.body.error.message).toContain('客户类型：选项已停用');
    seller.locale = 'en-US';
    expect((await customer(seller, { name: 'x', type: 'partner' })).body.error.message).toContain(
      'Type: this option has been deactivated',
    );
    seller.locale = 'zh-CN';
    const moved = await seller.patch(`/api/objects/customer/${held.id}`, { type: 'direct' });
    expect(moved.status).toBe(200);
    expect((await seller.patch(`/api/objects/customer/${held.id}`, { type: 'partner' })).status).toBe(400);
    const kept = await created(k.admin, { name: '临沂合作伙伴', type: 'direct' });
    await sql`update obj_customer set type = 'partner' where id = ${kept.id}`.execute(k.kehu.engine.db);
    const read = await seller.get(`/api/objects/customer/${kept.id}`);
    expect(read.body.data.type).toBe('partner');
    // Saving the record with the value it holds (a form sends every field) is not a new choice.
    const same = await seller.patch(`/api/objects/customer/${kept.id}`, { type: 'partner', shortName: '临沂' });
    expect(same.status, JSON.stringify(same.body)).toBe(200);
    const list = await seller.list('customer', { filter: { field: 'type', op: 'eq', value: 'partner' } });
    expect(list.body.data.map((c: { id: number }) => c.id)).toEqual([kept.id]);
    const groups = await seller.get('/api/objects/customer/group?by=type');
    expect(groups.body.data).toContainEqual(expect.objectContaining({ key: { type: 'partner' }, count: 1 }));
    expect((await field('customer', 'type')).options.find((o: Opt) => o.value === 'partner').count).toBe(1);
    // Restoring a version brings back the value the record held: nothing is lost.
    const restored = await seller.post(`/api/objects/customer/${held.id}/restore`, { version: 1 });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(restored.body.data.type).toBe('partner');
  });

  test('WF-7 locked options, defaults, fixed fields and declared options are refused with a clear error', async () => {
    const locked = await edit('customer', 'type', (o) =>
      o.map((x) => (x.value === 'dealer' ? { ...x, active: false } : x)),
    );
    expect(locked.status).toBe(400);
    expect(locked.body.error.message).toContain('客户类型：选项「代理商」由系统使用，不能停用或删除');
    const byDefault = await edit('customer', 'type', (o) =>
      o.map((x) => (x.value === 'direct' ? { ...x, active: false } : x)),
    );
    expect(byDefault.body.error.params.reason).toBe('default');
    const removed = await edit('customer', 'type', (o) => o.filter((x) => x.value !== 'prospect'));
    expect(removed.body.error.message).toContain('不能删除，只能停用');
    const fixed = await edit('task', 'status', (o) => [...o, { label: { 'zh-CN': '挂起' }, active: true }]);
    expect(fixed.status).toBe(400);
    expect(fixed.body.error.message).toContain('状态：此字段的选项由系统固定');
    const renamed = await edit('task', 'status', (o) =>
      o.map((x) => (x.value === 'done' ? { ...x, label: { 'zh-CN': '已办结', 'en-US': 'Closed' }, color: 'cyan' } : x)),
    );
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const derived = await k.admin.patch('/api/dictionary/customerPoolRule/customerTypes', { options: [] });
    expect(derived.body.error.message).toContain('跟随「客户类型」');
    expect((await edit('customer', 'type', (o) => o)).status).toBe(200);
  });

  test('WF-7 an option an approval flow writes stays active', async () => {
    const obj = await k.admin.post('/api/metadata/objects', {
      name: 'purchase',
      label: { 'zh-CN': '采购申请' },
      fields: {
        name: { type: 'text', required: true },
        stage: {
          type: 'picklist',
          label: { 'zh-CN': '审批状态' },
          options: [
            { value: 'draft', label: { 'zh-CN': '草稿' } },
            { value: 'ok', label: { 'zh-CN': '已批准' } },
          ],
        },
      },
    });
    expect(obj.status, JSON.stringify(obj.body)).toBe(201);
    const flow = await k.admin.post('/api/flows', {
      key: 'purchase',
      object: 'purchase',
      name: '采购审批',
      tree: { nodes: [], settings: {}, binding: { stateField: 'stage', states: { approved: 'ok' } } },
    });
    expect(flow.status, JSON.stringify(flow.body)).toBe(201);
    const r = await edit('purchase', 'stage', (o) => o.map((x) => (x.value === 'ok' ? { ...x, active: false } : x)));
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain('审批状态：选项「已批准」是审批流程「采购审批」的状态');
  });

  test('WF-7 an unused option an administrator added can be removed; one in use only deactivated', async () => {
    const added = await edit('customer', 'industry', (o) => [...o, { label: { 'zh-CN': '矿山' }, active: true }]);
    const value = added.body.data.options.at(-1).value;
    expect(value).toBe('option1');
    const c = await created(k.admin, { name: '矿山客户', type: 'direct', industry: value });
    const inUse = await edit('customer', 'industry', (o) => o.filter((x) => x.value !== value));
    expect(inUse.body.error.message).toContain('已有 1 条记录使用');
    await k.admin.delete(`/api/objects/customer/${c.id}`);
    // In the recycle bin, it still holds the value.
    expect((await edit('customer', 'industry', (o) => o.filter((x) => x.value !== value))).status).toBe(400);
    await sql`delete from obj_customer where id = ${c.id}`.execute(k.kehu.engine.db);
    const gone = await edit('customer', 'industry', (o) => o.filter((x) => x.value !== value));
    expect(gone.status, JSON.stringify(gone.body)).toBe(200);
    expect(gone.body.data.options.map((o: Opt) => o.value)).not.toContain(value);
  });

  test('WF-7 the options a pool rule offers follow the customer types', async () => {
    const types = await metaOptions(k.admin, 'customerPoolRule', 'customerTypes');
    expect(types.map((o) => o.value)).toContain('keyAccount');
    expect(types.find((o) => o.value === 'dealer')?.label['zh-CN']).toBe('代理商');
  });

  test('WF-7 bad input never answers 500, and every edit is in the operation log', async () => {
    for (const body of [
      {},
      { options: 'x' },
      { options: [null] },
      { options: [{ label: 'x', active: true }] },
      { options: [{ label: { 'zh-CN': '' }, active: true }] },
      { options: [{ label: { 'zh-CN': 'a', fr: 'b' }, active: true }] },
      { options: [{ value: 7, label: { 'zh-CN': 'a' }, active: true }] },
      { options: [{ label: { 'zh-CN': 'a' }, active: 'yes' }] },
      { options: [], version: 'x' },
      { options: [], extra: 1 },
    ]) {
      const r = await k.admin.patch('/api/dictionary/customer/type', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect((await k.admin.patch('/api/dictionary/customer/name', { options: [] })).status).toBe(400);
    expect((await k.admin.patch('/api/dictionary/nothing/type', { options: [] })).status).toBe(404);
    const log = await sql<{
      detail: string;
      target_object: string;
      status: number;
    }>`select detail, target_object, status
      from obj_operation_log where action = 'PATCH /api/dictionary/:object/:field' and status = 200
      order by id`.execute(k.kehu.engine.db);
    expect(log.rows.map((x) => x.detail)).toContainEqual(expect.stringContaining('customer.type v1: renamed dealer'));
    expect(log.rows.map((x) => x.detail)).toContainEqual(expect.stringContaining('deactivated partner'));
  });

  test('WF-7 only administrators read or edit the dictionary', async () => {
    expect((await seller.get('/api/dictionary')).status).toBe(403);
    const r = await seller.patch('/api/dictionary/customer/type', { options: [] });
    expect(r.status).toBe(403);
  });

  test('WF-7 a second server process sees an edit at once (LISTEN/NOTIFY)', async () => {
    const other = await startKehuOn(k.dbUrl);
    try {
      const api = await other.as('xiaoli');
      const stream = await SseClient.open(api, '/api/notifications/stream');
      const r = await edit('customer', 'source', (o) =>
        o.map((x) => (x.value === 'advertising' ? { ...x, label: { 'zh-CN': '广告投放' }, active: false } : x)),
      );
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      await expect
        .poll(async () => (await metaOptions(api, 'customer', 'source')).find((o) => o.value === 'advertising'))
        .toMatchObject({ label: { 'zh-CN': '广告投放' }, active: false });
      const refused = await customer(api, { name: '广告来的客户', type: 'direct', source: 'advertising' });
      expect(refused.body.error?.fields).toEqual({ source: 'inactiveOption' });
      // Open pages in the other process are told to reload the metadata they offer options from.
      await stream.next((e) => e.event === 'metadata');
      stream.close();
    } finally {
      await other.close();
    }
  });
});
