import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { parseInput } from '../records/input.ts';
import { cellInput } from './cell-input.ts';
import { matching, matchKey, outcomeMatch } from './import-duplicates.ts';
import { type ImportMatcher, type Match, matchesOf } from './import-matchers.ts';
import type { DuplicatePolicy, RowError } from './import-options.ts';
import { matched, type OutcomeMatch, type Progress, report, rowErrors } from './import-progress.ts';
import { ruleProblems } from './import-rules.ts';
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
  /** References checked in this import (a parse memo, see ParseContext.known). */
  known: Map<string, boolean>;
  /** Resolves once no batch is being written (validation that writes under a savepoint waits for it). */
  settle: () => Promise<unknown>;
}

interface Pending {
  r: SheetRow;
  input: Record<string, unknown>;
  /** Identity keys: the `matchOn` value, or the matcher's keys. */
  keys: string[];
  problems: RowError[];
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

/** A row's identity keys (the `matchOn` value, or the matcher's keys) from its cell values, or the key cell's problem. */
export async function keysOf(
  tx: Ctx,
  spec: ImportSpec,
  row: number,
  input: Record<string, unknown>,
): Promise<string[] | RowError> {
  if (spec.matcher) return [...new Set(spec.matcher.rowKeys(input))];
  return matchKey(tx, spec, row, input);
}

/** The cell values of a row, by field name (`only`: of these columns). */
export function cellValues(tx: Ctx, spec: ImportSpec, r: SheetRow, only = spec.columns): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const c of only) {
    const v = cellInput(c.field, r.cells[c.index] ?? null, tx.timezone, c.values);
    if (v !== undefined) input[c.field.name] = v;
  }
  return input;
}

/** Read the rows' cells and identity keys (rows of one round never share a key: see import-rounds.ts). */
async function takeBatch(tx: Ctx, spec: ImportSpec, rows: SheetRow[]): Promise<Pending[]> {
  const out: Pending[] = [];
  for (const r of rows) {
    const p: Pending = { r, input: cellValues(tx, spec, r), keys: [], problems: [] };
    if (matching(spec)) {
      const k = await keysOf(tx, spec, r.row, p.input);
      if (Array.isArray(k)) p.keys = k;
      else p.problems.push(k);
    }
    out.push(p);
  }
  return out;
}

type Planned = WritePlan | { skip: OutcomeMatch } | RowError[];

/** The same field and problem once. */
const distinct = (errors: RowError[]) =>
  errors.filter((e, i) => errors.findIndex((x) => x.field === e.field && x.code === e.code) === i);

/** Validate and plan one row: create, update, skip — or all its problems. */
async function planRow(
  tx: Ctx,
  spec: ImportSpec,
  p: Pending,
  found: Map<string, Match[]>,
  progress: Progress,
): Promise<Planned> {
  // A row whose cells already failed (a relation that names no record) matches nothing, as before its keys were read.
  const matches = p.problems.length ? [] : matchesOf(p.keys, found, spec.matcher?.same);
  const keyColumn = spec.columns.find((c) =>
    spec.matcher ? spec.matcher.fields.includes(c.field.name) : c.field === spec.matchOn,
  );
  if (!p.problems.length && matches.length && spec.policy === 'skip')
    return { skip: outcomeMatch(spec, matches[0], progress) };
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
  if (!Array.isArray(plan)) {
    if (update) plan.match = outcomeMatch(spec, update, progress);
    if (!p.problems.length) return plan;
  }
  const errors = [...p.problems, ...(Array.isArray(plan) ? plan.filter((e) => !failed.has(e.field)) : [])];
  // Every error of the row: the object's rules also check the cells that parsed.
  if (errors.some((e) => e.field)) {
    for (const e of errors) failed.add(e.field);
    errors.push(...(await ruleProblems(tx, spec, p.r.row, input, failed, update?.id)));
  }
  return distinct(errors);
}

async function planParsed(
  tx: Ctx,
  spec: ImportSpec,
  p: Pending,
  input: Record<string, unknown>,
  updateId?: number,
): Promise<WritePlan | RowError[]> {
  const parsed = await parseInput(tx, spec.obj, input, updateId !== undefined ? 'update' : 'create', {
    recordId: updateId,
    known: spec.known,
  });
  if (updateId !== undefined) return { row: p.r.row, action: 'update', id: updateId, parsed, cells: p.r.cells };
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
  return { row: p.r.row, action: 'create', parsed, cells: p.r.cells };
}

/** Validate a batch of rows against the records their keys found (`found`): the rows to write. */
export async function planBatch(
  tx: Ctx,
  spec: ImportSpec,
  batch: SheetRow[],
  found: Map<string, Match[]>,
  progress: Progress,
): Promise<WritePlan[]> {
  const rows = await takeBatch(tx, spec, batch);
  await resolveRelations(tx, spec, rows);
  const plans: WritePlan[] = [];
  for (const p of rows) {
    const plan = await planRow(tx, spec, p, found, progress);
    if ('skip' in plan) matched(progress, p.r.row, 'skipped', plan.skip);
    else if (Array.isArray(plan)) report(progress, plan, p.r.cells);
    else plans.push(plan);
  }
  progress.processed += rows.length;
  return plans;
}
