import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { WriteEvent } from '../records/hooks.ts';
import type { PreparedImport } from './import.ts';
import { isRowFailure, type Progress, report, rowErrors, writeSafely } from './import-progress.ts';
import { cellValues, type ImportSpec, keysOf } from './import-rows.ts';
import type { ImportStage, StagedCreate } from './import-stage.ts';
import type { WritePlan } from './import-write.ts';
import { isBlankCell, readSheet, type SheetRow } from './spreadsheet-reader.ts';
import { isWatermarkRow } from './watermark-row.ts';

/** The data rows of an upload: header, blank and watermark rows left out (with `progress`, the latter leave the total). */
export async function* dataRows(prep: PreparedImport, progress?: Progress): AsyncGenerator<SheetRow> {
  for await (const r of readSheet(prep.file, prep.format)) {
    if (r.row <= prep.headerRow || r.cells.every(isBlankCell)) continue;
    if (isWatermarkRow(r.cells)) {
      if (progress) progress.total = Math.max(progress.processed, progress.total - 1);
      continue;
    }
    yield r;
  }
}

/** The rounds of an import with duplicate matching: the keys of each round's rows, the rows of the later rounds. */
export interface Rounds {
  keys: string[][];
  /** Rows of round 1, 2 … (round 0's rows are read from the file again). */
  later: SheetRow[][];
  /** Sheet rows of the later rounds. */
  notFirst: Set<number>;
}

/**
 * The first pass of an import that matches duplicates (CUS-11): every row's identity keys, from its key cells. A row
 * sharing a key with an earlier row of the file must see that row's write — skip it as its duplicate, or update the
 * record it created — so it goes into a later round than that row; the rows of one round share no key, and each
 * round is matched against the database in one statement and written before the next.
 */
export async function planRounds(tx: Ctx, spec: ImportSpec, prep: PreparedImport): Promise<Rounds> {
  const keyColumns = spec.columns.filter((c) =>
    spec.matcher ? spec.matcher.fields.includes(c.field.name) : c.field === spec.matchOn,
  );
  const roundOfKey = new Map<string, number>();
  const rounds: Rounds = { keys: [[]], later: [], notFirst: new Set() };
  for await (const r of dataRows(prep)) {
    const keys = await keysOf(tx, spec, r.row, cellValues(tx, spec, r, keyColumns));
    if (!Array.isArray(keys) || keys.length === 0) continue;
    let round = 0;
    for (const k of keys) round = Math.max(round, (roundOfKey.get(k) ?? -1) + 1);
    for (const k of keys) roundOfKey.set(k, round);
    rounds.keys[round] ??= [];
    rounds.keys[round].push(...keys);
    if (round === 0) continue;
    rounds.later[round - 1] ??= [];
    rounds.later[round - 1].push(r);
    rounds.notFirst.add(r.row);
  }
  return rounds;
}

/**
 * Write a validated batch. Without a staging table, row by row as the pipeline does (batched). With one, updates
 * are written so and creates are staged: their before-hooks run now (they check and fill values; database checks
 * are the hooks' set-based part, run when the stage is written), and a refusing hook fails only its row.
 */
export async function writePlans(
  tx: Ctx,
  spec: ImportSpec,
  plans: WritePlan[],
  progress: Progress,
  stage?: ImportStage,
): Promise<void> {
  if (!stage) return writeSafely(tx, spec, plans, progress);
  await writeSafely(
    tx,
    spec,
    plans.filter((p) => p.action === 'update'),
    progress,
  );
  const creates: StagedCreate[] = [];
  for (const p of plans) {
    if (p.action !== 'create') continue;
    const e: WriteEvent = { action: 'create', object: spec.obj, values: p.parsed.columns, staged: true };
    try {
      await tx.registry.hooks.run('before', tx, e);
    } catch (err) {
      if (!(err instanceof KehuError) || !isRowFailure(err)) throw err;
      report(progress, rowErrors(p.row, err, spec), p.cells);
      continue;
    }
    creates.push({ row: p.row, values: e.values, links: p.parsed.links, cells: p.cells });
  }
  await stage.append(tx, creates);
}
