import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { labelsOf } from './labels-of.ts';

export type WriteAction = 'create' | 'update' | 'delete' | 'undelete' | 'restore';

export interface WriteEvent {
  action: WriteAction;
  object: ObjectDef;
  id?: number;
  /** The record before the change (API form), for updates and deletes. */
  before?: Record<string, unknown>;
  /** Column values about to be written (before hooks may add to them). */
  values: Record<string, unknown>;
  /** The record after the change (API form), for after hooks. */
  after?: Record<string, unknown>;
  /** The engine's own write (e.g. a merge moving references): declared rules between fields are not checked. */
  internal?: boolean;
  /** Written by the approval engine (WF-2): the record lock of a running approval does not apply. */
  byFlow?: boolean;
}

export interface ObjectHooks {
  /** Runs inside the transaction before the row is written; throw a KehuError to refuse. */
  before?(ctx: Ctx, e: WriteEvent): Promise<void> | void;
  /** Runs inside the transaction after the row, history and event are written. */
  after?(ctx: Ctx, e: WriteEvent): Promise<void> | void;
}

/** Business rules that modules attach to objects. The engine calls them; it never knows who they are. */
export class HookRegistry {
  private readonly hooks = new Map<string, ObjectHooks[]>();
  private readonly rules: Array<NonNullable<ObjectHooks['before']>> = [];

  /** An engine rule over every object's writes, run after all modules' before-hooks (they may fill values). */
  rule(check: NonNullable<ObjectHooks['before']>): void {
    this.rules.push(check);
  }

  on(object: string, hooks: ObjectHooks): void {
    const list = this.hooks.get(object) ?? [];
    list.push(hooks);
    this.hooks.set(object, list);
  }

  async run(phase: 'before' | 'after', ctx: Ctx, e: WriteEvent): Promise<void> {
    try {
      for (const h of [...(this.hooks.get('*') ?? []), ...(this.hooks.get(e.object.name) ?? [])])
        await h[phase]?.(ctx, e);
      if (phase === 'before') for (const check of this.rules) await check(ctx, e);
    } catch (err) {
      // A module's rule names fields by API name; the message names them by the labels users see.
      if (err instanceof KehuError && err.code === 'VALIDATION_FAILED' && err.fields)
        err.fieldLabels = { ...labelsOf(e.object, err.fields), ...err.fieldLabels };
      throw err;
    }
  }
}
