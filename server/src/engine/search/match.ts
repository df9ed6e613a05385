import { type RawBuilder, sql } from 'kysely';
import { phoneSearchCondition } from '../fields/phone.field.ts';
import type { FieldDef } from '../metadata/types.ts';
import { gramsColumn, hasShadows, pyColumn, pyiColumn } from './shadow.ts';
import { likeEscape, type SearchTerm } from './term.ts';

/**
 * How a query matches a field: `exact` conditions (the text, its bigrams, its pinyin or initials contain the query)
 * and `fuzzy` ones (typo tolerance). Fuzzy conditions are costly over a million rows, because their trigrams are
 * common, so quick search uses them only when nothing matches exactly.
 */
export interface Match {
  exact: RawBuilder<unknown>[];
  fuzzy: RawBuilder<unknown>[];
}

export const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);
export const contains = (s: string) => `%${likeEscape(s)}%`;
const prefix = (s: string) => `${likeEscape(s)}%`;

/**
 * A fuzzy text field with shadows. Chinese → the bigram array (`@>`, GIN): the query itself when 1–2 characters
 * long, else all its bigrams; fuzzy: its pinyin inside the text's pinyin (homophones: 开了 → 开乐). Letters and digits → prefixes (1–2) or substrings (3+) of the initials, the pinyin and
 * the text; fuzzy from five letters on: word similarity on the pinyin. Anything else → ILIKE on the text.
 */
function shadowMatch(f: FieldDef, alias: string, t: SearchTerm): Match {
  const col = ref(alias, f.column!);
  const py = ref(alias, pyColumn(f.column!));
  const pyi = ref(alias, pyiColumn(f.column!));
  if (t.cjk) {
    const exact = [sql`${ref(alias, gramsColumn(f.column!))} @> ${t.grams}::text[]`];
    // Trigram similarity of whole pinyin strings would also accept 开海专用车 for 开了专用车: homophones only.
    if (t.length <= 2 || !t.pinyin) return { exact, fuzzy: [] };
    return { exact, fuzzy: [sql`${py} like ${contains(t.pinyin)}`] };
  }
  if (t.ascii) {
    const p = t.length < 3 ? prefix(t.compact) : contains(t.compact);
    return {
      exact: [sql`${pyi} like ${p}`, sql`${py} like ${p}`, sql`${col} ilike ${p}`],
      fuzzy: t.length >= 5 ? [sql`${t.compact} <% ${py}`, sql`${t.compact} <% ${col}`] : [],
    };
  }
  return { exact: [sql`${col} ilike ${contains(t.raw)}`], fuzzy: [] };
}

/**
 * Exact fields compare normalised values: phones by their digits (the whole number in E.164, or from four digits on
 * a part of it: `0532-8688`, `8688 1234`), codes in any letter case. Null when `t` cannot match.
 */
export function exactCondition(f: FieldDef, alias: string, t: SearchTerm): RawBuilder<unknown> | null {
  const col = ref(alias, f.column!);
  if (f.type === 'phone') return phoneSearchCondition(col, t.raw);
  if (f.impl.kind !== 'text') return sql`${col}::text = ${t.raw}`;
  const forms = [...new Set([t.raw, t.raw.toUpperCase(), t.raw.toLowerCase()])];
  return sql`${col} = any(${forms}::text[])`;
}

/** A column field's match (one-to-many fields are the caller's business). */
export function fieldMatch(f: FieldDef, alias: string, t: SearchTerm): Match {
  if (f.search === 'exact') {
    const c = exactCondition(f, alias, t);
    return { exact: c ? [c] : [], fuzzy: [] };
  }
  if (hasShadows(f)) return shadowMatch(f, alias, t);
  return { exact: [sql`${ref(alias, f.column!)}::text ilike ${contains(t.raw)}`], fuzzy: [] };
}
