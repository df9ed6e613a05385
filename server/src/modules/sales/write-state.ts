import type { FieldErrorCode } from '@kehu/common';
import { sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import { validationFailed } from '../../engine/errors.ts';
import type { WriteEvent } from '../../engine/records/hooks.ts';
import { idOf, type Meta, meta } from './meta.ts';

const filled = (v: unknown) =>
  v !== null && v !== undefined && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0);

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
      const target = meta(this.ctx, f.object!);
      const r = await sql`select 1 from ${target.table} as t where ${target.ref('t', f.field!)} = ${this.e.id}
        and t.deleted_at is null limit 1`.execute(this.ctx.db);
      return r.rows.length > 0;
    }
    const first = f.impl.columns(f).find((c) => !c.shadow && !c.generated)?.name;
    if (first && first in this.e.values) return filled(this.e.values[first]);
    return filled(this.e.before?.[field]);
  }

  throwProblems(): void {
    if (Object.keys(this.problems).length) throw validationFailed(this.problems);
  }
}
