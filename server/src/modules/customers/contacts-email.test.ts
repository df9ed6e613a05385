import type { FieldRights } from '@kehu/common';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../../test/api-client.ts';
import { startKehu, type TestKehu, testPassword } from '../../../test/harness.ts';
import { type SmtpPeer, startSmtpPeer } from '../../engine/mail/test-smtp-peer.ts';

let smtp: SmtpPeer;
let k: TestKehu;
let li: { id: number; api: ApiClient };
let customer: number;
const ids: Record<string, number> = {};
const rateLimit = 20;

async function contact(key: string, fields: Record<string, unknown>) {
  const r = await k.admin.post('/api/objects/contact', { customer, ...fields });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  ids[key] = r.body.data.id;
}

async function userWithRights(username: string, fieldRights: FieldRights): Promise<ApiClient> {
  const role = await k.admin.post('/api/objects/role', {
    name: `role-${username}`,
    grants: { contact: { read: 'all' } },
    fieldRights,
  });
  await k.admin.post('/api/objects/user', {
    username,
    name: username,
    password: testPassword,
    roles: [role.body.data.id],
  });
  return k.as(username);
}

beforeAll(async () => {
  smtp = await startSmtpPeer();
  k = await startKehu({
    env: {
      KEHU_SMTP_URL: smtp.url,
      KEHU_MAIL_FROM: '客户关怀 <care@kehu.example>',
      KEHU_EXPENSIVE_RATE_LIMIT: String(rateLimit),
    },
  });
  li = await k.user({ username: 'li', grants: { customer: { read: 'all' }, contact: { read: 'own' } } });
  customer = (await k.admin.post('/api/objects/customer', { name: '成都川运物流有限公司', type: 'direct' })).body.data
    .id;
  await contact('zhang', { name: '张经理', email: 'zhang@fleet.example', owner: li.id });
  await contact('liu', { name: '刘主任', email: 'liu@fleet.example', owner: li.id });
  await contact('ma', { name: '马工', owner: li.id });
  await contact('qin', { name: '秦总', email: 'qin@fleet.example' });
  await contact('bounce', { name: '退信', email: 'bounce@fleet.example', owner: li.id });
});
afterAll(async () => {
  await k?.close();
  await smtp?.close();
});

describe('CUS-10 group email', () => {
  test('CUS-10 one message per readable contact through SMTP, with per-recipient results, mail log and operation log', async () => {
    const r = await li.api.post('/api/contacts/email', {
      ids: [ids.zhang, ids.liu, ids.ma, ids.qin, ids.bounce, 99999999, ids.zhang],
      subject: '春节问候',
      body: '<p>尊敬的客户：</p><script>alert(1)</script><p>新春快乐！<b>开乐专用车</b></p>',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const results = r.body.data.results;
    expect(results.map((x: { id: number; status: string }) => [x.id, x.status])).toEqual([
      [ids.zhang, 'sent'],
      [ids.liu, 'sent'],
      [ids.ma, 'noEmail'],
      [ids.qin, 'notAllowed'],
      [ids.bounce, 'failed'],
      [99999999, 'notAllowed'],
    ]);
    // Nothing about a contact the caller cannot read: not its name, not its address.
    expect(results[3]).toEqual({ id: ids.qin, status: 'notAllowed' });
    expect(results[4].error).toMatch(/550|mailbox unavailable/);
    expect(r.body.data.summary).toEqual({ sent: 2, noEmail: 1, notAllowed: 2, failed: 1 });

    expect(smtp.received).toHaveLength(2);
    for (const [m, to, other] of [
      [smtp.received[0], 'zhang@fleet.example', 'liu@fleet.example'],
      [smtp.received[1], 'liu@fleet.example', 'zhang@fleet.example'],
    ] as const) {
      expect(m.rcptTo).toEqual([to]);
      expect(m.headers.to).toBe(to);
      expect(m.raw).not.toContain(other);
      expect(m.headers.cc).toBeUndefined();
      expect(m.from).toBe('care@kehu.example');
      expect(m.headers.subject).toBe('春节问候');
      expect(m.text).toContain('新春快乐');
      expect(m.text).toContain('<b>开乐专用车</b>');
      expect(m.text).not.toMatch(/script|alert/);
    }

    const log = await k.admin.list('mailLog', { sort: 'id' });
    expect(
      log.body.data.map((x: Record<string, any>) => [
        x.recipient,
        x.status,
        x.relatedObject,
        x.relatedId,
        x.sentBy?.id,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['zhang@fleet.example', 'sent', 'contact', ids.zhang, li.id],
        ['liu@fleet.example', 'sent', 'contact', ids.liu, li.id],
        ['bounce@fleet.example', 'failed', 'contact', ids.bounce, li.id],
      ]),
    );
    expect(log.body.data).toHaveLength(3);
    expect(log.body.data.find((x: { status: string }) => x.status === 'failed').error).toBeTruthy();
    // The mail log is for administrators (and whoever is granted it by name).
    expect((await li.api.list('mailLog')).status).toBe(403);
    const ops = await k.admin.list('operationLog', {
      filter: { field: 'action', op: 'contains', value: 'contacts/email' },
    });
    expect(ops.body.data[0]).toMatchObject({
      actor: { id: li.id },
      status: 200,
      detail: 'group email to 6: sent 2, noEmail 1, notAllowed 2, failed 1',
    });
  });

  test('CUS-10 plain text is sent as typed, its line breaks kept in the HTML part', async () => {
    const before = smtp.received.length;
    const r = await k.admin.post('/api/contacts/email', {
      ids: [ids.qin],
      subject: '回访',
      body: '秦总您好：\n车辆运行如何？',
    });
    expect(r.body.data.results).toEqual([{ id: ids.qin, name: '秦总', email: 'qin@fleet.example', status: 'sent' }]);
    expect(smtp.received).toHaveLength(before + 1);
    const m = smtp.received[before];
    expect(m.text).toContain('秦总您好：\n车辆运行如何？');
    expect(m.text).toContain('秦总您好：<br>车辆运行如何？');
  });

  test('CUS-10 a hidden or masked email field is refused for every contact, and nothing is sent', async () => {
    const before = smtp.received.length;
    for (const right of ['masked', 'hidden'] as const) {
      const api = await userWithRights(`mail-${right}`, { contact: { email: right } });
      const r = await api.post('/api/contacts/email', { ids: [ids.zhang, ids.qin], subject: '问候', body: '您好' });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.data.results.map((x: { status: string }) => x.status)).toEqual(['notAllowed', 'notAllowed']);
      expect(JSON.stringify(r.body)).not.toContain('@fleet.example');
    }
    expect(smtp.received).toHaveLength(before);
  });

  test('CUS-10 bad input is refused with the field named, before anything is sent', async () => {
    const before = smtp.received.length;
    const send = (body: unknown) => k.admin.post('/api/contacts/email', body);
    const fieldsOf = async (body: unknown) => (await send(body)).body.error?.fields;
    expect(await fieldsOf({ ids: [ids.zhang], body: '您好' })).toEqual({ subject: 'required' });
    expect(await fieldsOf({ ids: [ids.zhang], subject: '   ', body: '您好' })).toEqual({ subject: 'required' });
    expect(await fieldsOf({ ids: [ids.zhang], subject: 'a\r\nBcc: x@evil.example', body: '您好' })).toEqual({
      subject: 'format',
    });
    expect(await fieldsOf({ ids: [ids.zhang], subject: '长'.repeat(201), body: '您好' })).toEqual({
      subject: 'tooLong',
    });
    expect(await fieldsOf({ ids: [], subject: '问候', body: '您好' })).toEqual({ ids: 'required' });
    expect(await fieldsOf({ ids: ['1'], subject: '问候', body: '您好' })).toEqual({ ids: 'type' });
    expect(await fieldsOf({ ids: [ids.zhang], subject: '问候', body: '<p> </p>' })).toEqual({ body: 'required' });
    const tooMany = await send({ ids: Array.from({ length: 501 }, (_, i) => i + 1), subject: '问候', body: '您好' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: 'TOO_MANY_RECORDS', fields: { ids: 'tooLarge' } });
    expect(tooMany.body.error.message).toContain('500');
    const unknown = await send({ ids: [ids.zhang], subject: '问候', body: '您好', cc: 'x@evil.example' });
    expect(unknown.body.error.code).toBe('UNKNOWN_PARAMETER');
    expect((await send([ids.zhang])).status).toBe(400);
    expect(smtp.received).toHaveLength(before);
  });

  test('CUS-10 group email is rate limited per user (expensive route)', async () => {
    const flood = await k.user({ username: 'flood', grants: { contact: { read: 'all' } } });
    const codes: number[] = [];
    for (let i = 0; i < rateLimit + 2; i++)
      codes.push((await flood.api.post('/api/contacts/email', { ids: [1], subject: '', body: 'x' })).status);
    expect(codes.slice(0, rateLimit).every((c) => c === 400)).toBe(true);
    expect(codes.slice(rateLimit)).toEqual([429, 429]);
  });
});
