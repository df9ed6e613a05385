import type { Engine } from '../../engine/kernel.ts';
import { updateRecord } from '../../engine/records/save.ts';
import { getLiveOrDeleted, getOrNone, refId } from '../customers/record-reads.ts';
import { type MessageRef, renderMessage } from './messages.ts';
import type { NotifyOptions } from './runtime.ts';

export const emailJob = 'notify.email';

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

/** The notification and its recipient's address and language, read as the system (the job's own bookkeeping). */
async function load(engine: Engine, id: number) {
  const ctx = engine.systemContext();
  const n = await getOrNone(ctx, 'notification', id);
  if (!n) return undefined;
  const owner = refId(n.owner);
  // The recipient as the notification was queued for them (also one deleted since).
  const user = owner === null ? undefined : await getLiveOrDeleted(ctx, 'user', owner);
  if (!user) return undefined;
  return {
    status: (n.emailStatus as string | null) ?? null,
    title: (n.title as string | null) ?? null,
    body: (n.body as string | null) ?? null,
    message: (n.message ?? null) as { title?: MessageRef | string; body?: MessageRef | string | null } | null,
    linkObject: (n.linkObject as string | null) ?? null,
    linkId: (n.linkId as number | null) ?? null,
    email: (user.email as string | null) ?? null,
    locale: (user.locale as string | null) ?? null,
  };
}

async function sendEmail(engine: Engine, id: number, lastAttempt: boolean): Promise<void> {
  const row = await load(engine, id);
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
      row.linkObject && row.linkId
        ? { object: row.linkObject, id: Number(row.linkId) }
        : { object: 'notification', id },
  });
  if (outcome.status === 'sent') {
    await mark('sent');
    return;
  }
  if (lastAttempt) await mark('failed');
  throw new Error(`email of notification ${id} failed: ${outcome.error ?? 'unknown error'}`);
}
