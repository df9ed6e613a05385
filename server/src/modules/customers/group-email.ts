import type { FieldErrorCode } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { KehuError, validationFailed } from '../../engine/errors.ts';
import { richTextPlain, sanitizeRichText } from '../../engine/fields/rich-text.field.ts';
import type { MailService } from '../../engine/mail/mail.service.ts';
import { listRecords } from '../../engine/query/list.ts';

/** Recipients per call; larger mailings belong to a campaign tool, not a list action. */
export const maxRecipients = 500;
const maxSubject = 200;
const maxBody = 100_000;
/** Messages in flight at once (the SMTP pool holds three connections). */
const parallel = 3;

export type RecipientStatus = 'sent' | 'noEmail' | 'notAllowed' | 'failed';

export interface RecipientResult {
  id: number;
  name?: unknown;
  email?: string;
  status: RecipientStatus;
  error?: string;
}

export interface GroupEmailInput {
  ids: number[];
  subject: string;
  html: string;
  text: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Validate the request body: ids, a one-line subject, a body as rich text (sanitised) or plain text. */
export function parseGroupEmail(b: Record<string, unknown>): GroupEmailInput {
  const problems: Record<string, FieldErrorCode> = {};
  const ids = b.ids;
  if (!Array.isArray(ids) || ids.length === 0) problems.ids = 'required';
  else if (!ids.every((x) => Number.isSafeInteger(x) && x > 0)) problems.ids = 'type';
  const subject = typeof b.subject === 'string' ? b.subject.trim() : '';
  if (b.subject !== undefined && typeof b.subject !== 'string') problems.subject = 'type';
  else if (!subject) problems.subject = 'required';
  else if (subject.length > maxSubject) problems.subject = 'tooLong';
  else if (/[\r\n]/.test(subject)) problems.subject = 'format';
  const raw = typeof b.body === 'string' ? b.body : '';
  if (b.body !== undefined && typeof b.body !== 'string') problems.body = 'type';
  else if (raw.length > maxBody) problems.body = 'tooLong';
  // Text without tags is plain text: kept as typed, its line breaks shown in the HTML part.
  const isHtml = /<[a-z][^>]*>/i.test(raw);
  const html = isHtml ? sanitizeRichText(raw) : escapeHtml(raw.trim()).replace(/\r?\n/g, '<br>');
  const text = isHtml ? richTextPlain(html) : raw.trim();
  if (!problems.body && !text) problems.body = 'required';
  if (Object.keys(problems).length) throw validationFailed(problems);
  const unique = [...new Set(ids as number[])];
  if (unique.length > maxRecipients)
    throw new KehuError('TOO_MANY_RECORDS', { max: maxRecipients }, { ids: 'tooLarge' });
  return { ids: unique, subject, html, text };
}

/**
 * Group email to contacts (CUS-10 客户关怀): one message per contact, so no recipient sees another's address.
 * Contacts come from the engine's list (access predicate applied); one the caller cannot read, or whose email
 * the caller sees hidden or masked, gets nothing. Every message is in the mail log.
 */
export async function sendGroupEmail(ctx: Ctx, mail: MailService, input: GroupEmailInput): Promise<RecipientResult[]> {
  mail.assertConfigured();
  const obj = ctx.registry.get('contact');
  const emailField = obj.fields.get('email')!;
  const emailClear = ctx.access.canReadField(obj, emailField) && ctx.access.fieldRight(obj, emailField) !== 'masked';
  const page = await listRecords(ctx, obj, {
    filter: { field: 'id', op: 'in', value: input.ids },
    limit: maxRecipients,
  });
  const readable = new Map(page.data.map((r) => [Number(r.id), r]));
  const results: RecipientResult[] = input.ids.map((id) => {
    const rec = readable.get(id);
    // Unreadable and non-existent look the same: no existence leak.
    if (!rec) return { id, status: 'notAllowed' };
    if (!emailClear) return { id, name: rec.name, status: 'notAllowed' };
    if (typeof rec.email !== 'string' || !rec.email) return { id, name: rec.name, status: 'noEmail' };
    return { id, name: rec.name, email: rec.email, status: 'failed' };
  });
  const queue = results.filter((r) => r.email);
  const worker = async () => {
    for (let r = queue.shift(); r; r = queue.shift()) {
      const outcome = await mail.send(ctx, {
        to: r.email!,
        subject: input.subject,
        text: input.text,
        html: input.html,
        related: { object: 'contact', id: r.id },
      });
      r.status = outcome.status;
      if (outcome.error) r.error = outcome.error;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}
