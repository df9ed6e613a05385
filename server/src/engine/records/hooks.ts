import type { RawBuilder } from 'kysely';
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
  /**
   * A create of a set-based write (a large import through a staging table): the before-hook checks and fills the
   * values but leaves its database checks to its `staged.check`, which answers for all staged rows at once.
   */
  staged?: boolean;
}

/** Rows staged for a set-based create (a temporary table), as a hook's set-based check reads them. */
export interface StagedRows {
  object: ObjectDef;
  /** The rows still to be written, as a FROM item aliased `s`. */
  from: RawBuilder<unknown>;
  /** A staged row's value of a field's column, typed as the record table stores it. */
  value(field: string): RawBuilder<unknown>;
  /** The sheet row of a staged row (an integer). */
  row: RawBuilder<unknown>;
}

/** What a set-based check says of staged rows: those refused, and those that must first see an earlier one written. */
export interface StagedVerdict {
  refused: Array<{ row: number; error: KehuError }>;
  /** Rows that meet another staged row earlier in the file: checked again once the rows before them are written. */
  later?: number[];
}

/** How a hook set takes part in set-based creates. */
export interface StagedHooks {
  /** The before-hook's database checks for all staged rows in one go (absent: it makes none on create). */
  check?(ctx: Ctx, rows: StagedRows): Promise<StagedVerdict>;
}

export interface ObjectHooks {
  /** Runs inside the transaction before the row is written; throw a KehuError to refuse. */
  before?(ctx: Ctx, e: WriteEvent): Promise<void> | void;
  /** Runs inside the transaction after the row, history and event are written. */
  after?(ctx: Ctx, e: WriteEvent): Promise<void> | void;
  /**
   * Declared by a hook set whose before-hook can run on staged creates (`WriteEvent.staged`). An object whose
   * before-hooks do not all declare it is imported row by row.
   */
  staged?: StagedHooks;
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

  /** Can creates of `object` be staged: does every hook set with a before-hook declare `staged`? */
  stageable(object: string): boolean {
    return this.of(object).every((h) => !h.before || h.staged);
  }

  /** The set-based checks of staged creates, merged: every refusal (the first per row), every row to do later. */
  async checkStaged(ctx: Ctx, rows: StagedRows): Promise<Required<StagedVerdict>> {
    const out: Required<StagedVerdict> = { refused: [], later: [] };
    const seen = new Set<number>();
    for (const h of this.of(rows.object.name)) {
      if (!h.staged?.check) continue;
      const v = await h.staged.check(ctx, rows);
      for (const r of v.refused) {
        if (seen.has(r.row)) continue;
        seen.add(r.row);
        if (r.error.code === 'VALIDATION_FAILED' && r.error.fields)
          r.error.fieldLabels = { ...labelsOf(rows.object, r.error.fields), ...r.error.fieldLabels };
        out.refused.push(r);
      }
      out.later.push(...(v.later ?? []));
    }
    out.later = [...new Set(out.later)].filter((r) => !seen.has(r));
    return out;
  }

  private of(object: string): ObjectHooks[] {
    return [...(this.hooks.get('*') ?? []), ...(this.hooks.get(object) ?? [])];
  }

  async run(phase: 'before' | 'after', ctx: Ctx, e: WriteEvent): Promise<void> {
    try {
      for (const h of this.of(e.object.name)) await h[phase]?.(ctx, e);
      if (phase === 'before') for (const check of this.rules) await check(ctx, e);
    } catch (err) {
      // A module's rule names fields by API name; the message names them by the labels users see.
      if (err instanceof KehuError && err.code === 'VALIDATION_FAILED' && err.fields)
        err.fieldLabels = { ...labelsOf(e.object, err.fields), ...err.fieldLabels };
      throw err;
    }
  }
}
