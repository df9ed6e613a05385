import { sql } from 'kysely';
import { clientOf, copyIn, copyLine } from '../../db/copy.ts';
import type { Ctx } from '../context.ts';
import { FieldProblem } from '../errors.ts';
import { castOf } from '../query/conditions.ts';
import { type Match, matchByMatcher, type RowMatch, titleColumn } from './import-matchers.ts';
import type { RowError } from './import-options.ts';
import type { OutcomeMatch, Progress } from './import-progress.ts';
import type { ImportSpec } from './import-rows.ts';

/** Duplicate matching applies: a key field or a matcher, and a policy other than "create". */
export const matching = (spec: ImportSpec) => (!!spec.matchOn || !!spec.matcher) && spec.policy !== 'create';

/**
 * The value that identifies a row's record: parsed like the field parses it, so "138 1234 5678" finds
 * +8613812345678. Returns the keys, or the problem of the key cell.
 */
export async function matchKey(
  tx: Ctx,
  spec: ImportSpec,
  row: number,
  input: Record<string, unknown>,
): Promise<string[] | RowError> {
  const f = spec.matchOn!;
  const v = input[f.name];
  if (v === undefined) return [];
  const col = spec.columns.find((c) => c.field === f)!;
  if (col.matchOnly) {
    const text = String(v).trim();
    if (f.name === 'id' && !/^\d{1,15}$/.test(text)) return { row, column: col.header, field: f.name, code: 'type' };
    return [text];
  }
  try {
    const pc = {
      db: tx.db,
      object: spec.obj,
      field: f,
      userId: tx.actor.userId,
      timezone: tx.timezone,
      objectDef: (n: string) => tx.registry.get(n),
      // A lookup of existing records: a deactivated option still names the ones that hold it.
      acceptInactive: true,
    };
    const parsed = await f.impl.parse(v, pc);
    const k = parsed[f.column!];
    return k !== null && k !== undefined ? [String(k)] : [];
  } catch (err) {
    if (!(err instanceof FieldProblem)) throw err;
    return { row, column: col.header, field: f.name, code: err.problem };
  }
}

/**
 * Existing records per key, among those the caller may read, with whether each may be updated: for all keys of a
 * file at once, set-based — the keys are copied into a temporary table and matched in one statement.
 */
export async function existing(tx: Ctx, spec: ImportSpec, keys: string[]): Promise<Map<string, Match[]>> {
  const out = new Map<string, Match[]>();
  if (keys.length === 0) return out;
  await sql`create temp table if not exists kehu_import_keys (k text) on commit drop`.execute(tx.db);
  await sql`truncate kehu_import_keys`.execute(tx.db);
  await copyIn(
    await clientOf(tx.db),
    'copy kehu_import_keys (k) from stdin',
    keys.map((k) => copyLine([k])),
  );
  await sql`analyze kehu_import_keys`.execute(tx.db);
  const staged = sql`select k from kehu_import_keys`;
  if (spec.matcher) return matchByMatcher(tx, spec.obj, spec.matcher, keys, staged);
  const f = spec.matchOn!;
  const col = sql.ref(`t.${f.column}`);
  const cast = sql.raw(f.name === 'id' ? 'bigint' : castOf(f.impl.kind));
  const read = await tx.access.predicate(spec.obj, 'read', 't');
  const update = await tx.access.predicate(spec.obj, 'update', 't');
  const title = titleColumn(tx, spec.obj);
  const r = await sql<{
    id: number;
    k: string;
    can_update: boolean;
    label: string | null;
  }>`select t.id, ${col}::text as k, (${update}) as can_update, ${title ? sql`${sql.ref(`t.${title}`)}::text` : sql`null`} as label
    from ${sql.table(spec.obj.table)} as t where t.deleted_at is null and ${col} in (select k::${cast} from kehu_import_keys)
    and ${read}`.execute(tx.db);
  for (const row of r.rows) {
    const list = out.get(row.k) ?? [];
    list.push({ id: Number(row.id), canUpdate: row.can_update, keys: [row.k], label: row.label });
    out.set(row.k, list);
  }
  return out;
}

/** How the report names a match: the record, the field that matched, and the row of the file that created it. */
export function outcomeMatch(spec: ImportSpec, m: RowMatch, progress: Progress): OutcomeMatch {
  const by = spec.matcher ? (spec.matcher.keyField?.(m.by[0]) ?? spec.matcher.name) : spec.matchOn!.name;
  const sameAsRow = progress.createdRows.get(m.id);
  return { id: m.id, label: m.label ?? null, by, ...(sameAsRow !== undefined ? { sameAsRow } : {}) };
}
