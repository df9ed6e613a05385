import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import type { Row } from '../fields/field-type.ts';
import type { Registry } from '../metadata/registry.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { anyVisible, type FieldGate } from './paths.ts';

export interface Selection {
  columns: RawBuilder<unknown>[];
  joins: RawBuilder<unknown>[];
  fields: FieldDef[];
}

/** Columns and label joins needed to return the fields the caller may see. */
export function selection(registry: Registry, obj: ObjectDef, alias = 't', gate: FieldGate = anyVisible): Selection {
  const columns: RawBuilder<unknown>[] = [sql.ref(`${alias}.deleted_at`)];
  const joins: RawBuilder<unknown>[] = [];
  const fields: FieldDef[] = [];
  const objectDef = (n: string) => registry.get(n);
  for (const f of obj.fields.values()) {
    if (f.impl.secret || !gate(obj, f)) continue;
    fields.push(f);
    for (const c of f.impl.columns(f)) columns.push(sql.ref(`${alias}.${c.name}`));
    if (f.impl.joins) {
      const j = f.impl.joins(f, alias, objectDef);
      joins.push(j.join);
      columns.push(...j.select);
    }
  }
  return { columns, joins, fields };
}

/** Row → API record. */
export function formatRow(row: Row, fields: FieldDef[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = f.impl.format(row, f);
    if (v !== undefined) out[f.name] = v;
  }
  if (row.deleted_at) out.deletedAt = row.deleted_at instanceof Date ? row.deleted_at.toISOString() : row.deleted_at;
  return out;
}

/** Fill values kept outside the row (many-to-many) for a page of rows. */
export async function loadExtras(db: Db, registry: Registry, obj: ObjectDef, fields: FieldDef[], rows: Row[]) {
  if (rows.length === 0) return;
  for (const f of fields) if (f.impl.loadMany) await f.impl.loadMany(db, f, obj, rows, (n) => registry.get(n));
}
