import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { create, hoursAgo, hoursAhead, type Team, team } from './test-kit.ts';

let k: TestKehu;
let t: Team;

beforeAll(async () => {
  k = await startKehu();
  t = await team(k, 'act');
});
afterAll(() => k?.close());

describe('TEAM-2 activities', () => {
  test("TEAM-2 a visit logged on a contact fills the customer and keeps the customer's last contact", async () => {
    const customer = await create(t.li.api, 'customer', { name: '济南恒通环卫有限公司' });
    const contact = await create(t.li.api, 'contact', { name: '王建国', customer: customer.id });
    const at = hoursAgo(5);
    const visit = await create(t.li.api, 'activity', {
      type: 'visit',
      subject: '现场演示洗扫车',
      contact: contact.id,
      time: at,
      duration: 90,
      location: { province: '山东省', city: '济南市', district: '历下区', street: '经十路 100 号' },
      latitude: '36.651200',
      longitude: '117.120000',
      nextStep: '下周报价',
    });
    expect(visit).toMatchObject({ customer: { id: customer.id }, contact: { id: contact.id }, owner: { id: t.li.id } });
    expect(visit.location).toMatchObject({ street: '经十路 100 号' });
    const after = (await t.li.api.get(`/api/objects/customer/${customer.id}`)).body.data;
    expect(after.lastContactAt).toBe(at);
    // The change went through the pipeline: the customer's history has it.
    const history = (await t.li.api.get(`/api/objects/customer/${customer.id}/history`)).body.data;
    expect(history[0].changes.lastContactAt).toEqual([null, at]);

    // An older call does not move it back; a planned (future) one is not contact yet.
    await create(t.li.api, 'activity', {
      type: 'call',
      subject: '电话确认',
      customer: customer.id,
      time: hoursAgo(48),
    });
    await create(t.li.api, 'activity', { type: 'call', subject: '回访', customer: customer.id, time: hoursAhead(24) });
    expect((await t.li.api.get(`/api/objects/customer/${customer.id}`)).body.data.lastContactAt).toBe(at);

    // Deleting the latest activity falls back to the one before it.
    expect((await t.li.api.delete(`/api/objects/activity/${visit.id}`)).status).toBe(200);
    const back = (await t.li.api.get(`/api/objects/customer/${customer.id}`)).body.data.lastContactAt;
    expect(Date.parse(back)).toBeLessThan(Date.parse(at));
  });

  test('TEAM-2 the time defaults to now; a contact of another customer and an unreadable customer are refused', async () => {
    const a = await create(t.li.api, 'customer', { name: '淄博宏达物流有限公司' });
    const b = await create(t.li.api, 'customer', { name: '潍坊顺安运输有限公司' });
    const contact = await create(t.li.api, 'contact', { name: '李娜', customer: a.id });
    const now = await create(t.li.api, 'activity', { subject: '电话', customer: a.id });
    expect(now.type).toBe('call');
    expect(Math.abs(Date.parse(now.time) - Date.now())).toBeLessThan(60_000);
    const wrong = await t.li.api.post('/api/objects/activity', { subject: 'x', customer: b.id, contact: contact.id });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual({ contact: 'mismatch' });
    // Wang cannot read Li's customer: attaching an activity to it looks as if it did not exist.
    const hidden = await t.wang.api.post('/api/objects/activity', { subject: 'x', customer: a.id });
    expect(hidden.status).toBe(400);
    expect(hidden.body.error.fields).toEqual({ customer: 'notFound' });
    const bad = await t.li.api.post('/api/objects/activity', { subject: 'x', type: 'telegram', latitude: 91 });
    expect(bad.body.error.fields).toMatchObject({ type: 'invalidOption', latitude: 'tooLarge' });
  });

  test("TEAM-2 the customer timeline merges its own and its contacts' activities, newest first, within rights", async () => {
    const c = await create(t.li.api, 'customer', { name: '青岛海港环境工程有限公司' });
    const contact = await create(t.li.api, 'contact', { name: '赵强', customer: c.id });
    const first = await create(t.li.api, 'activity', {
      type: 'email',
      subject: '发送资料',
      customer: c.id,
      time: hoursAgo(30),
    });
    const second = await create(t.li.api, 'activity', {
      type: 'visit',
      subject: '拜访',
      contact: contact.id,
      time: hoursAgo(3),
    });
    // The manager logs a meeting on Li's customer: Li (scope own) does not see it, the manager does.
    const meeting = await create(t.manager.api, 'activity', {
      type: 'meeting',
      subject: '高层会谈',
      customer: c.id,
      time: hoursAgo(10),
    });

    const li = await t.li.api.get(`/api/customers/${c.id}/timeline`);
    expect(li.status).toBe(200);
    expect(li.body.data.map((a: { id: number }) => a.id)).toEqual([second.id, first.id]);
    const mgr = await t.manager.api.get(`/api/customers/${c.id}/timeline`);
    expect(mgr.body.data.map((a: { id: number }) => a.id)).toEqual([second.id, meeting.id, first.id]);

    const page = await t.manager.api.get(`/api/customers/${c.id}/timeline?limit=2`);
    expect(page.body.data).toHaveLength(2);
    const rest = await t.manager.api.get(`/api/customers/${c.id}/timeline?limit=2&cursor=${page.body.nextCursor}`);
    expect(rest.body.data.map((a: { id: number }) => a.id)).toEqual([first.id]);
    const visits = await t.manager.api.get(`/api/customers/${c.id}/timeline?types=visit`);
    expect(visits.body.data.map((a: { id: number }) => a.id)).toEqual([second.id]);

    const byContact = await t.li.api.get(`/api/objects/contact/${contact.id}/activities`);
    expect(byContact.body.data.map((a: { id: number }) => a.id)).toEqual([second.id]);
    // Someone who cannot read the customer cannot read its timeline either.
    expect((await t.zhao.api.get(`/api/customers/${c.id}/timeline`)).status).toBe(404);
    expect((await t.li.api.get(`/api/customers/${c.id}/timeline?bogus=1`)).status).toBe(400);
  });
});
