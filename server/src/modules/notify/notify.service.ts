import type { Locale } from '@kehu/common';
import { sql } from 'kysely';
import { type Ctx, transaction } from '../../engine/context.ts';
import { publishLive } from '../../engine/events/live.ts';
import type { ObjectDef } from '../../engine/metadata/types.ts';
import { createRecord } from '../../engine/records/save.ts';
import { emailJob } from './email.job.ts';
import { type Channel, type MessageRef, notificationKind, renderMessage } from './messages.ts';
import { runtimeOf } from './runtime.ts';

export interface NotifyInput {
  /** Recipients (user ids); inactive or unknown users are skipped. */
  to: number[];
  /** A registered kind (`registerNotificationKind`): decides the default channels. */
  kind: string;
  /** A message key with parameters (preferred: shown in each reader's language), or literal text. */
  title: MessageRef | string;
  body?: MessageRef | string;
  /** The record the notification is about. */
  link?: { object: string; id: number };
  /** At most one notification per key and recipient, ever (a reminder occurrence, an alert run). */
  key?: string;
  /** Channels chosen for this very notification (an alert rule's), instead of the kind's and the user's. */
  channels?: Channel[];
}

interface Recipient {
  id: number;
  locale: Locale;
  email: string | null;
  channels: Set<Channel>;
}

/** A column of an object, from metadata. */
export const col = (obj: ObjectDef, field: string) => sql.ref(obj.fields.get(field)!.column!);

/** Active recipients with their language, address and the channels they want for `kind` (NOTIF-2). */
async function recipients(ctx: Ctx, ids: number[], kind: string, defaults: Channel[]): Promise<Recipient[]> {
  const user = ctx.registry.get('user');
  const pref = ctx.registry.get('notificationPreference');
  const r = await sql<{
    id: number;
    locale: string | null;
    email: string | null;
    in_app: boolean | null;
    mail: boolean | null;
  }>`
    select u.id, u.${col(user, 'locale')} as locale, u.${col(user, 'email')} as email,
      p.${col(pref, 'inApp')} as in_app, p.${col(pref, 'email')} as mail
    from ${sql.table(user.table)} u
    left join lateral (select * from ${sql.table(pref.table)} p where p.${col(pref, 'owner')} = u.id
      and p.${col(pref, 'kind')} = ${kind} and p.deleted_at is null order by p.id desc limit 1) p on true
    where u.id = any(${ids}::bigint[]) and u.deleted_at is null and u.${col(user, 'active')} is not false
    order by u.id`.execute(ctx.db);
  return r.rows.map((u) => {
    const channels = new Set<Channel>(defaults);
    if (u.in_app !== null) u.in_app ? channels.add('inApp') : channels.delete('inApp');
    if (u.mail !== null) u.mail ? channels.add('email') : channels.delete('email');
    return { id: Number(u.id), locale: u.locale === 'en-US' ? 'en-US' : 'zh-CN', email: u.email, channels };
  });
}

/**
 * Notify users (NOTIF-1, NOTIF-2), inside the caller's transaction: one `notification` per recipient in the
 * channels they chose, a live message to their open pages (delivered by PostgreSQL on commit, to every
 * process), and an email job queued in the same transaction (retried by pg-boss when SMTP fails). Returns the
 * new notification ids.
 */
export async function notify(ctx: Ctx, input: NotifyInput): Promise<number[]> {
  const kind = notificationKind(input.kind);
  if (!kind) throw new Error(`unknown notification kind ${input.kind}`);
  if (input.link && !ctx.registry.has(input.link.object)) throw new Error(`unknown object ${input.link.object}`);
  const to = [...new Set(input.to.filter((id) => Number.isSafeInteger(id) && id > 0))];
  if (to.length === 0) return [];
  const { engine } = runtimeOf(ctx);
  return transaction(ctx, async (tx) => {
    const ids: number[] = [];
    for (const u of await recipients(tx, to, kind.name, input.channels ?? kind.channels)) {
      if (input.channels) u.channels = new Set(input.channels);
      const email = u.channels.has('email') && !!u.email && engine.mail.configured;
      if (!u.channels.has('inApp') && !email) continue;
      const key = input.key ? `${input.key}:${u.id}`.slice(0, 200) : null;
      if (key) {
        // Serialise writers of the same key (two processes firing one reminder): the second sees the first.
        await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 7))`.execute(tx.db);
        const obj = tx.registry.get('notification');
        const seen = await sql`select 1 from ${sql.table(obj.table)} where ${col(obj, 'key')} = ${key}`.execute(tx.db);
        if (seen.rows.length > 0) continue;
      }
      const rec = await createRecord(
        tx,
        'notification',
        {
          owner: u.id,
          kind: kind.name,
          title: renderMessage(u.locale, input.title).slice(0, 300),
          body: renderMessage(u.locale, input.body) || null,
          message: { title: input.title, body: input.body ?? null },
          linkObject: input.link?.object ?? null,
          linkId: input.link?.id ?? null,
          inApp: u.channels.has('inApp'),
          emailStatus: email ? 'pending' : null,
          key,
        },
        { internal: true },
      );
      const id = Number(rec.id);
      ids.push(id);
      if (u.channels.has('inApp')) await publishLive(tx.db, [u.id], 'notification', { id });
      if (email) await engine.jobs.send(emailJob, { id }, { ctx: tx, singletonKey: `notification-email:${id}` });
    }
    return ids;
  });
}

/** Tell a user's open pages that their unread count changed (marked read elsewhere). */
export async function announceRead(ctx: Ctx, userId: number): Promise<void> {
  await publishLive(ctx.db, [userId], 'read');
}
