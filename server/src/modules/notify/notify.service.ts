import type { Filter, Locale } from '@kehu/common';
import { sql } from 'kysely';
import { type Ctx, transaction } from '../../engine/context.ts';
import { publishLive } from '../../engine/events/live.ts';
import { records } from '../../engine/query/builder.ts';
import { countRecords } from '../../engine/query/list.ts';
import { createRecord } from '../../engine/records/save.ts';
import { inIds, refId } from '../customers/record-reads.ts';
import { emailJob } from './email.job.ts';
import { type Channel, type MessageRef, notificationKind, renderMessage } from './messages.ts';
import { runtimeOf, systemOf } from './runtime.ts';

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

/**
 * Active recipients with their language, address and the channels they want for `kind` (NOTIF-2): their latest
 * preference row, else the defaults. Read as the system (`sys`): whoever triggers a notification need not read
 * users or anyone's preferences.
 */
async function recipients(sys: Ctx, ids: number[], kind: string, defaults: Channel[]): Promise<Recipient[]> {
  const users = await records(sys, 'user').all({
    filter: { and: [inIds('id', ids), { field: 'active', op: 'ne', value: false }] },
    sort: [{ field: 'id', dir: 'asc' }],
  });
  const prefs = await records(sys, 'notificationPreference').all({
    filter: { and: [inIds('owner', ids), { field: 'kind', op: 'eq', value: kind }] },
    sort: [{ field: 'id', dir: 'desc' }],
  });
  const latest = new Map<number, Record<string, unknown>>();
  for (const p of prefs) {
    const owner = refId(p.owner);
    if (owner !== null && !latest.has(owner)) latest.set(owner, p);
  }
  return users.map((u) => {
    const channels = new Set<Channel>(defaults);
    const pref = latest.get(Number(u.id));
    const inApp = (pref?.inApp ?? null) as boolean | null;
    const mail = (pref?.email ?? null) as boolean | null;
    if (inApp !== null) inApp ? channels.add('inApp') : channels.delete('inApp');
    if (mail !== null) mail ? channels.add('email') : channels.delete('email');
    const email = typeof u.email === 'string' && u.email ? u.email : null;
    return { id: Number(u.id), locale: u.locale === 'en-US' ? 'en-US' : 'zh-CN', email, channels };
  });
}

/** Has a notification (live or in the recycle bin: the key is unique over both) already got this key? */
async function keyTaken(sys: Ctx, key: string): Promise<boolean> {
  const filter: Filter = { field: 'key', op: 'eq', value: key };
  if ((await records(sys, 'notification').count(filter)) > 0) return true;
  return (await countRecords(sys, sys.registry.get('notification'), { filter, deleted: true })) > 0;
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
    const sys = systemOf(tx);
    for (const u of await recipients(sys, to, kind.name, input.channels ?? kind.channels)) {
      if (input.channels) u.channels = new Set(input.channels);
      const email = u.channels.has('email') && !!u.email && engine.mail.configured;
      if (!u.channels.has('inApp') && !email) continue;
      const key = input.key ? `${input.key}:${u.id}`.slice(0, 200) : null;
      if (key) {
        // Serialise writers of the same key (two processes firing one reminder): the second sees the first.
        // Raw SQL, justified: a transaction-scoped advisory lock; it reads no record and has no builder form.
        await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 7))`.execute(tx.db);
        if (await keyTaken(sys, key)) continue;
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
