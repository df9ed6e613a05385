import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { refKey } from '../fields/relation.field.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';

export const relationTypes = new Set(['manyToOne', 'owner', 'manyToMany']);

/** What one name in a relation cell stands for. */
export type Resolved = number | 'ambiguous' | 'notFound';

const maxCached = 50_000;

/**
 * Relation cells hold names people know ("开乐专用车", "张伟"), not ids. Names are looked up in batches among
 * the target records the caller may read (through Access), by the target's title field and its codes (auto
 * numbers, e.g. KH2024000123) — and for users also by user name; a name that matches several records is
 * ambiguous rather than guessed. A bare number that names no
 * record is taken as an id and checked by the pipeline.
 */
export class RelationLookup {
  private readonly cache = new Map<string, Map<string, Resolved>>();

  constructor(
    private readonly ctx: Ctx,
    /** Records found are known to exist and be readable: the parse of the same reference asks no more (ParseContext.known). */
    private readonly known?: Map<string, boolean>,
  ) {}

  private target(f: FieldDef): ObjectDef {
    return this.ctx.registry.get(f.type === 'owner' ? 'user' : f.object!);
  }

  async load(db: Ctx['db'], f: FieldDef, names: Iterable<string>): Promise<void> {
    let known = this.cache.get(f.name);
    if (!known || known.size > maxCached) {
      known = new Map();
      this.cache.set(f.name, known);
    }
    const missing = [...new Set(names)].filter((n) => !known.has(n));
    if (missing.length === 0) return;
    const target = this.target(f);
    const title = target.fields.get(target.titleField);
    // Only by values the caller sees in the clear: matching by a hidden or masked title would be an oracle.
    const clear = (f: FieldDef) => this.ctx.access.canQueryField(target, f);
    const keys = [
      title?.column ? (clear(title) ? sql`${sql.ref(`t.${title.column}`)}::text` : undefined) : sql`t.id::text`,
    ].filter((k) => k !== undefined);
    if (target.name === 'user') keys.push(sql`t.username`);
    for (const c of target.fields.values())
      if (c.type === 'autoNumber' && c.column && c !== title && clear(c))
        keys.push(sql`${sql.ref(`t.${c.column}`)}::text`);
    if (keys.length === 0) {
      for (const n of missing) known.set(n, 'notFound');
      return;
    }
    const pred = await this.ctx.access.predicate(target, 'read', 't');
    // One lookup per key column, so that each can use that column's index.
    const parts = keys.map(
      (k) => sql`select t.id, ${k} as k from ${sql.table(target.table)} as t
        where t.deleted_at is null and ${k} = any(${missing}::text[]) and ${pred}`,
    );
    const r = await sql<{ id: number; k: string }>`${sql.join(parts, sql` union `)}`.execute(db);
    const found = new Map<string, Set<number>>();
    for (const row of r.rows) {
      this.known?.set(refKey(target, Number(row.id), true), true);
      this.known?.set(refKey(target, Number(row.id), false), true);
      const s = found.get(row.k) ?? new Set<number>();
      s.add(Number(row.id));
      found.set(row.k, s);
    }
    for (const n of missing) {
      const ids = found.get(n);
      known.set(n, !ids ? 'notFound' : ids.size > 1 ? 'ambiguous' : [...ids][0]);
    }
  }

  /** The id for a name (after `load`); digits without a matching name pass through as an id. */
  get(f: FieldDef, name: string): Resolved | string {
    const r = this.cache.get(f.name)?.get(name) ?? 'notFound';
    if (r === 'notFound' && /^\d{1,15}$/.test(name)) return name;
    return r;
  }
}
