import type { Ctx } from '../../engine/context.ts';
import { validationFailed } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';

export const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** A required record id in a body field, else VALIDATION_FAILED naming the field. */
export function idField(b: Record<string, unknown>, field: string): number {
  const v = b[field];
  if (!isId(v)) throw validationFailed({ [field]: v === undefined || v === null ? 'required' : 'type' });
  return v;
}

/** Optional short text (reason, comment). */
export function textField(b: Record<string, unknown>, field: string, required: boolean, max = 1000): string | null {
  const v = b[field];
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
    if (required) throw validationFailed({ [field]: 'required' });
    return null;
  }
  if (typeof v !== 'string') throw validationFailed({ [field]: 'type' });
  if (v.length > max) throw validationFailed({ [field]: 'tooLong' });
  return v.trim();
}

/**
 * The system actor inside the caller's open transaction: for the engine's bookkeeping a rule performs on the
 * caller's behalf (pool shares, share of a request with a manager) after the rule itself checked the caller.
 */
export function systemTx(engine: Engine, tx: Ctx): Ctx {
  return { ...engine.systemContext(), db: tx.db, inTransaction: tx.inTransaction, afterCommit: tx.afterCommit };
}
