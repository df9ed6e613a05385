import { sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import { keyColumn } from '../../engine/search/shadow.ts';
import { isValidCreditCode, normalizeCreditCode } from './credit-code.ts';

/** The same company written differently: full-width forms, case, spaces and punctuation (（济南） = (济南)) ignored. */
export function normalizeCustomerName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

export interface ExistingCustomer {
  id: number;
  ownerId: number | null;
  ownerName: string | null;
  ownerSince: string | null;
  inPool: boolean;
}

/**
 * The customer that already exists under this credit code or name (CUS-8). It is looked for among all
 * customers, not only those the caller may read: that is the point of a conflict check, and the caller only
 * learns who owns it and since when (never the record itself).
 */
export async function findExisting(
  ctx: Ctx,
  input: { name?: unknown; creditCode?: unknown },
  excludeId = 0,
): Promise<ExistingCustomer | undefined> {
  const obj = ctx.registry.get('customer');
  const col = (f: string) => sql.ref(`t.${obj.fields.get(f)!.column!}`);
  const code = typeof input.creditCode === 'string' ? normalizeCreditCode(input.creditCode) : '';
  const name = typeof input.name === 'string' ? normalizeCustomerName(input.name) : '';
  const parts = [];
  if (isValidCreditCode(code)) parts.push(sql`${col('creditCode')} = ${code}`);
  // The same name written differently: one lookup of the name's match key (kehu_name_key, like the JS form below).
  if ([...name].length >= 2)
    parts.push(sql`${sql.ref(`t.${keyColumn(obj.fields.get('name')!.column!)}`)} = kehu_name_key(${input.name})`);
  if (!parts.length) return undefined;
  // Raw SQL, justified: the conflict check (CUS-8) looks among all customers, not only readable ones — that is its
  // point, and the caller learns only owner and date — and finds names through the match-key index, which the
  // filter language cannot express.
  const r = await sql<Record<string, any>>`select t.id, ${col('name')} as name, ${col('creditCode')} as credit_code,
      ${col('owner')} as owner_id, u.name as owner_name, coalesce(${col('ownerSince')}, t.created_at) as owner_since,
      coalesce(${col('inPool')}, false) as in_pool
    from ${sql.table(obj.table)} as t left join obj_user u on u.id = ${col('owner')}
    where t.deleted_at is null and t.id <> ${excludeId} and (${sql.join(parts, sql` or `)})
    order by t.id limit 50`.execute(ctx.db);
  const hit =
    r.rows.find((x) => code && x.credit_code === code) ??
    r.rows.find((x) => name && normalizeCustomerName(x.name) === name);
  if (!hit) return undefined;
  const since = hit.owner_since instanceof Date ? hit.owner_since.toISOString() : hit.owner_since;
  return {
    id: Number(hit.id),
    ownerId: hit.owner_id === null ? null : Number(hit.owner_id),
    ownerName: hit.owner_name,
    ownerSince: since,
    inPool: hit.in_pool === true,
  };
}

/** A day in the engine's time zone, as people say it (2024-05-01). */
export function dayOf(ctx: Ctx, iso: string | null): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat('sv-SE', { timeZone: ctx.timezone }).format(new Date(iso));
}

/** "Customer owned by 王磊 since 2024-05-01" (409), with what a transfer request needs. */
export function ownedError(ctx: Ctx, c: ExistingCustomer): KehuError {
  return new KehuError(
    'CUSTOMER_OWNED',
    { customer: c.id, owner: c.ownerName ?? '', ownerId: c.ownerId, since: dayOf(ctx, c.ownerSince) },
    undefined,
    409,
  );
}

/**
 * Refuse a customer that another person already owns, or that waits in the pool (claim it instead). The
 * system's own writes (demo data, jobs) and the owner's own duplicates pass; the latter are for merge (CUS-6).
 */
export async function assertNoConflict(
  ctx: Ctx,
  input: { name?: unknown; creditCode?: unknown },
  newOwner: number | null,
  excludeId = 0,
): Promise<void> {
  if (ctx.actor.userId === 0) return;
  const existing = await findExisting(ctx, input, excludeId);
  if (!existing) return;
  if (existing.inPool && existing.ownerId === null)
    throw new KehuError('CUSTOMER_IN_POOL', { customer: existing.id }, undefined, 409);
  if (existing.ownerId !== null && existing.ownerId !== newOwner) throw ownedError(ctx, existing);
}

/** The conflict a customer being typed would meet on save, for the form (CUS-8); null when none. */
export async function conflictFor(
  ctx: Ctx,
  input: { name?: unknown; creditCode?: unknown },
  owner: number,
  excludeId = 0,
): Promise<{ customer: number; inPool: boolean; owner?: string; ownerId?: number; since?: string } | null> {
  const e = await findExisting(ctx, input, excludeId);
  if (!e) return null;
  if (e.inPool && e.ownerId === null) return { customer: e.id, inPool: true };
  if (e.ownerId === null || e.ownerId === owner) return null;
  return {
    customer: e.id,
    inPool: false,
    owner: e.ownerName ?? '',
    ownerId: e.ownerId,
    since: dayOf(ctx, e.ownerSince),
  };
}
