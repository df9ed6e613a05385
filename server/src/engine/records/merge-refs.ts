import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { isBuiltin } from '../metadata/registry.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { completing, type RefMove, setInBin } from './merge-log.ts';
import { updateRecord } from './save.ts';

interface RefField {
  object: ObjectDef;
  field: FieldDef;
}

/** Every many-to-one field of every registered object (custom ones included) that points at `obj`. */
export function referencesTo(ctx: Ctx, obj: ObjectDef): RefField[] {
  const out: RefField[] = [];
  for (const o of ctx.registry.all()) {
    for (const f of o.fields.values()) {
      if (f.type === 'manyToOne' && f.object === obj.name && f.column && !isBuiltin(f))
        out.push({ object: o, field: f });
    }
  }
  return out;
}

/** Point one reference at `to`: live records through the pipeline, records in the recycle bin directly. */
async function pointAt(ctx: Ctx, r: RefField, id: number, deleted: boolean, to: number | null): Promise<void> {
  if (deleted) await setInBin(ctx, r.object, id, r.field.column, to);
  else await updateRecord(ctx, r.object.name, id, { [r.field.name]: to }, { internal: true });
}

/**
 * Move every reference to a merged record onto the survivor. A merged record's own references are left as they
 * are (it goes to the recycle bin and comes back unchanged on undo); the survivor pointing at a merged record
 * would point at itself, so that reference is cleared.
 */
export async function moveReferences(ctx: Ctx, obj: ObjectDef, survivor: number, merged: number[]): Promise<RefMove[]> {
  const tx = completing(ctx);
  const moves: RefMove[] = [];
  for (const r of referencesTo(ctx, obj)) {
    const rows = await sql<{
      id: string;
      from: string;
      deleted: boolean;
    }>`select id, ${sql.ref(r.field.column!)} as from,
        deleted_at is not null as deleted
      from ${sql.table(r.object.table)} where ${sql.ref(r.field.column!)} = any(${merged}::bigint[])
      order by id`.execute(tx.db);
    for (const row of rows.rows) {
      const id = Number(row.id);
      if (r.object.name === obj.name && merged.includes(id)) continue;
      const to = r.object.name === obj.name && id === survivor ? null : survivor;
      await pointAt(tx, r, id, row.deleted, to);
      moves.push({ object: r.object.name, field: r.field.name, id, from: Number(row.from), to });
    }
  }
  return moves;
}

/**
 * Undo: references that still point where the merge put them go back to the merged record; those changed since
 * (someone re-pointed them on purpose) are left alone. Returns how many went back.
 */
export async function restoreReferences(ctx: Ctx, moves: RefMove[]): Promise<number> {
  const tx = completing(ctx);
  let n = 0;
  for (const m of [...moves].reverse()) {
    if (!tx.registry.has(m.object)) continue;
    const object = tx.registry.get(m.object);
    const field = object.fields.get(m.field);
    if (!field?.column) continue;
    const r = await sql<{ now: string | null; deleted: boolean }>`select ${sql.ref(field.column)} as now,
        deleted_at is not null as deleted from ${sql.table(object.table)} where id = ${m.id}`.execute(tx.db);
    const row = r.rows[0];
    if (!row || (row.now === null ? null : Number(row.now)) !== m.to) continue;
    await pointAt(tx, { object, field }, m.id, row.deleted, m.from);
    n++;
  }
  return n;
}
