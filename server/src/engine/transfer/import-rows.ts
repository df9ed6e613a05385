import { fieldTypeNames } from '@kehu/common';
import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { FieldProblem, KehuError } from '../errors.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { castOf } from '../query/conditions.ts';
import { parseInput } from '../records/input.ts';
import { cellInput } from './cell-input.ts';
import { type ImportMatcher, type Match, matchByMatcher, matchesOf } from './import-matchers.ts';
import type { DuplicatePolicy, RowError } from './import-options.ts';
import { type Progress, report, rowErrors } from './import-progress.ts';
import type { WriteEnv, WritePlan } from './import-write.ts';
import type { MappedColumn } from './mapping.ts';
import { type RelationLookup, relationTypes } from './relation-lookup.ts';
import type { SheetRow } from './spreadsheet-reader.ts';

export interface ImportSpec {
  obj: ObjectDef;
  columns: MappedColumn[];
  matchOn?: FieldDef;
  /** A module's matcher (instead of `matchOn`). */
  matcher?: ImportMatcher;
  policy: DuplicatePolicy;
  lookup: RelationLookup;
  env: WriteEnv;
}

interface Pending {
  r: SheetRow;
  input: Record<string, unknown>;
  /** Identity keys: the `matchOn` value, or the matcher's keys. */
  keys: string[];
  problems: RowError[];
}

/** Duplicate matching applies: a key field or a matcher, and a policy other than "create". */
const matching = (spec: ImportSpec) => (!!spec.matchOn || !!spec.matcher) && spec.policy !== 'create';

/** The value that identifies a row's record: parsed like the field parses it, so "138 1234 5678" finds +8613812345678. */
async function matchKey(tx: Ctx, spec: ImportSpec, p: Pending): Promise<void> {
  const f = spec.matchOn!;
  const v = p.input[f.name];
  if (v === undefined) return;
  const col = spec.columns.find((c) => c.field === f)!;
  if (col.matchOnly) {
    const text = String(v).trim();
    if (f.name === 'id' && !/^\d{1,15}$/.test(text))
      p.problems.push({ row: p.r.row, column: col.header, field: f.name, code: 'type' });
    else p.keys = [text];
    return;
  }
  try {
    const pc = {
      db: tx.db,
      object: spec.obj,
      field: f,
      userId: tx.actor.userId,
      timezone: tx.timezone,
      objectDef: (n: string) => tx.registry.get(n),
    };
    const parsed = await f.impl.parse(v, pc);
    const k = parsed[f.column!];
    if (k !== null && k !== undefined) p.keys = [String(k)];
  } catch (err) {
    if (!(err instanceof FieldProblem)) throw err;
    p.problems.push({ row: p.r.row, column: col.header, field: f.name, code: err.problem });
  }
}

/** Existing records per key, among those the caller may read, with whether each may be updated. */
async function existing(tx: Ctx, spec: ImportSpec, keys: string[]): Promise<Map<string, Match[]>> {
  if (spec.matcher) return matchByMatcher(tx, spec.obj, spec.matcher, keys);
  const out = new Map<string, Match[]>();
  if (keys.length === 0) return out;
  const f = spec.matchOn!;
  const col = sql.ref(`t.${f.column}`);
  const cast = sql.raw(`${f.name === 'id' ? 'bigint' : castOf(f.impl.kind)}[]`);
  const read = await tx.access.predicate(spec.obj, 'read', 't');
  const update = await tx.access.predicate(spec.obj, 'update', 't');
  const r = await sql<{
    id: number;
    k: string;
    can_update: boolean;
  }>`select t.id, ${col}::text as k, (${update}) as can_update
    from ${sql.table(spec.obj.table)} as t where t.deleted_at is null and ${col} = any(${keys}::${cast}) and ${read}`.execute(
    tx.db,
  );
  for (const row of r.rows) {
    const list = out.get(row.k) ?? [];
    list.push({ id: Number(row.id), canUpdate: row.can_update, keys: [row.k] });
    out.set(row.k, list);
  }
  return out;
}

/** Relation names → ids (in batches), as the pipeline expects them. */
async function resolveRelations(tx: Ctx, spec: ImportSpec, rows: Pending[]): Promise<void> {
  for (const c of spec.columns.filter((x) => relationTypes.has(x.field.type))) {
    const f = c.field;
    const names = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
    await spec.lookup.load(
      tx.db,
      f,
      rows.flatMap((p) => names(p.input[f.name])),
    );
    for (const p of rows) {
      if (p.input[f.name] === undefined) continue;
      const ids = names(p.input[f.name]).map((n) => spec.lookup.get(f, n));
      const bad = ids.find((x) => x === 'notFound' || x === 'ambiguous') as 'notFound' | 'ambiguous' | undefined;
      if (bad) p.problems.push({ row: p.r.row, column: c.header, field: f.name, code: bad });
      else p.input[f.name] = f.type === 'manyToMany' ? ids : ids[0];
    }
  }
}

/** Take rows from the front of `queue` up to `size`, stopping before a key already taken (it must see the first one's write). */
async function takeBatch(tx: Ctx, spec: ImportSpec, queue: SheetRow[], size: number): Promise<Pending[]> {
  const out: Pending[] = [];
  const keys = new Set<string>();
  for (const r of queue) {
    if (out.length >= size) break;
    const p: Pending = { r, input: {}, keys: [], problems: [] };
    for (const c of spec.columns) {
      const v = cellInput(c.field, r.cells[c.index] ?? null, tx.timezone);
      if (v !== undefined) p.input[c.field.name] = v;
    }
    if (matching(spec)) {
      if (spec.matcher) p.keys = [...new Set(spec.matcher.rowKeys(p.input))];
      else await matchKey(tx, spec, p);
      if (p.keys.some((k) => keys.has(k))) break;
      for (const k of p.keys) keys.add(k);
    }
    out.push(p);
  }
  return out;
}

/** Validate and plan one row: create, update, skip — or its problems. */
async function planRow(
  tx: Ctx,
  spec: ImportSpec,
  p: Pending,
  found: Map<string, Match[]>,
): Promise<WritePlan | 'skip' | RowError[]> {
  const matches = matchesOf(p.keys, found, spec.matcher?.same);
  const keyColumn = spec.columns.find((c) =>
    spec.matcher ? spec.matcher.fields.includes(c.field.name) : c.field === spec.matchOn,
  );
  if (!p.problems.length && matches.length && spec.policy === 'skip') return 'skip';
  if (matches.length > 1 && spec.policy === 'update')
    return [{ row: p.r.row, column: keyColumn?.header, field: keyColumn?.field.name, code: 'ambiguous' }];
  const update = matches.length === 1 && spec.policy === 'update' ? matches[0] : undefined;
  if (update && !update.canUpdate) return [{ row: p.r.row, code: 'FORBIDDEN' }];
  // Fields that already failed (unknown names) are left out so that the rest of the row is still checked.
  const failed = new Set(p.problems.map((e) => e.field));
  const input = { ...p.input };
  for (const c of spec.columns) if (c.matchOnly || failed.has(c.field.name)) delete input[c.field.name];
  let plan: WritePlan | RowError[];
  try {
    plan = await planParsed(tx, spec, p, input, update?.id);
  } catch (err) {
    if (!(err instanceof KehuError)) throw err;
    plan = rowErrors(p.r.row, err, spec);
  }
  if (!p.problems.length) return plan;
  return [...p.problems, ...(Array.isArray(plan) ? plan.filter((e) => !failed.has(e.field)) : [])];
}

async function planParsed(
  tx: Ctx,
  spec: ImportSpec,
  p: Pending,
  input: Record<string, unknown>,
  updateId?: number,
): Promise<WritePlan | RowError[]> {
  const parsed = await parseInput(tx, spec.obj, input, updateId !== undefined ? 'update' : 'create');
  if (updateId !== undefined) return { row: p.r.row, action: 'update', id: updateId, parsed };
  if (tx.access.scope(spec.obj.name, 'create') === 'none') return [{ row: p.r.row, code: 'FORBIDDEN' }];
  const owner = spec.obj.ownerField;
  if (owner) {
    const col = owner.column!;
    if (parsed.columns[col] === undefined || parsed.columns[col] === null) parsed.columns[col] = tx.actor.userId;
    if (!(await tx.access.allowsOwner(spec.obj, 'create', parsed.columns[col] as number))) {
      return [
        {
          row: p.r.row,
          column: spec.columns.find((c) => c.field === owner)?.header,
          field: owner.name,
          code: 'FORBIDDEN',
        },
      ];
    }
  }
  return { row: p.r.row, action: 'create', parsed };
}

/** Validate the next batch from the front of `queue`: the rows to write, and how many rows it consumed. */
export async function planBatch(
  tx: Ctx,
  spec: ImportSpec,
  queue: SheetRow[],
  size: number,
  progress: Progress,
): Promise<{ plans: WritePlan[]; consumed: number }> {
  const rows = await takeBatch(tx, spec, queue, size);
  await resolveRelations(tx, spec, rows);
  const keys = [...new Set(rows.flatMap((p) => (p.problems.length ? [] : p.keys)))];
  const found = matching(spec) ? await existing(tx, spec, keys) : new Map<string, Match[]>();
  const plans: WritePlan[] = [];
  for (const p of rows) {
    const plan = await planRow(tx, spec, p, found);
    if (plan === 'skip') progress.skipped++;
    else if (Array.isArray(plan)) report(progress, plan);
    else plans.push(plan);
  }
  progress.processed += rows.length;
  return { plans, consumed: rows.length };
}

/** Field types whose parsing never reads the database (references, files and codes do). */
const readsDatabase = new Set([
  'manyToOne',
  'oneToMany',
  'manyToMany',
  'owner',
  'attachments',
  'autoNumber',
  'computed',
  'password',
  'json',
]);
const pureTypes = new Set(fieldTypeNames.filter((t) => !readsDatabase.has(t)));

/**
 * May the next batch be validated while the previous one is being written? Only when validation reads nothing
 * from the database — no duplicate matching (it must see the previous batch), no relations, no defaults that
 * need a lookup — so it neither depends on that write nor queues a read behind a statement that may fail.
 */
export function canOverlap(spec: ImportSpec): boolean {
  if (matching(spec)) return false;
  if (!spec.columns.every((c) => pureTypes.has(c.field.type))) return false;
  return [...spec.obj.fields.values()].every((f) => f.default === undefined || pureTypes.has(f.type));
}
