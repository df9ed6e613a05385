import { type RawBuilder, sql } from 'kysely';
import { normalizeEmail } from '../../engine/fields/email.field.ts';
import { normalizePhone } from '../../engine/fields/phone.field.ts';
import type { Engine } from '../../engine/kernel.ts';
import type { ObjectDef } from '../../engine/metadata/types.ts';
import { gramsColumn, keyColumn } from '../../engine/search/shadow.ts';
import { bigrams } from '../../engine/search/term.ts';
import type { ImportMatcher } from '../../engine/transfer/import-matchers.ts';
import { isValidCreditCode, normalizeCreditCode } from './credit-code.ts';
import { companyNameKey, coreName } from './name-core.ts';

const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '');
const ref = (obj: ObjectDef, field: string) => sql.ref(`t.${obj.fields.get(field)!.column!}`);
const withPrefix = (keys: string[], prefix: string) =>
  keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));

/** The first half of a core name of five characters or more: the trade name that identifies a company. */
function tradeName(core: string): string {
  const chars = [...core];
  return chars.length >= 5 ? chars.slice(0, Math.ceil(chars.length / 2)).join('') : core;
}

function creditKey(v: unknown): string[] {
  const code = normalizeCreditCode(text(v));
  return isValidCreditCode(code) ? [`cc:${code}`] : [];
}

function nameKey(v: unknown): string[] {
  const key = companyNameKey(text(v));
  return key ? [`name:${key}`] : [];
}

const han = /^\p{Script=Han}{2}$/u;

/**
 * Bigrams that every stored name with this name key has in its `kehu_grams` shadow: those of two Chinese
 * characters (width and case do not change them) from the trade name (字号) — rare, so the GIN index reads little,
 * where 物流 or 有限 are in every other name. A name without such a pair uses all bigrams of its trade name.
 */
function candidateGrams(key: string): string[] {
  const grams = bigrams(tradeName(coreName(key)));
  const pairs = grams.filter((g) => han.test(g));
  return pairs.length ? pairs : grams;
}

/**
 * 客户: the same unified social credit code first; then the same whole name, compared as companyNameKey compares
 * names (place names are part of the name: 烟台鸿运物流有限公司 is not 福州鸿运物流有限公司). Two different credit
 * codes are two companies, whatever their names.
 */
export const customerMatcher: ImportMatcher = {
  name: 'creditCodeOrName',
  label: { 'zh-CN': '统一社会信用代码或客户名称', 'en-US': 'Credit code or name' },
  fields: ['creditCode', 'name'],
  rowKeys: (input) => [...creditKey(input.creditCode), ...nameKey(input.name)],
  // Raw SQL, justified: the engine's ImportMatcher interface takes an SQL query of candidate ids (index-served, key
  // by key, for a thousand keys a batch); the engine runs it inside the caller's read predicate (matchByMatcher).
  candidates(obj, keys) {
    const table = sql.table(obj.table);
    const parts: RawBuilder<unknown>[] = [];
    const codes = withPrefix(keys, 'cc:');
    if (codes.length)
      parts.push(sql`select t.id from ${table} as t where ${ref(obj, 'creditCode')} = any(${codes}::text[])`);
    // Each name through the GIN index of name bigrams (candidateGrams); the whole name keys decide after.
    const grams = sql.ref(`t.${gramsColumn(obj.fields.get('name')!.column!)}`);
    const names = withPrefix(keys, 'name:').map(candidateGrams);
    if (names.length) {
      parts.push(sql`select x.id from jsonb_array_elements(${JSON.stringify(names)}::jsonb) as k(g)
        cross join lateral (select t.id from ${table} as t
          where ${grams} @> array(select jsonb_array_elements_text(k.g))) as x`);
    }
    return parts.length ? sql.join(parts, sql` union all `) : undefined;
  },
  // Raw SQL, justified: as `candidates`, for all keys of a file in one statement. Names through the b-tree index
  // of the stored match key (kehu_name_key, which ignores what companyNameKey ignores but writes 有限责任公司 as
  // it is): the key as it is and with 有限公司 written 有限责任公司.
  stagedCandidates(obj, keys) {
    const table = sql.table(obj.table);
    const nk = sql.ref(`t.${keyColumn(obj.fields.get('name')!.column!)}`);
    const names = sql`select kehu_name_key(substr(x.k, 6)) as n from (${keys}) as x where x.k like 'name:%'`;
    return sql`select t.id from ${table} as t where ${ref(obj, 'creditCode')} in
        (select substr(x.k, 4) from (${keys}) as x where x.k like 'cc:%')
      union all select t.id from ${table} as t where ${nk} in
        (select n from (${names}) as a union all select replace(n, '有限公司', '有限责任公司') from (${names}) as b
          where n like '%有限公司%')`;
  },
  recordKeys: (value) => [...creditKey(value('creditCode')), ...nameKey(value('name'))],
  same(row, record) {
    const a = row.find((k) => k.startsWith('cc:'));
    const b = record.find((k) => k.startsWith('cc:'));
    return !a || !b || a === b;
  },
  keyField: (key) => (key.startsWith('cc:') ? 'creditCode' : key.startsWith('name:') ? 'name' : undefined),
};

const phoneKey = (v: unknown) => {
  const p = text(v) ? normalizePhone(text(v)) : null;
  return p ? [`tel:${p}`] : [];
};
const emailKey = (v: unknown) => {
  const e = text(v) ? normalizeEmail(text(v)) : null;
  return e ? [`email:${e}`] : [];
};

/** 联系人: the same mobile (stored as mobile or as phone) or the same email. */
export const contactMatcher: ImportMatcher = {
  name: 'mobileOrEmail',
  label: { 'zh-CN': '手机或电子邮箱', 'en-US': 'Mobile or email' },
  fields: ['mobile', 'email'],
  rowKeys: (input) => [...phoneKey(input.mobile), ...emailKey(input.email)],
  // Raw SQL, justified: as `candidates`, for all keys of a file in one statement.
  stagedCandidates(obj, keys) {
    const one = (field: string, prefix: string) =>
      sql`select t.id from ${sql.table(obj.table)} as t where ${ref(obj, field)} in
        (select substr(x.k, ${prefix.length + 1}) from (${keys}) as x where x.k like ${`${prefix}%`})`;
    return sql`${one('mobile', 'tel:')} union all ${one('phone', 'tel:')} union all ${one('email', 'email:')}`;
  },
  // Raw SQL, justified: the same engine interface as the customer matcher's (ids only, under the read predicate).
  candidates(obj, keys) {
    const tels = withPrefix(keys, 'tel:');
    const emails = withPrefix(keys, 'email:');
    const one = (field: string, values: string[]) =>
      sql`select t.id from ${sql.table(obj.table)} as t where ${ref(obj, field)} = any(${values}::text[])`;
    const parts = [
      ...(tels.length ? [one('mobile', tels), one('phone', tels)] : []),
      ...(emails.length ? [one('email', emails)] : []),
    ];
    return parts.length ? sql.join(parts, sql` union all `) : undefined;
  },
  recordKeys: (value) => [...phoneKey(value('mobile')), ...phoneKey(value('phone')), ...emailKey(value('email'))],
  keyField: (key) => (key.startsWith('tel:') ? 'mobile' : key.startsWith('email:') ? 'email' : undefined),
};

export function registerImportMatchers(engine: Engine): void {
  engine.registry.importMatchers.add('customer', customerMatcher);
  engine.registry.importMatchers.add('contact', contactMatcher);
}
