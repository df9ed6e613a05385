import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { WriteEvent } from '../records/hooks.ts';
import { parseInput } from '../records/input.ts';
import type { RowError } from './import-options.ts';
import { rowErrors } from './import-progress.ts';
import type { ImportSpec } from './import-rows.ts';
import { fetchMany } from './records-batch.ts';

/** A database error that a rule's read of bad data may raise (invalid text for a type, a constraint). */
const dataError = (err: unknown) => /^2[23]/.test(String((err as { code?: unknown })?.code ?? ''));

/**
 * The problems that the object's rules (before-hooks: a customer's credit code, a postcode…) find in the part of
 * a row that parsed, when other cells of the row failed already: a row reports every error at once, so that a bad
 * email does not hide a bad credit code until the next try. The hooks run on a throwaway write event under a
 * savepoint that is always rolled back; nothing they do stays. `failed` fields are left out and not reported again.
 */
export async function ruleProblems(
  tx: Ctx,
  spec: ImportSpec,
  row: number,
  input: Record<string, unknown>,
  failed: Set<string | undefined>,
  updateId?: number,
): Promise<RowError[]> {
  const rest = Object.fromEntries(Object.entries(input).filter(([k]) => !failed.has(k)));
  const mode = updateId !== undefined ? 'update' : 'create';
  const fresh = (list: RowError[]) => list.filter((e) => !failed.has(e.field));
  let values: Record<string, unknown>;
  try {
    values = (await parseInput(tx, spec.obj, rest, mode)).columns;
  } catch (err) {
    if (!(err instanceof KehuError)) throw err;
    return fresh(rowErrors(row, err, spec).filter((e) => e.field));
  }
  // A batch being written shares the connection: the savepoint must not interleave with its statements.
  await spec.settle();
  await sql`savepoint kehu_rules`.execute(tx.db);
  try {
    const before =
      updateId !== undefined ? (await fetchMany(tx, spec.obj, [updateId])).get(updateId)?.record : undefined;
    const e: WriteEvent = { action: mode, object: spec.obj, id: updateId, before, values };
    await tx.registry.hooks.run('before', tx, e);
    return [];
  } catch (err) {
    if (err instanceof KehuError) return fresh(rowErrors(row, err, spec).filter((x) => x.field));
    if (dataError(err)) return [];
    throw err;
  } finally {
    await sql`rollback to savepoint kehu_rules`.execute(tx.db);
    await sql`release savepoint kehu_rules`.execute(tx.db);
  }
}
