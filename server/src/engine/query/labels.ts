import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import { maskValue } from '../access/mask.ts';
import type { Ctx } from '../context.ts';
import type { Row } from '../fields/field-type.ts';
import { labelAlias, restrictedAlias } from '../fields/relation.field.ts';
import type { Registry } from '../metadata/registry.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { type Reach, readerReach } from './reach.ts';

export const isReference = (f: FieldDef) => f.type === 'manyToOne' || f.type === 'owner';
export const referenceTarget = (registry: Registry, f: FieldDef) =>
  registry.get(f.type === 'owner' ? 'user' : f.object!);

/** The target's title as text (its id when the title is not a plain column). */
export function titleText(target: ObjectDef, alias: string) {
  const title = target.fields.get(target.titleField);
  const physical = title?.column && title.impl.columns(title)[0]?.name === title.column;
  return physical ? sql`${sql.ref(`${alias}.${title.column}`)}::text` : sql`${sql.ref(`${alias}.id`)}::text`;
}

/**
 * Titles of `ids` in `target` as the caller sees them: one query, inside the target's read scope. A record the
 * caller cannot read (or whose title it may not see) is absent from the map.
 */
export async function lookupTitles(
  db: Db,
  target: ObjectDef,
  ids: Iterable<number>,
  reach: Reach,
): Promise<Map<number, string | null>> {
  const out = new Map<number, string | null>();
  const list = [...new Set(ids)];
  const title = target.fields.get(target.titleField);
  const sight = title ? reach.sight(target, title) : 'plain';
  if (list.length === 0 || sight === 'hidden') return out;
  const r = await sql<{ id: string | number; label: string | null }>`select x.id, ${titleText(target, 'x')} as label
    from ${sql.table(target.table)} as x where x.id = any(${list}::bigint[]) and ${reach.rows(target, 'x')}`.execute(
    db,
  );
  for (const row of r.rows) out.set(Number(row.id), sight === 'masked' ? (maskValue(row.label) as string) : row.label);
  return out;
}

/**
 * Relation labels for a page of rows, looked up after LIMIT (one query per target object instead of a join per
 * field before sorting). Unreadable targets leave the label empty and mark the value restricted.
 */
export async function loadLabels(db: Db, registry: Registry, fields: FieldDef[], rows: Row[], reach: Reach) {
  const byTarget = new Map<string, { target: ObjectDef; fields: FieldDef[]; ids: number[] }>();
  for (const f of fields) {
    if (!isReference(f)) continue;
    const target = referenceTarget(registry, f);
    const entry = byTarget.get(target.name) ?? { target, fields: [], ids: [] };
    entry.fields.push(f);
    for (const r of rows) if (r[f.column!] !== null && r[f.column!] !== undefined) entry.ids.push(Number(r[f.column!]));
    byTarget.set(target.name, entry);
  }
  for (const { target, fields: fs, ids } of byTarget.values()) {
    const titles = await lookupTitles(db, target, ids, reach);
    for (const r of rows) {
      for (const f of fs) {
        const id = r[f.column!];
        if (id === null || id === undefined) continue;
        r[labelAlias(f)] = titles.get(Number(id)) ?? null;
        r[restrictedAlias(f)] = !titles.has(Number(id));
      }
    }
  }
}

/**
 * The same labels folded into a statement that returns few rows (one record by id): a correlated lookup per
 * reference inside the target's scope, so a single read is one round trip. `$lab` columns hold `[title]` for a
 * readable target and NULL for an unreadable one; `settleLabels` turns them into label and restricted flag.
 */
export function labelColumns(registry: Registry, fields: FieldDef[], alias: string, reach: Reach) {
  const columns: RawBuilder<unknown>[] = [];
  const settle: ((r: Row) => void)[] = [];
  for (const f of fields) {
    if (!isReference(f)) continue;
    const target = referenceTarget(registry, f);
    const title = target.fields.get(target.titleField);
    const sight = title ? reach.sight(target, title) : 'plain';
    const col = `${f.name}$lab`;
    if (sight !== 'hidden')
      columns.push(sql`(select array[${titleText(target, 'x')}] from ${sql.table(target.table)} as x
        where x.id = ${sql.ref(`${alias}.${f.column}`)} and ${reach.rows(target, 'x')}) as ${sql.ref(col)}`);
    settle.push((r) => {
      const found = r[col] as (string | null)[] | null | undefined;
      delete r[col];
      if (r[f.column!] === null || r[f.column!] === undefined) return;
      r[labelAlias(f)] = found ? (sight === 'masked' ? (maskValue(found[0]) as string) : found[0]) : null;
      r[restrictedAlias(f)] = !found;
    });
  }
  const settleRows = (rows: Row[]) => {
    for (const r of rows) for (const s of settle) s(r);
  };
  return { columns, settle: settleRows };
}

type Ref = { id: number; label: unknown; restricted?: boolean };

/**
 * Relation values of records already in API form (write responses, history versions) as the caller sees them: a
 * snapshot taken with the engine's full reach must not show the title of a record the caller cannot read.
 */
export async function withholdLabels(
  db: Db,
  registry: Registry,
  obj: ObjectDef,
  records: Record<string, unknown>[],
  reach: Reach,
) {
  // One lookup per target object (owner, creator and last editor are all users), not one per field.
  const byTarget = new Map<string, { target: ObjectDef; fields: FieldDef[]; ids: number[] }>();
  for (const f of obj.fields.values()) {
    if (!isReference(f) && f.type !== 'manyToMany') continue;
    const refs = records.flatMap((rec) => refsIn(rec[f.name]));
    if (refs.length === 0) continue;
    const target = f.type === 'manyToMany' ? registry.get(f.object!) : referenceTarget(registry, f);
    const entry = byTarget.get(target.name) ?? { target, fields: [], ids: [] };
    entry.fields.push(f);
    entry.ids.push(...refs.map((r) => Number(r.id)));
    byTarget.set(target.name, entry);
  }
  for (const { target, fields, ids } of byTarget.values()) {
    const titles = await lookupTitles(db, target, ids, reach);
    const title = target.fields.get(target.titleField);
    const masked = title !== undefined && reach.sight(target, title) === 'masked';
    // New objects: the snapshot itself (history, hooks' `after`) stays as it was.
    const shown = (ref: Ref): Ref => {
      if (!titles.has(Number(ref.id))) return { id: ref.id, label: null, restricted: true };
      // A readable record keeps the title it had then (history shows it as it was), masked where its field is.
      return masked ? { ...ref, label: maskValue(ref.label) } : ref;
    };
    for (const f of fields) {
      for (const rec of records) {
        const v = rec[f.name];
        if (Array.isArray(v)) rec[f.name] = (v as Ref[]).map(shown);
        else if (v && typeof v === 'object' && 'id' in v) rec[f.name] = shown(v as Ref);
      }
    }
  }
}

const refsIn = (v: unknown): Ref[] =>
  Array.isArray(v) ? (v as Ref[]) : v && typeof v === 'object' && 'id' in v ? [v as Ref] : [];

/** Records in API form as the request's actor may see them: fields (hidden, masked) and relation labels. */
export async function seenBy(ctx: Ctx, obj: ObjectDef, record: Record<string, unknown>) {
  const out = ctx.access.visible(obj, record);
  await withholdLabels(ctx.db, ctx.registry, obj, [out], await readerReach(ctx));
  return out;
}

/**
 * `{ id, label }` references to records of `objectName` (e.g. the people of a history or a share list), labelled as
 * the request's actor may see them: one lookup for all `ids`, unreadable ones `restricted`.
 */
export async function referencesFor(ctx: Ctx, objectName: string, ids: unknown[]) {
  const wanted = ids.filter((v) => v !== null && v !== undefined).map(Number);
  const titles = await lookupTitles(ctx.db, ctx.registry.get(objectName), wanted, await readerReach(ctx));
  return (id: unknown) => {
    if (id === null || id === undefined) return null;
    const n = Number(id);
    return titles.has(n) ? { id: n, label: titles.get(n) ?? null } : { id: n, label: null, restricted: true as const };
  };
}
