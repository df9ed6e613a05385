import type { Ctx } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import type { WriteEvent } from '../../engine/records/hooks.ts';
import { assertNoConflict, stagedConflicts } from './ownership-conflict.ts';
import { rememberConflict } from './ownership-conflicts.ts';
import { systemTx } from './ownership-input.ts';
import { registerPoolReturnJob } from './pool-return.job.ts';
import { unsharePool } from './pool-rules.ts';
import { getLiveOrDeleted, refId } from './record-reads.ts';

const col = (e: WriteEvent, field: string) => e.object.fields.get(field)!.column!;
const idOf = (v: unknown) => (v && typeof v === 'object' ? Number((v as { id: number }).id) : null);

/**
 * CUS-8: a new customer, or a renamed one, must not be a customer someone else owns. The refusal is remembered,
 * so that the refused person can ask for that customer (a transfer request) although they cannot read it.
 */
async function checkConflict(engine: Engine, ctx: Ctx, e: WriteEvent): Promise<void> {
  const name = col(e, 'name');
  const code = col(e, 'creditCode');
  if (e.action !== 'create' && !(name in e.values) && !(code in e.values)) return;
  const owner = col(e, 'owner');
  const newOwner = owner in e.values ? (e.values[owner] as number | null) : idOf(e.before?.owner);
  await assertNoConflict(
    ctx,
    {
      name: name in e.values ? e.values[name] : e.before?.name,
      creditCode: code in e.values ? e.values[code] : e.before?.creditCode,
    },
    newOwner === null ? null : Number(newOwner),
    e.id ?? 0,
  ).catch(async (err: unknown) => {
    if (err instanceof KehuError && err.code === 'CUSTOMER_OWNED')
      await rememberConflict(engine, ctx, Number(err.params.customer), (err.params.ownerId as number | null) ?? null);
    throw err;
  });
}

/** A change of owner keeps the previous one; an owner given to a pool customer takes it out of the pool. */
function keepLastOwner(e: WriteEvent): void {
  const owner = col(e, 'owner');
  if (e.action !== 'update' || !(owner in e.values)) return;
  const was = idOf(e.before?.owner);
  const now = e.values[owner] === null ? null : Number(e.values[owner]);
  if (now === was) return;
  if (was !== null) e.values[col(e, 'lastOwner')] = was;
  if (now !== null && e.before?.inPool === true) {
    e.values[col(e, 'inPool')] = false;
    e.values[col(e, 'pool')] = null;
  }
}

/** Ownership rules of customers (CUS-7, CUS-8): conflict check, last owner, pool shares, the return job. */
export function registerOwnership(engine: Engine): void {
  engine.registry.hooks.on('customer', {
    async before(ctx, e) {
      if (e.action !== 'create' && e.action !== 'update') return;
      // A staged create (a large import) is checked with all staged rows at once (staged.check).
      if (!e.staged) await checkConflict(engine, ctx, e);
      keepLastOwner(e);
    },
    staged: {
      async check(ctx, rows) {
        const verdict = await stagedConflicts(ctx, rows);
        // Remembered once per customer met, however many rows of the file met it.
        const met = new Map<number, number | null>();
        for (const { error } of verdict.refused)
          if (error.code === 'CUSTOMER_OWNED')
            met.set(Number(error.params.customer), (error.params.ownerId as number | null) ?? null);
        for (const [customer, owner] of met) await rememberConflict(engine, ctx, customer, owner);
        return verdict;
      },
    },
    async after(ctx, e) {
      const pool = idOf(e.before?.pool);
      if (e.action !== 'update' || pool === null || e.after?.inPool !== false) return;
      // The rule's department, also when the rule has been deleted since (its share must still go).
      const rule = await getLiveOrDeleted(systemTx(engine, ctx), 'customerPoolRule', pool);
      if (rule) await unsharePool(engine, ctx, e.id!, Number(refId(rule.department)));
    },
  });
  registerPoolReturnJob(engine);
}
