import type { Label } from '@kehu/common';
import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../context.ts';
import type { ObjectDef } from '../metadata/types.ts';

/**
 * A module's way of recognising an existing record from a sheet row when one field is not enough (CUS-11): a
 * customer by credit code or by its normalised name, a contact by mobile or email. Modules register matchers;
 * the import offers them beside the matchable fields (`duplicates.matchOn` = the matcher's name).
 */
export interface ImportMatcher {
  /** Its name in `duplicates.matchOn`; never a field name of the object. */
  name: string;
  label: Label;
  /** Fields the keys are made of; at least one must be mapped. */
  fields: string[];
  /** A row's identity keys from its cell values by field name (as read, not yet validated). */
  rowKeys(input: Record<string, unknown>): string[];
  /**
   * A query of the ids of the records that may have one of `keys` (deleted ones and rights are the engine's
   * business). It must be served by indexes, key by key: a batch has a thousand keys, so one filter over the
   * table with a thousand conditions would check each row a thousand times.
   */
  candidates(obj: ObjectDef, keys: string[]): RawBuilder<unknown> | undefined;
  /**
   * The set-based form of `candidates`: the ids of the records that may have one of the keys `keys` lists (a query
   * of one text column `k`, e.g. the keys of every row of a staged file), in one statement.
   */
  stagedCandidates?(obj: ObjectDef, keys: RawBuilder<unknown>): RawBuilder<unknown> | undefined;
  /** The identity keys of an existing record; `value(field)` reads its stored column. */
  recordKeys(value: (field: string) => unknown): string[];
  /** Whether a row and a record that share a key are the same (default: yes). */
  same?(rowKeys: string[], recordKeys: string[]): boolean;
  /** The field a key was made of (`cc:…` → creditCode): why a row matched, as the import reports it. */
  keyField?(key: string): string | undefined;
}

/** Matchers per object; the engine calls them and never knows which module declared them. */
export class ImportMatcherRegistry {
  private readonly byObject = new Map<string, ImportMatcher[]>();

  add(object: string, matcher: ImportMatcher): void {
    const list = this.byObject.get(object) ?? [];
    if (list.some((m) => m.name === matcher.name)) throw new Error(`import matcher ${object}.${matcher.name} exists`);
    this.byObject.set(object, [...list, matcher]);
  }

  of(object: string): readonly ImportMatcher[] {
    return this.byObject.get(object) ?? [];
  }

  get(object: string, name: string): ImportMatcher | undefined {
    return this.of(object).find((m) => m.name === name);
  }
}

/** One existing record that a key found, with whether the caller may update it. */
export interface Match {
  id: number;
  canUpdate: boolean;
  keys: string[];
  /** Its title, when the caller sees the title field in the clear (else null). */
  label?: string | null;
}

/** A record a row matched, and the row keys that found it (strongest first, as the row lists its keys). */
export type RowMatch = Pick<Match, 'id' | 'canUpdate' | 'label'> & { by: string[] };

/** The title column of an object, for callers who see it in the clear; undefined otherwise. */
export function titleColumn(tx: Ctx, obj: ObjectDef): string | undefined {
  const f = obj.fields.get(obj.titleField);
  return f?.column && tx.access.canQueryField(obj, f) ? f.column : undefined;
}

/**
 * Existing records for the keys of a batch, among those the caller may read (Access), through the matcher's
 * candidate condition; each candidate is listed under every key it has.
 */
export async function matchByMatcher(
  tx: Ctx,
  obj: ObjectDef,
  matcher: ImportMatcher,
  keys: string[],
  /** The same keys as a query of one column `k` (a staging table): for the matcher's set-based form. */
  staged?: RawBuilder<unknown>,
): Promise<Map<string, Match[]>> {
  const out = new Map<string, Match[]>();
  if (keys.length === 0) return out;
  const read = await tx.access.predicate(obj, 'read', 't');
  const update = await tx.access.predicate(obj, 'update', 't');
  const ids =
    staged && matcher.stagedCandidates ? matcher.stagedCandidates(obj, staged) : matcher.candidates(obj, keys);
  if (!ids) return out;
  const r = await sql<Record<string, unknown>>`select t.*, (${update}) as kehu_can_update
    from ${sql.table(obj.table)} as t
    where t.id = any(array(${ids})) and t.deleted_at is null and ${read}`.execute(tx.db);
  const wanted = new Set(keys);
  const title = titleColumn(tx, obj);
  for (const row of r.rows) {
    const value = (field: string) => {
      const column = obj.fields.get(field)?.column;
      return column ? row[column] : undefined;
    };
    const own = matcher.recordKeys(value);
    const label = title && row[title] !== null && row[title] !== undefined ? String(row[title]) : null;
    const m: Match = { id: Number(row.id), canUpdate: row.kehu_can_update === true, keys: own, label };
    for (const k of own) if (wanted.has(k)) out.set(k, [...(out.get(k) ?? []), m]);
  }
  return out;
}

/** The distinct records that a row's keys find and the matcher accepts as the same, with the keys that found each. */
export function matchesOf(keys: string[], found: Map<string, Match[]>, same?: ImportMatcher['same']): RowMatch[] {
  const byId = new Map<number, RowMatch & { keys: string[] }>();
  for (const k of keys)
    for (const m of found.get(k) ?? []) {
      const hit = byId.get(m.id);
      if (hit) hit.by.push(k);
      else byId.set(m.id, { id: m.id, canUpdate: m.canUpdate, label: m.label ?? null, keys: m.keys, by: [k] });
    }
  return [...byId.values()].filter((m) => !same || same(keys, m.keys)).map(({ keys: _, ...m }) => m);
}
