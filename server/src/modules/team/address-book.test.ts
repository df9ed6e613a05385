import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { salesGrants } from './test-kit.ts';

let k: TestKehu;

beforeAll(async () => {
  k = await startKehu();
});
afterAll(() => k?.close());

async function dept(name: string, code: string, parent?: number): Promise<number> {
  return (await k.admin.post('/api/objects/department', { name, code, parent })).body.data.id;
}

async function person(username: string, name: string, department: number, mobile: string, roles: number[]) {
  const r = await k.admin.post('/api/objects/user', {
    username,
    name,
    department,
    mobile,
    email: `${username}@kaile.example.com`,
    title: '销售代表',
    password: 'Correct-Horse-42',
    roles,
  });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body.data.id as number;
}

describe('TEAM-7 address book', () => {
  test('TEAM-7 colleagues by department tree with phone and email; hidden fields stay hidden', async () => {
    const role = (await k.admin.post('/api/objects/role', { name: '通讯录-销售', grants: salesGrants })).body.data.id;
    const secret = (
      await k.admin.post('/api/objects/role', {
        name: '通讯录-外包',
        grants: salesGrants,
        fieldRights: { user: { mobile: 'hidden', email: 'hidden' } },
      })
    ).body.data.id;
    const east = await dept('华东大区', 'AB-E');
    const jinan = await dept('济南办事处', 'AB-JN', east);
    const nanjing = await dept('南京办事处', 'AB-NJ', east);
    const north = await dept('华北大区', 'AB-N');
    const zhang = await person('ab-zhang', '张伟', jinan, '13805310001', [role]);
    const liu = await person('ab-liu', '刘洋', nanjing, '13905250002', [role]);
    await person('ab-chen', '陈静', north, '13701000003', [role]);
    await person('ab-wu', '吴敏', north, '13701000004', [secret]);
    const off = await person('ab-off', '离职者', jinan, '13805310009', [role]);
    await k.admin.patch(`/api/objects/user/${off}`, { active: false });

    const me = await k.as('ab-zhang');
    const r = await me.get(`/api/address-book?department=${east}`);
    expect(r.status).toBe(200);
    const tree = r.body.data.departments;
    const eastNode = tree.find((d: { id: number }) => d.id === east);
    expect(eastNode.children.map((d: { name: string }) => d.name)).toEqual(['南京办事处', '济南办事处']);
    expect(r.body.data.people.map((p: { id: number }) => p.id).sort()).toEqual([zhang, liu].sort());
    const card = r.body.data.people.find((p: { id: number }) => p.id === liu);
    expect(card).toMatchObject({
      name: '刘洋',
      title: '销售代表',
      mobile: '+8613905250002',
      email: 'ab-liu@kaile.example.com',
    });
    expect(card.department).toMatchObject({ id: nanjing, label: '南京办事处' });
    expect(card).not.toHaveProperty('password');

    const found = await me.get(`/api/address-book?q=${encodeURIComponent('刘洋')}`);
    expect(found.body.data.people.map((p: { id: number }) => p.id)).toEqual([liu]);

    // A role that may not see phone numbers and emails gets the names only.
    const outsider = await k.as('ab-wu');
    const hidden = await outsider.get(`/api/address-book?department=${jinan}`);
    expect(hidden.body.data.people).toEqual([
      {
        id: zhang,
        name: '张伟',
        title: '销售代表',
        department: { id: jinan, label: '济南办事处' },
        username: 'ab-zhang',
      },
    ]);
    expect((await me.get('/api/address-book?department=999999')).body.error.fields).toEqual({ department: 'notFound' });
  });
});
