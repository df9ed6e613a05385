import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import type { FieldDef } from '../metadata/types.ts';
import type { FieldType } from './field-type.ts';
import { orderAggregates, textOps } from './scalar-ops.ts';

const token = /\{(yyyy|yy|mm|dd|seq(?::(\d{1,2}))?)\}/g;

/** Date parts in the configured time zone. */
function parts(now: Date, timezone: string) {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const [y, m, d] = f.format(now).split('-');
  return { yyyy: y, yy: y.slice(2), mm: m, dd: d };
}

/**
 * Next code for a pattern such as `KH{yyyy}{seq:6}`. The sequence restarts whenever the text around it
 * (the date part) changes; a row lock on the counter keeps codes unique under concurrency.
 */
export async function nextCode(db: Db, key: string, pattern: string, now: Date, timezone: string): Promise<string> {
  return (await nextCodes(db, key, pattern, now, timezone, 1))[0];
}

/** `count` consecutive codes with one counter update (bulk loads: one upsert per row would lock-step). */
export async function nextCodes(
  db: Db,
  key: string,
  pattern: string,
  now: Date,
  timezone: string,
  count: number,
): Promise<string[]> {
  const p = parts(now, timezone);
  const prefix = pattern.replace(token, (m, name: string) =>
    name.startsWith('seq') ? '#' : (p[name as keyof typeof p] ?? m),
  );
  const counterKey = `${key}:${prefix}`;
  const res = await sql<{ value: number }>`insert into sys_counter (key, value) values (${counterKey}, ${count})
    on conflict (key) do update set value = sys_counter.value + ${count} returning value`.execute(db);
  const last = Number(res.rows[0].value);
  return Array.from({ length: count }, (_, i) =>
    pattern.replace(token, (m, name: string, width?: string) =>
      name.startsWith('seq')
        ? String(last - count + 1 + i).padStart(Number(width ?? 1), '0')
        : (p[name as keyof typeof p] ?? m),
    ),
  );
}

/** Codes for `count` new records of an auto-number field (the counter `fillOnCreate` uses). */
export function reserveCodes(db: Db, object: string, f: FieldDef, timezone: string, count: number): Promise<string[]> {
  return nextCodes(db, `${object}.${f.name}`, f.pattern ?? '{seq:6}', new Date(), timezone, count);
}

export function assertPattern(f: FieldDef): boolean {
  return typeof f.pattern === 'string' && f.pattern.length <= 40 && /\{seq(:\d{1,2})?\}/.test(f.pattern);
}

/** A code the system assigns on create from a pattern; unique and read-only. */
export const autoNumberField: FieldType = {
  name: 'autoNumber',
  kind: 'text',
  columns: (f) => [{ name: f.column!, sql: 'text' }],
  writable: false,
  parse: () => ({}),
  async fillOnCreate(ctx) {
    const [code] = await reserveCodes(ctx.db, ctx.object.name, ctx.field, ctx.timezone, 1);
    return { [ctx.field.column!]: code };
  },
  format: (row, f) => row[f.column!] ?? null,
  ops: textOps,
  filterValue: (v) => String(v),
  sortable: true,
  groupable: false,
  aggregates: orderAggregates,
  jsonSchema: (f) => ({ type: 'string', readOnly: true, description: `pattern ${f.pattern}` }),
};
