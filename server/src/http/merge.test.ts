import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../test/harness.ts';

let k: TestKehu;
let li: { id: number };
let fileId = 0;
const ids = { a: 0, b: 0, sub: 0, a1: 0, b1: 0, b2: 0, binned: 0, v1: 0, v2: 0 };

const rec = async (object: string, id: number) => (await k.admin.get(`/api/objects/${object}/${id}`)).body.data;
const create = async (object: string, body: Record<string, unknown>) => {
  const r = await k.admin.post(`/api/objects/${object}`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data.id as number;
};
const contactsOf = async (customer: number) =>
  (await k.admin.list('contact', { filter: { field: 'customer', op: 'eq', value: customer }, sort: 'id' })).body.data
    .map((c: { id: number }) => c.id)
    .sort();
const linkIds = (v: Array<{ id: number }>) => v.map((x) => x.id).sort();
/** The API form without what every write changes (version and update stamps). */
const stable = (r: Record<string, unknown>) => {
  const { version: _v, updatedAt: _u, updatedBy: _b, ...rest } = r;
  return rest;
};
const everything = async () => ({
  a: stable(await rec('customer', ids.a)),
  sub: stable(await rec('customer', ids.sub)),
  b1: stable(await rec('contact', ids.b1)),
  binned: stable((await k.admin.get(`/api/objects/contact/${ids.binned}?deleted=true`)).body.data),
  v1: stable(await rec('visitLog', ids.v1)),
  v2: stable(await rec('visitLog', ids.v2)),
  shares: (await k.admin.get(`/api/objects/customer/${ids.b}/shares`)).body.data,
});

beforeAll(async () => {
  k = await startKehu();
  li = await k.user({ username: 'li', grants: { customer: { read: 'own' } } });
  const obj = await k.admin.post('/api/metadata/objects', {
    name: 'visitLog',
    label: { 'zh-CN': '拜访记录', 'en-US': 'Visit log' },
    fields: {
      title: { type: 'text', required: true },
      customer: { type: 'manyToOne', object: 'customer' },
      partners: { type: 'manyToMany', object: 'customer' },
    },
  });
  expect(obj.status, JSON.stringify(obj.body)).toBe(201);
  ids.a = await create('customer', { name: '济南开乐专用车有限公司', phone: '0531-88880001' });
  const form = new FormData();
  form.append('file', new Blob(['营业执照'], { type: 'text/plain' }), '营业执照.txt');
  const up = await fetch(`${k.baseUrl}/api/files`, {
    method: 'POST',
    body: form,
    headers: { cookie: k.admin.cookie!, 'x-csrf-token': k.admin.csrf! },
  });
  fileId = (await up.json()).data.id;
  ids.b = await create('customer', {
    name: '开乐专用车（济南）有限公司',
    email: 'kaile@example.com',
    notes: '老客户',
    attachments: [fileId],
  });
  ids.sub = await create('customer', { name: '开乐专用车青岛分公司', parent: ids.b });
  ids.a1 = await create('contact', { name: '张伟', customer: ids.a });
  ids.b1 = await create('contact', { name: '李娜', customer: ids.b });
  ids.b2 = await create('contact', { name: '王强', customer: ids.b });
  ids.binned = await create('contact', { name: '已删除的联系人', customer: ids.b });
  expect((await k.admin.delete(`/api/objects/contact/${ids.binned}`)).status).toBe(200);
  ids.v1 = await create('visitLog', { title: '首次拜访', customer: ids.b, partners: [ids.a, ids.b] });
  ids.v2 = await create('visitLog', { title: '回访', partners: [ids.b] });
  const s = await k.admin.post(`/api/objects/customer/${ids.b}/shares`, { user: li.id, level: 'read' });
  expect(s.status).toBe(201);
});
afterAll(() => k?.close());

describe('CUS-6 merge and undo', () => {
  let before: Awaited<ReturnType<typeof everything>>;
  let mergeId = 0;

  test('CUS-6 merging moves contacts, subsidiaries, custom-object references, many-to-many links, shares and files', async () => {
    before = await everything();
    const r = await k.admin.post('/api/objects/customer/merge', {
      survivor: ids.a,
      merged: [ids.b],
      values: { email: ids.b, notes: ids.b, phone: ids.a },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    mergeId = r.body.data.merge.id;
    expect(r.body.data.record).toMatchObject({ id: ids.a, email: 'kaile@example.com', notes: '老客户' });
    expect(r.body.data.record.phone).toBe(before.a.phone);
    expect(r.body.data.record.attachments).toEqual([expect.objectContaining({ id: fileId, name: '营业执照.txt' })]);
    expect(await contactsOf(ids.a)).toEqual([ids.a1, ids.b1, ids.b2].sort());
    expect((await rec('customer', ids.sub)).parent.id).toBe(ids.a);
    const v1 = await rec('visitLog', ids.v1);
    expect(v1.customer.id).toBe(ids.a);
    expect(linkIds(v1.partners)).toEqual([ids.a]);
    expect(linkIds((await rec('visitLog', ids.v2)).partners)).toEqual([ids.a]);
    const shares = await k.admin.get(`/api/objects/customer/${ids.a}/shares`);
    expect(shares.body.data).toEqual([expect.objectContaining({ user: { id: li.id, label: 'li' }, level: 'read' })]);
    // Records in the recycle bin follow too, so that restoring one does not bring back a dangling reference.
    const binned = await k.admin.get(`/api/objects/contact/${ids.binned}?deleted=true`);
    expect(binned.body.data.customer.id).toBe(ids.a);
    expect(r.body.data.moved).toEqual({ references: 5, links: 1, shares: 1 });
  });

  test('CUS-6 the merged record is in the recycle bin and no longer readable as live', async () => {
    expect((await k.admin.get(`/api/objects/customer/${ids.b}`)).status).toBe(404);
    const bin = await k.admin.get('/api/recycle-bin/customer');
    expect(bin.body.data.map((c: { id: number }) => c.id)).toContain(ids.b);
  });

  test('CUS-6 history on every touched record says it was a merge; the merge is listed on both records', async () => {
    for (const [object, id] of [
      ['customer', ids.a],
      ['customer', ids.sub],
      ['contact', ids.b1],
      ['visitLog', ids.v1],
      ['visitLog', ids.v2],
    ] as const) {
      const h = await k.admin.get(`/api/objects/${object}/${id}/history`);
      expect(h.body.data[0].action, `${object} ${id}`).toBe('merge');
    }
    const ha = await k.admin.get(`/api/objects/customer/${ids.a}/history`);
    expect(ha.body.data[0].actor.label).toBe('系统管理员');
    const m = await k.admin.get(`/api/objects/customer/${ids.a}/merges`);
    expect(m.body.data).toEqual([
      expect.objectContaining({
        id: mergeId,
        role: 'survivor',
        survivor: { id: ids.a, label: '济南开乐专用车有限公司' },
        merged: [{ id: ids.b, label: '开乐专用车（济南）有限公司' }],
        fields: ['email', 'notes', 'attachments'],
        undoneAt: null,
      }),
    ]);
    const mb = await k.admin.get(`/api/objects/customer/${ids.b}/merges`);
    expect(mb.body.data[0]).toMatchObject({ id: mergeId, role: 'merged' });
    const log = await k.admin.list('operationLog', {
      filter: { field: 'detail', op: 'contains', value: `merge ${mergeId}:` },
    });
    expect(log.body.data[0].detail).toBe(`merge ${mergeId}: ${ids.b} → ${ids.a}`);
  });

  test('CUS-6 undo restores exactly what the merge changed', async () => {
    const u = await k.admin.post(`/api/merges/${mergeId}/undo`);
    expect(u.status, JSON.stringify(u.body)).toBe(200);
    expect(await everything()).toEqual(before);
    expect(await contactsOf(ids.a)).toEqual([ids.a1]);
    expect(await contactsOf(ids.b)).toEqual([ids.b1, ids.b2].sort());
    expect((await k.admin.get(`/api/objects/customer/${ids.a}/shares`)).body.data).toEqual([]);
    const hb = await k.admin.get(`/api/objects/customer/${ids.b}/history`);
    expect(hb.body.data[0].action).toBe('unmerge');
    const again = await k.admin.post(`/api/merges/${mergeId}/undo`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('MERGE_UNDONE');
    const m = await k.admin.get(`/api/objects/customer/${ids.a}/merges`);
    expect(m.body.data[0].undoneAt).toEqual(expect.any(String));
    expect(m.body.data[0].undoneBy.label).toBe('系统管理员');
  });

  test('CUS-6 undo keeps later edits of other fields but refuses when a merged field was edited since', async () => {
    const r = await k.admin.post('/api/objects/customer/merge', {
      survivor: ids.a,
      merged: [ids.b],
      values: { email: ids.b },
    });
    expect(r.status).toBe(200);
    const id = r.body.data.merge.id;
    expect((await k.admin.patch(`/api/objects/customer/${ids.a}`, { email: 'other@example.com' })).status).toBe(200);
    const refused = await k.admin.post(`/api/merges/${id}/undo`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'MERGE_UNDO_CHANGED' });
    expect(refused.body.error.message).toContain('电子邮箱');
    expect(await contactsOf(ids.a)).toEqual([ids.a1, ids.b1, ids.b2].sort());
    await k.admin.patch(`/api/objects/customer/${ids.a}`, { email: 'kaile@example.com', shortName: '开乐' });
    const u = await k.admin.post(`/api/merges/${id}/undo`);
    expect(u.status, JSON.stringify(u.body)).toBe(200);
    expect(u.body.data.record).toMatchObject({ email: null, shortName: '开乐' });
    expect(await contactsOf(ids.b)).toEqual([ids.b1, ids.b2].sort());
  });

  test('CUS-6 a contact moved elsewhere after the merge stays there on undo; a merged record restored by hand blocks undo', async () => {
    const r = await k.admin.post('/api/objects/customer/merge', { survivor: ids.a, merged: [ids.b] });
    const id = r.body.data.merge.id;
    const other = await create('customer', { name: '淄博华通物流有限公司' });
    await k.admin.patch(`/api/objects/contact/${ids.b2}`, { customer: other });
    expect((await k.admin.post(`/api/objects/customer/${ids.b}/restore`)).status).toBe(200);
    const blocked = await k.admin.post(`/api/merges/${id}/undo`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('MERGE_UNDO_BLOCKED');
    expect((await k.admin.delete(`/api/objects/customer/${ids.b}`)).status).toBe(200);
    expect((await k.admin.post(`/api/merges/${id}/undo`)).status).toBe(200);
    expect(await contactsOf(ids.b)).toEqual([ids.b1]);
    expect(await contactsOf(other)).toEqual([ids.b2]);
  });

  test('CUS-6 contacts merge too: people reporting to the merged contact report to the survivor', async () => {
    const boss = await create('contact', { name: '赵总', customer: ids.a, mobile: '13900000001' });
    const dup = await create('contact', { name: '赵总（重复）', customer: ids.a, email: 'zhao@example.com' });
    const report = await create('contact', { name: '钱经理', customer: ids.a, reportsTo: dup });
    const r = await k.admin.post('/api/objects/contact/merge', {
      survivor: boss,
      merged: [dup],
      values: { email: dup },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data.record).toMatchObject({ mobile: '+8613900000001', email: 'zhao@example.com' });
    expect((await rec('contact', report)).reportsTo.id).toBe(boss);
  });
});
