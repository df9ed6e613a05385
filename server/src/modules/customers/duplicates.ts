import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import { normalizeEmail } from '../../engine/fields/email.field.ts';
import { normalizePhone } from '../../engine/fields/phone.field.ts';
import type { ObjectDef } from '../../engine/metadata/types.ts';
import { getRecord } from '../../engine/query/list.ts';
import { pinyinKeys } from '../../engine/search/pinyin.ts';
import { gramsColumn, pyColumn } from '../../engine/search/shadow.ts';
import { bigrams, likeEscape } from '../../engine/search/term.ts';
import { isValidCreditCode, normalizeCreditCode } from './credit-code.ts';
import { coreName, nameSimilarity } from './name-core.ts';

export type DuplicateReason = 'sameCreditCode' | 'samePhone' | 'sameEmail' | 'similarName';

export interface CustomerDuplicateInput {
  name?: unknown;
  phone?: unknown;
  email?: unknown;
  creditCode?: unknown;
  excludeId?: unknown;
}

/**
 * A possible duplicate. When the caller may not read the record it is still reported — that is what prevents
 * two salespeople from chasing one customer (撞单) — but only as "a similar customer exists, owned by X since Y":
 * `id` and `code` are null, `restricted` is true and the name is masked.
 */
export interface DuplicateCandidate {
  id: number | null;
  name: string;
  code: string | null;
  owner: { id: number; label: string } | null;
  ownerSince: string | null;
  score: number;
  reasons: DuplicateReason[];
  restricted?: true;
}

/** Weight of each reason; several reasons combine as independent evidence, 1 − Π(1 − wᵢ). */
const weight: Record<Exclude<DuplicateReason, 'similarName'>, number> = {
  sameCreditCode: 1,
  samePhone: 0.8,
  sameEmail: 0.8,
};
export const minNameSimilarity = 0.6;
/** Even equal names are not certain: the same trade name is registered in many cities. */
export const nameWeight = 0.9;
const minScore = 0.5;

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 200) : undefined);
const ref = (column: string) => sql.ref(`t.${column}`);

/**
 * The values a check compares exactly (SEC-14), each only when typed in full: a valid phone number, email address
 * or credit code (with its check digit), normalised as stored. A fragment or a masked form (`+86138****8000`) is
 * no value at all, so the check never answers on part of one. The routes rate-limit and log checks that carry any.
 */
export function exactCustomerValues(input: CustomerDuplicateInput): {
  phone?: string;
  email?: string;
  creditCode?: string;
} {
  const phone = str(input.phone) ? normalizePhone(str(input.phone)!) : null;
  const email = str(input.email) ? normalizeEmail(str(input.email)!) : null;
  const code = str(input.creditCode) ? normalizeCreditCode(str(input.creditCode)!) : '';
  return {
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
    ...(isValidCreditCode(code) ? { creditCode: code } : {}),
  };
}

/** "济南开乐专用车有限公司" → "济南********公司": enough to recognise, not to copy. */
export function maskName(name: string): string {
  const c = [...name];
  if (c.length <= 2) return `${c[0] ?? ''}*`;
  const keep = c.length >= 8 ? 2 : 1;
  return c.slice(0, keep).join('') + '*'.repeat(Math.min(6, c.length - 2 * keep)) + c.slice(-keep).join('');
}

/** Conditions that find candidates through indexes: credit code, phone, email, and name bigrams or pinyin. */
function candidateWhere(obj: ObjectDef, input: Given) {
  const col = (f: string) => obj.fields.get(f)!.column!;
  const parts: RawBuilder<unknown>[] = [];
  if (input.creditCode) parts.push(sql`${ref(col('creditCode'))} = ${input.creditCode}`);
  if (input.phone) parts.push(sql`${ref(col('phone'))} = ${input.phone}`);
  if (input.email) parts.push(sql`${ref(col('email'))} = ${input.email}`);
  if (input.core) {
    const name = col('name');
    const chars = [...input.core];
    // The whole core; and its first half (the trade name 字号, which is what identifies a company), so that a
    // wrong character in the rest still finds the record. The second half is mostly the trade (清洁服务): too common.
    const pieces = chars.length >= 5 ? [chars, chars.slice(0, Math.ceil(chars.length / 2))] : [chars];
    for (const piece of pieces) parts.push(sql`${ref(gramsColumn(name))} @> ${bigrams(piece.join(''))}::text[]`);
    const py = input.pinyin;
    if (py && py.length >= 4) parts.push(sql`${ref(pyColumn(name))} like ${`%${likeEscape(py)}%`}`);
  }
  return parts;
}

interface Given {
  core?: string;
  pinyin?: string;
  phone?: string;
  email?: string;
  creditCode?: string;
}

interface Row {
  id: number;
  name: string;
  code: string | null;
  credit_code: string | null;
  phone: string | null;
  email: string | null;
  owner_id: number | null;
  owner_name: string | null;
  owner_since: Date | string | null;
}

/**
 * Similar customers for a customer being typed or imported (CUS-5), best first. Candidates are found across
 * all customers (not only those the caller may read); their details pass through the engine's read path.
 */
export async function findDuplicates(
  ctx: Ctx,
  input: CustomerDuplicateInput,
  limit = 10,
): Promise<DuplicateCandidate[]> {
  const obj = ctx.registry.get('customer');
  const name = str(input.name);
  const core = name ? coreName(name) : undefined;
  const given: Given = {
    core: core && [...core].length >= 2 ? core : undefined,
    pinyin: core ? pinyinKeys(core)?.full : undefined,
    ...exactCustomerValues(input),
  };
  const parts = candidateWhere(obj, given);
  if (parts.length === 0) return [];
  const exclude = typeof input.excludeId === 'number' ? input.excludeId : 0;
  const col = (f: string) => ref(obj.fields.get(f)!.column!);
  const py = given.core ? (given.pinyin ?? given.core) : '';
  // Raw SQL, justified: the duplicate check (撞单, CUS-5) deliberately looks beyond the caller's scope and finds
  // names through the bigram and pinyin shadows, which the filter language cannot express; unreadable matches
  // leave only as masked name, owner and date (present), and exact values are rate-limited and logged (SEC-14).
  // Ranking is bounded: a common name part must not make every check sort tens of thousands of rows.
  const r = await sql<Row>`select t.id, ${col('name')} as name, ${col('code')} as code,
      ${col('creditCode')} as credit_code, ${col('phone')} as phone, ${col('email')} as email,
      ${col('owner')} as owner_id, u.name as owner_name, coalesce(${col('ownerSince')}, t.created_at) as owner_since
    from (select * from ${sql.table(obj.table)} as t
      where t.deleted_at is null and t.id <> ${exclude} and (${sql.join(parts, sql` or `)}) limit 2000) as t
    left join obj_user u on u.id = ${col('owner')}
    order by similarity(${ref(pyColumn(obj.fields.get('name')!.column!))}, ${py}) desc nulls last, t.id
    limit 60`.execute(ctx.db);
  const scored = r.rows
    .map((row) => ({ row, ...score(row, given) }))
    .filter((c) => c.score >= minScore)
    .sort((a, b) => b.score - a.score || a.row.id - b.row.id)
    .slice(0, limit);
  return present(ctx, obj, scored);
}

function score(row: Row, given: Given) {
  const reasons: DuplicateReason[] = [];
  const weights: number[] = [];
  const add = (reason: DuplicateReason, w: number) => {
    reasons.push(reason);
    weights.push(w);
  };
  if (given.creditCode && row.credit_code === given.creditCode) add('sameCreditCode', weight.sameCreditCode);
  if (given.phone && row.phone === given.phone) add('samePhone', weight.samePhone);
  if (given.email && row.email === given.email) add('sameEmail', weight.sameEmail);
  if (given.core) {
    const other = coreName(row.name);
    let s = nameSimilarity(given.core, other);
    // Homophones (开了 / 开乐) are what pinyin input produces by mistake.
    if (s < 0.9 && given.pinyin && pinyinKeys(other)?.full === given.pinyin) s = 0.9;
    if (s >= minNameSimilarity) add('similarName', nameWeight * s);
  }
  const combined = 1 - weights.reduce((p, w) => p * (1 - w), 1);
  return { score: Math.round(combined * 100) / 100, reasons };
}

/** The candidates the caller may read, each through the engine's read path (scope, field rights, masking). */
export async function readable(ctx: Ctx, obj: ObjectDef, ids: number[]): Promise<Map<number, Record<string, unknown>>> {
  if (ctx.access.scope(obj.name, 'read') === 'none') return new Map();
  const found = await Promise.all(
    ids.map((id) =>
      getRecord(ctx, obj, id).catch((err) => {
        if (err instanceof KehuError && err.code === 'NOT_FOUND') return undefined;
        throw err;
      }),
    ),
  );
  return new Map(found.flatMap((r, i) => (r ? [[ids[i], r] as const] : [])));
}

/** Readable candidates through getRecord (scopes and field rights); the others reduced to owner and date. */
async function present(
  ctx: Ctx,
  obj: ObjectDef,
  scored: Array<{ row: Row; score: number; reasons: DuplicateReason[] }>,
): Promise<DuplicateCandidate[]> {
  if (scored.length === 0) return [];
  const byId = await readable(
    ctx,
    obj,
    scored.map((c) => Number(c.row.id)),
  );
  return scored.map(({ row, score, reasons }) => {
    const since = row.owner_since instanceof Date ? row.owner_since.toISOString() : row.owner_since;
    const owner = row.owner_id ? { id: Number(row.owner_id), label: row.owner_name ?? '' } : null;
    const rec = byId.get(Number(row.id));
    if (rec) {
      return {
        id: Number(row.id),
        name: typeof rec.name === 'string' ? rec.name : maskName(row.name),
        code: typeof rec.code === 'string' ? rec.code : null,
        owner: (rec.owner as DuplicateCandidate['owner']) ?? owner,
        ownerSince: (rec.ownerSince as string | null | undefined) ?? since,
        score,
        reasons,
      };
    }
    return {
      id: null,
      name: maskName(row.name),
      code: null,
      owner,
      ownerSince: since,
      score,
      reasons,
      restricted: true,
    };
  });
}
