import type { FieldErrorCode } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { validationFailed } from '../../engine/errors.ts';
import { records } from '../../engine/query/builder.ts';
import type { WriteEvent } from '../../engine/records/hooks.ts';
import { idOf, type Meta, meta } from './meta.ts';

const filled = (v: unknown) =>
  v !== null && v !== undefined && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0);

/**
 * Does any live record of `object` point at `id` through `field`? A rule of the write (the stage gate's required
 * one-to-many fields), so it is read as the engine, whoever writes.
 */
export async function hasRelated(ctx: Ctx, object: string, field: string, id: number): Promise<boolean> {
  const r = await records(ctx, object, { internal: true }).count({ field, op: 'eq', value: id });
  return r > 0;
}

/** A write seen by a before-hook: the values it writes over the stored record, by field name. */
export class WriteState {
  readonly m: Meta;
  readonly problems: Record<string, FieldErrorCode> = {};

  constructor(
    readonly ctx: Ctx,
    readonly e: WriteEvent,
    object: string,
  ) {
    this.m = meta(ctx, object);
  }

  get creating(): boolean {
    return this.e.action === 'create';
  }

  written(field: string): boolean {
    return this.m.c(field) in this.e.values;
  }

  /** The value after this write (relations as ids). */
  get(field: string): unknown {
    if (this.written(field)) return this.e.values[this.m.c(field)];
    const b = this.e.before?.[field];
    return typeof b === 'object' && b !== null && !Array.isArray(b) && 'id' in b ? idOf(b) : (b ?? null);
  }

  id(field: string): number | null {
    return idOf(this.get(field));
  }

  /** The stored value (relations as ids), null on create. */
  was(field: string): unknown {
    const b = this.e.before?.[field];
    return typeof b === 'object' && b !== null && !Array.isArray(b) && 'id' in b ? idOf(b) : (b ?? null);
  }

  set(field: string, value: unknown): void {
    this.e.values[this.m.c(field)] = value;
  }

  /** Will the field be filled after this write? One-to-many fields count live related records. */
  async has(field: string): Promise<boolean> {
    const f = this.m.obj.fields.get(field);
    if (!f) return false;
    if (f.type === 'oneToMany') {
      if (this.e.id === undefined) return false;
      return hasRelated(this.ctx, f.object!, f.field!, this.e.id);
    }
    const first = f.impl.columns(f).find((c) => !c.shadow && !c.generated)?.name;
    if (first && first in this.e.values) return filled(this.e.values[first]);
    return filled(this.e.before?.[field]);
  }

  throwProblems(): void {
    if (Object.keys(this.problems).length) throw validationFailed(this.problems);
  }
}
