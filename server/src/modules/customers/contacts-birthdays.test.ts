import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../../test/api-client.ts';
import { startKehu, type TestKehu, testPassword } from '../../../test/harness.ts';

let k: TestKehu;
let li: { id: number; api: ApiClient };
let customer: number;

type Item = { contact: { id: number; name: string }; kind: string; date: string; age: number | null };
const brief = (items: Item[]) => items.map((i) => `${i.date} ${i.contact.name} ${i.kind} ${i.age ?? '-'}`);

async function contact(fields: Record<string, unknown>) {
  const r = await k.admin.post('/api/objects/contact', { customer, ...fields });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

beforeAll(async () => {
  // No KEHU_SMTP_URL here: this installation also shows how unconfigured mail is refused.
  k = await startKehu();
  li = await k.user({ username: 'li', grants: { customer: { read: 'all' }, contact: { read: 'own' } } });
  customer = (await k.admin.post('/api/objects/customer', { name: '郑州宇通专用车有限公司', type: 'direct' })).body.data
    .id;
  await contact({ name: '陈总', birthday: '1975-03-21', title: '总经理' });
  await contact({ name: '林工', birthday: '1990-03-02', owner: li.id });
  await contact({ name: '黄会计', birthday: '1985-04-01' });
  // 2026: 正月十五 is 3 March; 二月初二 is 20 March.
  await contact({ name: '何主任', lunarBirthday: '正月十五', owner: li.id });
  await contact({ name: '罗科长', lunarBirthday: '二月初二', birthday: '1970-03-09' });
  await contact({ name: '宋经理', birthday: '1992-02-29' });
  await contact({ name: '谢师傅', lunarBirthday: '腊月初八' });
});
afterAll(() => k?.close());

describe('CUS-10 birthdays this month', () => {
  test('CUS-10 solar and lunar birthdays of a month, by day, with age and customer', async () => {
    const r = await k.admin.get('/api/contacts/birthdays?month=2026-03');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data.month).toBe('2026-03');
    expect(r.body.data.truncated).toBe(false);
    expect(brief(r.body.data.items)).toEqual([
      '2026-03-02 林工 solar 36',
      '2026-03-03 何主任 lunar -',
      '2026-03-09 罗科长 solar 56',
      '2026-03-20 罗科长 lunar 56',
      '2026-03-21 陈总 solar 51',
    ]);
    expect(r.body.data.items[4]).toMatchObject({
      customer: { id: customer, label: '郑州宇通专用车有限公司' },
      title: '总经理',
      birthday: '1975-03-21',
    });
  });

  test('CUS-10 29 February falls on the 28th in a common year; 腊月 birthdays land in January', async () => {
    const feb = await k.admin.get('/api/contacts/birthdays?month=2026-02');
    expect(brief(feb.body.data.items)).toContain('2026-02-28 宋经理 solar 34');
    const leap = await k.admin.get('/api/contacts/birthdays?month=2028-02');
    expect(brief(leap.body.data.items)).toContain('2028-02-29 宋经理 solar 36');
    // 腊月初八 of the lunar year 2025 is 26 January 2026.
    const jan = await k.admin.get('/api/contacts/birthdays?month=2026-01');
    expect(brief(jan.body.data.items)).toEqual(['2026-01-26 谢师傅 lunar -']);
  });

  test('CUS-10 birthdays list only contacts the user may read', async () => {
    const r = await li.api.get('/api/contacts/birthdays?month=2026-03');
    expect(r.status).toBe(200);
    expect(brief(r.body.data.items)).toEqual(['2026-03-02 林工 solar 36', '2026-03-03 何主任 lunar -']);
    const none = await k.user({ username: 'nocontacts', grants: { customer: { read: 'all' } } });
    expect((await none.api.get('/api/contacts/birthdays?month=2026-03')).status).toBe(403);
  });

  test('CUS-10 a hidden birthday field selects nobody by it (it would reveal the birthday)', async () => {
    const role = await k.admin.post('/api/objects/role', {
      name: 'no-birthday',
      grants: { contact: { read: 'all' } },
      fieldRights: { contact: { birthday: 'hidden' } },
    });
    await k.admin.post('/api/objects/user', {
      username: 'nob',
      name: 'nob',
      password: testPassword,
      roles: [role.body.data.id],
    });
    const nob = await k.as('nob');
    const r = await nob.get('/api/contacts/birthdays?month=2026-03');
    expect(brief(r.body.data.items)).toEqual(['2026-03-03 何主任 lunar -', '2026-03-20 罗科长 lunar -']);
    expect(JSON.stringify(r.body)).not.toContain('1970-03-09');
  });

  test('CUS-10 the current month by default; a bad month or parameter is refused with the field named', async () => {
    const now = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' });
    const r = await k.admin.get('/api/contacts/birthdays');
    expect(r.body.data.month).toBe(now.format(new Date()));
    for (const month of ['2026-13', '2026-3', 'march', '1800-01']) {
      const bad = await k.admin.get(`/api/contacts/birthdays?month=${month}`);
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { month: 'format' } });
    }
    const unknown = await k.admin.get('/api/contacts/birthdays?day=1');
    expect(unknown.body.error.code).toBe('UNKNOWN_PARAMETER');
  });
});

describe('CUS-10 mail service configuration', () => {
  test('CUS-10 without KEHU_SMTP_URL group email is refused as "mail is not configured", never dropped', async () => {
    const c = await k.admin.list('contact', { filter: { field: 'name', op: 'eq', value: '陈总' } });
    const r = await k.admin.post('/api/contacts/email', { ids: [c.body.data[0].id], subject: '问候', body: '您好' });
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('MAIL_NOT_CONFIGURED');
    k.admin.locale = 'en-US';
    const en = await k.admin.post('/api/contacts/email', { ids: [c.body.data[0].id], subject: 'Hi', body: 'Hello' });
    k.admin.locale = 'zh-CN';
    expect(en.body.error.message).toContain('mail is not configured');
    const log = await k.admin.list('mailLog');
    expect(log.body.data).toEqual([]);
  });
});
