import type { ColumnSpec } from '../fields/field-type.ts';
import { q } from '../metadata/sql-names.ts';
import type { FieldDef } from '../metadata/types.ts';
import { pinyinKeys } from './pinyin.ts';

/**
 * Search shadows of a `search: 'fuzzy'` text field (CUS-3), stored beside its column and never part of the API
 * value: `<col>_py` full pinyin and `<col>_pyi` pinyin initials (filled by the field's parse(), so every write path
 * has them), and `<col>_bg` the lower-cased single characters and character bigrams, a generated column
 * (`kehu_grams()`, migration 0004), because a trigram index cannot serve 1–2 character Chinese queries.
 */
export const pyColumn = (col: string) => `${col}_py`;
export const pyiColumn = (col: string) => `${col}_pyi`;
export const gramsColumn = (col: string) => `${col}_bg`;
/** The match key of a `matchKey` text field: `kehu_name_key()` of the value (migration 0008), b-tree indexed. */
export const keyColumn = (col: string) => `${col}_nk`;

export function hasShadows(f: FieldDef): boolean {
  return f.search === 'fuzzy' && !!f.column && (f.type === 'text' || f.type === 'longText');
}

/** The main column (trigram-indexed when fuzzy) and the shadows. */
export function searchableTextColumns(f: FieldDef): ColumnSpec[] {
  const col = f.column!;
  const key: ColumnSpec[] = f.matchKey
    ? [{ name: keyColumn(col), sql: 'text', generated: `kehu_name_key(${q(col)})`, index: 'btree', shadow: true }]
    : [];
  if (!hasShadows(f)) return [{ name: col, sql: 'text' }, ...key];
  return [
    { name: col, sql: 'text', index: 'trgm' },
    { name: pyColumn(col), sql: 'text', index: 'trgm', shadow: true },
    { name: pyiColumn(col), sql: 'text', index: 'trgm', shadow: true },
    // Rare bigrams (开乐) must be estimated as rare, or the planner walks the primary key hoping for early hits.
    {
      name: gramsColumn(col),
      sql: 'text[]',
      generated: `kehu_grams(${q(col)})`,
      index: 'gin',
      shadow: true,
      statistics: 1000,
    },
    ...key,
  ];
}

/** Column values of a parsed text: itself plus, for fuzzy fields, its pinyin keys. */
export function textValues(f: FieldDef, text: string): Record<string, unknown> {
  const col = f.column!;
  if (!hasShadows(f)) return { [col]: text };
  const keys = pinyinKeys(text);
  return { [col]: text, [pyColumn(col)]: keys?.full ?? null, [pyiColumn(col)]: keys?.initials ?? null };
}
