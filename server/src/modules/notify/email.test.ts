import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../../test/api-client.ts';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { modules } from '../index.ts';
import { create, salesGrants } from '../team/test-kit.ts';
import { emailJob } from './email.job.ts';
import { createNotifyModule } from './notify.module.ts';
import { notify } from './notify.service.ts';
import { registerReminderSource, reminderJob } from './reminders.ts';
import { eventually, soon } from './test-kit.ts';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP peer on a loopback port; it refuses the next `refuse` messages with a temporary error. */
const smtp = { received: [] as Received[], refuse: 0 };
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, done) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      if (smtp.refuse > 0) {
        smtp.refuse--;
        return done(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 }));
      }
      smtp.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString() });
      done();
    });
  },
});

let k: TestKehu;
let li: { id: number; api: ApiClient };

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  // Short retry delays so that failures are retried within the test (production: a minute, doubling).
  const mods = [
    ...modules.filter((m) => m.name !== 'notify'),
    createNotifyModule({ emailRetryLimit: 2, emailRetryDelay: 1, reminderRetryLimit: 1, reminderRetryDelay: 1 }),
  ];
  k = await startKehu({
    modules: mods.map((m) => ({ ...m, seedDemo: undefined })),
    env: { KEHU_SMTP_URL: `smtp://127.0.0.1:${port}`, KEHU_MAIL_FROM: 'kehu@example.com' },
  });
  li = await k.user({ username: 'em-li', grants: salesGrants });
  await k.admin.patch(`/api/objects/user/${li.id}`, { email: 'li@example.com', locale: 'en-US' });
});
afterAll(async () => {
  await k?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const mailTo = (subject: string) =>
  eventually(async () => smtp.received.find((m) => m.to.includes('li@example.com') && m.raw.includes(subject)));

const remind = (title: string) =>
  notify(k.kehu.engine.systemContext(), {
    to: [li.id],
    kind: 'reminder',
    title: { key: 'notify.reminder.task', params: { title } },
  });

const emailStatus = async (id: number) => (await li.api.get(`/api/objects/notification/${id}`)).body.data.emailStatus;

describe('NOTIF-2 email notifications', () => {
  test('NOTIF-2 NOTIF-3 a task reminder arrives by email at a real SMTP server, in the user’s language', async () => {
    const due = soon();
    const task = await create(li.api, 'task', { title: 'Call Luxin back', dueAt: due, reminderMinutes: 1 });
    const mail = await mailTo('Subject: Task reminder: Call Luxin back');
    expect(mail.raw).toContain('From: kehu@example.com');
    expect(mail.raw).toMatch(/Call Luxin back is due at \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    const note = (await li.api.get('/api/notifications')).body.data.find(
      (n: { link: { id: number } | null }) => n.link?.id === task.id,
    );
    await eventually(async () => ((await emailStatus(note.id)) === 'sent' ? true : undefined));
    // The mail log keeps what left, tied to the task.
    const log = await k.admin.list('mailLog', { filter: { field: 'relatedId', op: 'eq', value: task.id } });
    expect(log.body.data).toEqual([expect.objectContaining({ status: 'sent', recipient: 'li@example.com' })]);
  });

  test('NOTIF-2 a user who turns email off for a kind gets no email for it', async () => {
    await li.api.request('PUT', '/api/notifications/preferences', { items: [{ kind: 'reminder', email: false }] });
    const [id] = await remind('Quiet one');
    expect(await emailStatus(id)).toBeNull();
    await li.api.request('PUT', '/api/notifications/preferences', { items: [{ kind: 'reminder', email: true }] });
  });

  test('NOTIF-2 when the SMTP server refuses, the email is retried and then delivered, not lost', async () => {
    smtp.refuse = 1;
    const [id] = await remind('Retried');
    await mailTo('Subject: Task reminder: Retried');
    await eventually(async () => ((await emailStatus(id)) === 'sent' ? true : undefined));
    const done = await k.admin.get(`/api/admin/jobs?state=completed&name=${emailJob}`);
    const job = done.body.data.find((j: { data: { id: number } }) => j.data.id === id);
    expect(job.retryCount).toBe(1);
    const log = await k.admin.list('mailLog', {
      filter: { field: 'subject', op: 'eq', value: 'Task reminder: Retried' },
    });
    expect(log.body.data.map((x: { status: string }) => x.status).sort()).toEqual(['failed', 'sent']);
  });

  test('NOTIF-2 when SMTP keeps failing the job ends failed, visible to administrators only', async () => {
    smtp.refuse = 100;
    const [id] = await remind('Never delivered');
    const failed = await eventually(async () => {
      const r = await k.admin.get(`/api/admin/jobs?state=failed&name=${emailJob}`);
      return r.body.data.find((j: { data: { id: number } }) => j.data.id === id);
    });
    expect(failed).toMatchObject({ state: 'failed', retryCount: 2 });
    expect(JSON.stringify(failed.output)).toContain('mailbox busy');
    expect(await emailStatus(id)).toBe('failed');
    expect((await li.api.get('/api/admin/jobs?state=failed')).status).toBe(403);
    smtp.refuse = 0;
  });
});

describe('NOTIF-3 failing reminders', () => {
  test('NOTIF-3 a reminder job that fails is retried, then shown to administrators as failed', async () => {
    // Another module's reminders (here an administrator's custom object) whose message cannot be built.
    const obj = await k.admin.post('/api/metadata/objects', {
      name: 'follow_up',
      label: { 'zh-CN': '回访' },
      fields: { title: { type: 'text' }, due: { type: 'datetime' }, reminderMinutes: { type: 'integer' } },
    });
    expect(obj.status, JSON.stringify(obj.body)).toBe(201);
    const minutes = (r: Record<string, unknown>) => Number(r.reminderMinutes);
    registerReminderSource(k.kehu.engine, {
      object: 'follow_up',
      watch: ['due', 'reminderMinutes'],
      wanted: (r) => typeof r.reminderMinutes === 'number' && typeof r.due === 'string',
      next(r, after) {
        const occurrence = new Date(String(r.due));
        const fireAt = new Date(occurrence.getTime() - minutes(r) * 60_000);
        return fireAt >= after ? { occurrence, fireAt } : undefined;
      },
      at: (r, occurrence) =>
        Date.parse(String(r.due)) === occurrence.getTime()
          ? new Date(occurrence.getTime() - minutes(r) * 60_000)
          : undefined,
      recipients: (r) => [(r.createdBy as { id: number }).id],
      message: () => {
        throw new Error('the message service is down');
      },
    });
    const due = soon();
    const rec = await k.admin.post('/api/objects/follow_up', { title: '回访华宇', due, reminderMinutes: 1 });
    expect(rec.status, JSON.stringify(rec.body)).toBe(201);
    const failed = await eventually(async () => {
      const r = await k.admin.get(`/api/admin/jobs?state=failed&name=${reminderJob}`);
      return r.body.data.find((j: { data: { object: string; id: number } }) => j.data.object === 'follow_up');
    });
    expect(failed).toMatchObject({ retryCount: 1, data: { id: rec.body.data.id, occurrence: due } });
    expect(JSON.stringify(failed.output)).toContain('the message service is down');
  });
});
