import type { Filter } from '@kehu/common';
import { type Ctx, subjectOf, transaction } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import { records } from '../../engine/query/builder.ts';
import { countRecords, getRecord, listRecords } from '../../engine/query/list.ts';
import { updateRecord } from '../../engine/records/save.ts';
import { inIds } from '../customers/record-reads.ts';
import { type MessageRef, renderMessage } from './messages.ts';
import { announceRead } from './notify.service.ts';

/** A notification as the bell shows it: texts in the reader's language. */
export interface NotificationView {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  link: { object: string; id: number } | null;
  at: string;
  read: boolean;
  readAt: string | null;
}

export function notificationView(ctx: Ctx, r: Record<string, unknown>): NotificationView {
  const m = (r.message ?? {}) as { title?: MessageRef | string; body?: MessageRef | string | null };
  return {
    id: Number(r.id),
    kind: String(r.kind ?? ''),
    title: m.title ? renderMessage(ctx.locale, m.title) : String(r.title ?? ''),
    body: m.body ? renderMessage(ctx.locale, m.body) : ((r.body as string | null) ?? null),
    link: r.linkObject && r.linkId ? { object: String(r.linkObject), id: Number(r.linkId) } : null,
    at: String(r.createdAt),
    read: r.readAt !== null && r.readAt !== undefined,
    readAt: (r.readAt as string | null) ?? null,
  };
}

/** The reader's own in-app notifications; personal scope already limits them, the filter says "mine" for clarity. */
function inbox(ctx: Ctx, unreadOnly: boolean): Filter {
  const parts: Filter[] = [
    { field: 'owner', op: 'eq', value: subjectOf(ctx.actor) },
    { field: 'inApp', op: 'eq', value: true },
  ];
  if (unreadOnly) parts.push({ field: 'readAt', op: 'isEmpty' });
  return { and: parts };
}

export async function listNotifications(
  ctx: Ctx,
  q: { unread?: boolean; limit?: number; cursor?: string },
): Promise<{ data: NotificationView[]; nextCursor: string | null }> {
  const obj = ctx.registry.get('notification');
  const page = await listRecords(ctx, obj, {
    filter: inbox(ctx, q.unread ?? false),
    sort: [{ field: 'createdAt', dir: 'desc' }],
    limit: q.limit ?? 20,
    cursor: q.cursor,
  });
  return { data: page.data.map((r) => notificationView(ctx, r)), nextCursor: page.nextCursor };
}

export function unreadCount(ctx: Ctx): Promise<number> {
  return countRecords(ctx, ctx.registry.get('notification'), { filter: inbox(ctx, true) });
}

export async function readNotification(ctx: Ctx, id: number): Promise<NotificationView> {
  return notificationView(ctx, await getRecord(ctx, ctx.registry.get('notification'), id));
}

const maxIds = 5000;

/** Ids of the notifications the reader may mark (the `update` scope: their own), lowest first, at most `maxIds`. */
async function markable(tx: Ctx, filter: Filter): Promise<number[]> {
  const list = records(tx, 'notification');
  const ids: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await list.list({ filter, sort: [{ field: 'id', dir: 'asc' }], limit: 500, cursor }, 'update');
    ids.push(...page.data.map((r) => Number(r.id)));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && ids.length < maxIds);
  return ids.slice(0, maxIds);
}

/**
 * Mark notifications read (given ids, or all). The rows are chosen through the access predicate (the reader's
 * own), then each goes through the records pipeline; the reader's other pages get the new count live.
 */
export async function markRead(ctx: Ctx, sel: { ids?: unknown; all?: unknown }): Promise<{ updated: number }> {
  const all = sel.all === true;
  const ids = sel.ids;
  if (all === (ids !== undefined)) throw new KehuError('BAD_REQUEST', { detail: 'give either ids or all: true' });
  if (
    !all &&
    (!Array.isArray(ids) ||
      ids.length === 0 ||
      ids.length > maxIds ||
      !ids.every((id) => Number.isSafeInteger(id) && id > 0))
  ) {
    throw new KehuError('BAD_REQUEST', { detail: 'ids' });
  }
  const filter: Filter = all ? inbox(ctx, true) : { and: [inbox(ctx, true), inIds('id', ids as number[])] };
  return transaction(ctx, async (tx) => {
    const chosen = await markable(tx, filter);
    const at = new Date().toISOString();
    // The object is written by the system only; the rows above are the reader's own (access predicate).
    for (const id of chosen) await updateRecord(tx, 'notification', id, { readAt: at }, { internal: true });
    if (chosen.length > 0) await announceRead(tx, subjectOf(tx.actor));
    return { updated: chosen.length };
  });
}
