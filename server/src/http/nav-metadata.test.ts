import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../test/harness.ts';

/**
 * The menu is built from declarations (issue 13): each object says in which group of the user's work it is listed,
 * configuration under settings; administrators choose it for their own objects. Starter roles speak Chinese.
 */
let k: TestKehu;
const navOf = async (name: string) =>
  (await k.admin.get('/api/metadata/objects')).body.data.find((o: { name: string }) => o.name === name)?.nav;

beforeAll(async () => {
  k = await startKehu();
});
afterAll(() => k?.close());

describe('SEC-2 where each object is listed', () => {
  test('SEC-2 business objects by the work they serve, configuration and logs under settings', async () => {
    expect(await navOf('customer')).toEqual({ group: 'customers', order: 10 });
    expect(await navOf('opportunity')).toEqual({ group: 'sales', order: 10 });
    for (const name of ['customerPoolRule', 'salesProcess', 'salesStage', 'exportRequest', 'operationLog', 'user'])
      expect((await navOf(name))?.group, name).toBe('settings');
    const meta = (await k.admin.get('/api/metadata/objects')).body.data;
    const searchable = meta.filter((o: { searchable: boolean }) => o.searchable).map((o: { name: string }) => o.name);
    expect(searchable).toEqual(expect.arrayContaining(['customer', 'contact', 'opportunity']));
    expect(searchable).not.toContain('operationLog');
  });

  test("WF-1 an administrator's object goes with the business data unless a group is chosen; a wrong group is refused", async () => {
    const fields = { name: { type: 'text', required: true } };
    const made = await k.admin.post('/api/metadata/objects', { name: 'visit', label: { 'zh-CN': '拜访记录' }, fields });
    expect(made.status).toBe(201);
    expect(made.body.data.nav).toEqual({ group: 'customers', order: 900 });
    const chosen = await k.admin.post('/api/metadata/objects', {
      name: 'vehicleModel',
      label: { 'zh-CN': '车型' },
      fields,
      nav: { group: 'sales', order: 950 },
    });
    expect(chosen.status).toBe(201);
    expect(await navOf('vehicleModel')).toEqual({ group: 'sales', order: 950 });
    const wrong = await k.admin.post('/api/metadata/objects', {
      name: 'wrongPlace',
      label: { 'zh-CN': '错误' },
      fields,
      nav: { group: 'orders' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual({ nav: 'invalidOption' });
  });
});

describe('OPS-5 starter roles', () => {
  test('OPS-5 the roles every installation starts with are described in Chinese', async () => {
    const roles = (await k.admin.list('role', { sort: 'id' })).body.data;
    expect(roles.map((r: { name: string; description: string }) => [r.name, r.description])).toEqual([
      ['系统管理员', '系统管理员：所有对象、所有记录'],
      ['销售经理', '销售经理：管理本人及下属的记录，可查看本部门及下属部门的记录'],
      ['销售员', '销售员：仅限本人的记录'],
    ]);
  });
});
