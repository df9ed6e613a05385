import { sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import type { StagedRows, StagedVerdict } from '../../engine/records/hooks.ts';
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
  const r = await sql<Candidate>`select t.id, ${col('name')} as name, ${col('creditCode')} as credit_code,
      ${col('owner')} as owner_id, u.name as owner_name, coalesce(${col('ownerSince')}, t.created_at) as owner_since,
      coalesce(${col('inPool')}, false) as in_pool
    from ${sql.table(obj.table)} as t left join obj_user u on u.id = ${col('owner')}
    where t.deleted_at is null and t.id <> ${excludeId} and (${sql.join(parts, sql` or `)})
    order by t.id limit 50`.execute(ctx.db);
  return pick(r.rows, code, name);
}

/** A customer found under a credit code or a name key, as the conflict check reads it. */
type Candidate = Record<string, any>;

/** The customer that is the same as (credit code, normalised name): the first by credit code, else by name. */
function pick(rows: Candidate[], code: string, name: string): ExistingCustomer | undefined {
  const hit =
    rows.find((x) => code && x.credit_code === code) ??
    rows.find((x) => name && normalizeCustomerName(x.name) === name);
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
  const err = existing && conflictError(ctx, existing, newOwner);
  if (err) throw err;
}

/** Why a customer for `newOwner` may not be created beside `existing`, if it may not. */
function conflictError(ctx: Ctx, existing: ExistingCustomer, newOwner: number | null): KehuError | undefined {
  if (existing.inPool && existing.ownerId === null)
    return new KehuError('CUSTOMER_IN_POOL', { customer: existing.id }, undefined, 409);
  if (existing.ownerId !== null && existing.ownerId !== newOwner) return ownedError(ctx, existing);
  return undefined;
}

/**
 * The conflict check of staged creates (a large import, CUS-8 and CUS-11), set-based: every staged row's
 * candidates by credit code and by name key in one statement, decided as `findExisting` decides for one row. A row
 * that meets an earlier staged row of another owner is left for later: checked again once that one is written.
 */
export async function stagedConflicts(ctx: Ctx, rows: StagedRows): Promise<StagedVerdict> {
  if (ctx.actor.userId === 0) return { refused: [] };
  const obj = rows.object;
  const col = (f: string) => sql.ref(`t.${obj.fields.get(f)!.column!}`);
  const nk = sql.ref(`t.${keyColumn(obj.fields.get('name')!.column!)}`);
  const x = sql`select ${rows.row} as r, ${rows.value('name')} as name, ${rows.value('creditCode')} as code,
    ${rows.value('owner')} as owner, kehu_name_key(${rows.value('name')}) as nk from ${rows.from}`;
  const found = sql`select x.r, t.id from x join ${sql.table(obj.table)} as t on ${col('creditCode')} = x.code
      where t.deleted_at is null
    union select x.r, t.id from x join ${sql.table(obj.table)} as t on ${nk} = x.nk
      where t.deleted_at is null and char_length(x.nk) >= 2`;
  // Raw SQL, justified: as findExisting, over the staging table of the import.
  const r = await sql<Candidate>`with x as (${x}), f as (${found})
    select f.r, x.name as row_name, x.code as row_code, x.owner as row_owner, t.id, ${col('name')} as name,
      ${col('creditCode')} as credit_code, ${col('owner')} as owner_id, u.name as owner_name,
      coalesce(${col('ownerSince')}, t.created_at) as owner_since, coalesce(${col('inPool')}, false) as in_pool
    from f join x on x.r = f.r join ${sql.table(obj.table)} as t on t.id = f.id
      left join obj_user u on u.id = ${col('owner')}
    order by f.r, t.id`.execute(ctx.db);
  const byRow = new Map<number, Candidate[]>();
  for (const c of r.rows) byRow.set(Number(c.r), [...(byRow.get(Number(c.r)) ?? []), c]);
  const refused: StagedVerdict['refused'] = [];
  for (const [row, list] of byRow) {
    const code = isValidCreditCode(list[0].row_code ?? '') ? (list[0].row_code as string) : '';
    const name = normalizeCustomerName(String(list[0].row_name ?? ''));
    const existing = pick(list.slice(0, 50), code, [...name].length >= 2 ? name : '');
    const owner = list[0].row_owner === null ? null : Number(list[0].row_owner);
    const error = existing && conflictError(ctx, existing, owner);
    if (error) refused.push({ row, error });
  }
  const later = await sql<{ r: number }>`with x as (${x})
    select b.r from x as a join x as b on a.code = b.code and a.r < b.r and a.owner is distinct from b.owner
    union select b.r from x as a join x as b on a.nk = b.nk and a.r < b.r and a.owner is distinct from b.owner
      and char_length(a.nk) >= 2`.execute(ctx.db);
  return { refused, later: later.rows.map((l) => Number(l.r)) };
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
