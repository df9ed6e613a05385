import { sql } from 'kysely';
import type { Engine } from '../../engine/kernel.ts';
import { updateRecord } from '../../engine/records/save.ts';
import { type MessageRef, renderMessage } from './messages.ts';
import type { NotifyOptions } from './runtime.ts';

export const emailJob = 'notify.email';

const col = (engine: Engine, object: string, field: string) =>
  sql.ref(engine.registry.get(object).fields.get(field)!.column!);

/**
 * The email of one notification (NOTIF-2), sent by a pg-boss job: an SMTP failure throws, so pg-boss retries
 * with backoff; after the last attempt the notification says "failed" and the job stays failed for
 * administrators (GET /api/admin/jobs?state=failed). A notification already sent is never sent again.
 */
export function defineEmailJob(engine: Engine, options: NotifyOptions): void {
  void engine.jobs.define<{ id: number }>(
    emailJob,
    (data, job) => sendEmail(engine, Number(data.id), job.retryCount >= options.emailRetryLimit),
    { retryLimit: options.emailRetryLimit, retryDelay: options.emailRetryDelay, retryBackoff: true },
  );
}

async function sendEmail(engine: Engine, id: number, lastAttempt: boolean): Promise<void> {
  const n = engine.registry.get('notification');
  const user = engine.registry.get('user');
  const r = await sql<{
    status: string | null;
    title: string | null;
    body: string | null;
    message: { title?: MessageRef | string; body?: MessageRef | string | null } | null;
    link_object: string | null;
    link_id: number | null;
    email: string | null;
    locale: string | null;
  }>`select n.${col(engine, 'notification', 'emailStatus')} as status, n.${col(engine, 'notification', 'title')} as title,
      n.${col(engine, 'notification', 'body')} as body, n.${col(engine, 'notification', 'message')} as message,
      n.${col(engine, 'notification', 'linkObject')} as link_object, n.${col(engine, 'notification', 'linkId')} as link_id,
      u.${col(engine, 'user', 'email')} as email, u.${col(engine, 'user', 'locale')} as locale
    from ${sql.table(n.table)} n join ${sql.table(user.table)} u on u.id = n.${col(engine, 'notification', 'owner')}
    where n.id = ${id} and n.deleted_at is null`.execute(engine.db);
  const row = r.rows[0];
  if (row?.status !== 'pending') return;
  const ctx = engine.systemContext();
  const mark = (emailStatus: string | null) =>
    updateRecord(ctx, 'notification', id, { emailStatus }, { internal: true });
  if (!row.email) {
    await mark(null);
    return;
  }
  const locale = row.locale === 'en-US' ? 'en-US' : 'zh-CN';
  const title = row.message?.title ? renderMessage(locale, row.message.title) : (row.title ?? '');
  const body = row.message?.body ? renderMessage(locale, row.message.body) : (row.body ?? '');
  const outcome = await engine.mail.send(ctx, {
    to: row.email,
    subject: title,
    text: [body || title, '', '--', renderMessage(locale, { key: 'notify.email.footer' })].join('\n'),
    related:
      row.link_object && row.link_id
        ? { object: row.link_object, id: Number(row.link_id) }
        : { object: 'notification', id },
  });
  if (outcome.status === 'sent') {
    await mark('sent');
    return;
  }
  if (lastAttempt) await mark('failed');
  throw new Error(`email of notification ${id} failed: ${outcome.error ?? 'unknown error'}`);
}
