import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import type { Row } from '../fields/field-type.ts';
import type { Registry } from '../metadata/registry.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { loadLabels } from './labels.ts';
import { anyVisible, type FieldGate } from './paths.ts';
import type { Reach } from './reach.ts';

export interface Selection {
  columns: RawBuilder<unknown>[];
  fields: FieldDef[];
}

/** Columns needed to return the fields the caller may see (relation labels come after LIMIT: `loadExtras`). */
export function selection(obj: ObjectDef, alias = 't', gate: FieldGate = anyVisible): Selection {
  const columns: RawBuilder<unknown>[] = [sql.ref(`${alias}.deleted_at`)];
  const fields: FieldDef[] = [];
  for (const f of obj.fields.values()) {
    if (f.impl.secret || !gate(obj, f)) continue;
    fields.push(f);
    for (const c of f.impl.columns(f)) columns.push(sql.ref(`${alias}.${c.name}`));
  }
  return { columns, fields };
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

/** Fill what is not in the row — relation labels and many-to-many links — for a page of rows, as `reach` sees it. */
export async function loadExtras(
  db: Db,
  registry: Registry,
  obj: ObjectDef,
  fields: FieldDef[],
  rows: Row[],
  reach: Reach,
  opts: { labels?: boolean } = {},
) {
  if (rows.length === 0) return;
  if (opts.labels !== false) await loadLabels(db, registry, fields, rows, reach);
  for (const f of fields) if (f.impl.loadMany) await f.impl.loadMany(db, f, obj, rows, (n) => registry.get(n), reach);
}
