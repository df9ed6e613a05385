import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import { normalizeEmail } from '../../engine/fields/email.field.ts';
import { normalizePhone } from '../../engine/fields/phone.field.ts';
import { pinyinKeys } from '../../engine/search/pinyin.ts';
import { type DuplicateReason, maskName, minNameSimilarity, nameWeight, readable } from './duplicates.ts';
import { nameSimilarity } from './name-core.ts';

export interface ContactDuplicateInput {
  name?: unknown;
  mobile?: unknown;
  email?: unknown;
  customer?: unknown;
  excludeId?: unknown;
}

export interface ContactDuplicate {
  id: number | null;
  name: string;
  customer: { id: number; label: string } | null;
  owner: { id: number; label: string } | null;
  score: number;
  reasons: DuplicateReason[];
  restricted?: true;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 100) : undefined);
const id = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : undefined);
const compact = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s\u3000·.]/g, '')
    .toLowerCase();

/** What a contact check compares exactly, each only when typed in full (see exactCustomerValues, SEC-14). */
export function exactContactValues(input: ContactDuplicateInput): { mobile?: string; email?: string } {
  const mobile = str(input.mobile) ? normalizePhone(str(input.mobile)!) : null;
  const email = str(input.email) ? normalizeEmail(str(input.email)!) : null;
  return { ...(mobile ? { mobile } : {}), ...(email ? { email } : {}) };
}

interface Row {
  id: number;
  name: string;
  mobile: string | null;
  phone: string | null;
  email: string | null;
  customer_id: number | null;
  owner_id: number | null;
  owner_name: string | null;
}

/**
 * Contacts that may be the one being typed (CUS-5): the same mobile (as mobile or phone) or email anywhere, or a
 * similar name at the same customer — people's names alone repeat too often across customers to mean anything.
 */
export async function findContactDuplicates(
  ctx: Ctx,
  input: ContactDuplicateInput,
  limit = 10,
): Promise<ContactDuplicate[]> {
  const obj = ctx.registry.get('contact');
  const col = (f: string) => sql.ref(`t.${obj.fields.get(f)!.column!}`);
  const name = str(input.name) ? compact(str(input.name)!) : undefined;
  const { mobile, email } = exactContactValues(input);
  const customer = id(input.customer);
  const parts: RawBuilder<unknown>[] = [];
  if (mobile) parts.push(sql`(${col('mobile')} = ${mobile} or ${col('phone')} = ${mobile})`);
  if (email) parts.push(sql`${col('email')} = ${email}`);
  if (name && customer) parts.push(sql`${col('customer')} = ${customer}`);
  if (parts.length === 0) return [];
  // Raw SQL, justified: like the customer check (duplicates.ts), it looks beyond the caller's scope on purpose
  // (撞单); unreadable matches leave only as masked name and owner, exact values are rate-limited and logged.
  const r = await sql<Row>`select t.id, ${col('name')} as name, ${col('mobile')} as mobile, ${col('phone')} as phone,
      ${col('email')} as email, ${col('customer')} as customer_id, ${col('owner')} as owner_id, u.name as owner_name
    from ${sql.table(obj.table)} as t left join obj_user u on u.id = ${col('owner')}
    where t.deleted_at is null and t.id <> ${id(input.excludeId) ?? 0} and (${sql.join(parts, sql` or `)})
    order by t.id limit 200`.execute(ctx.db);
  const scored = r.rows
    .map((row) => {
      const reasons: DuplicateReason[] = [];
      const weights: number[] = [];
      const add = (reason: DuplicateReason, w: number) => {
        reasons.push(reason);
        weights.push(w);
      };
      if (mobile && (row.mobile === mobile || row.phone === mobile)) add('samePhone', 0.85);
      if (email && row.email === email) add('sameEmail', 0.85);
      if (name && customer && Number(row.customer_id) === customer) {
        const other = compact(row.name);
        let s = nameSimilarity(name, other);
        if (s < 0.9 && pinyinKeys(other)?.full === pinyinKeys(name)?.full && pinyinKeys(name)) s = 0.9;
        if (s >= minNameSimilarity) add('similarName', nameWeight * s);
      }
      const score = Math.round((1 - weights.reduce((p, w) => p * (1 - w), 1)) * 100) / 100;
      return { row, score, reasons };
    })
    .filter((c) => c.reasons.length > 0 && c.score >= 0.5)
    .sort((a, b) => b.score - a.score || a.row.id - b.row.id)
    .slice(0, limit);
  if (scored.length === 0) return [];
  const byId = await readable(
    ctx,
    obj,
    scored.map((c) => Number(c.row.id)),
  );
  return scored.map(({ row, score, reasons }) => {
    const owner = row.owner_id ? { id: Number(row.owner_id), label: row.owner_name ?? '' } : null;
    const rec = byId.get(Number(row.id));
    if (!rec) return { id: null, name: maskName(row.name), customer: null, owner, score, reasons, restricted: true };
    return {
      id: Number(row.id),
      name: typeof rec.name === 'string' ? rec.name : maskName(row.name),
      customer: (rec.customer as ContactDuplicate['customer']) ?? null,
      owner: (rec.owner as ContactDuplicate['owner']) ?? owner,
      score,
      reasons,
    };
  });
}
