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
  /** The identity keys of an existing record; `value(field)` reads its stored column. */
  recordKeys(value: (field: string) => unknown): string[];
  /** Whether a row and a record that share a key are the same (default: yes). */
  same?(rowKeys: string[], recordKeys: string[]): boolean;
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
): Promise<Map<string, Match[]>> {
  const out = new Map<string, Match[]>();
  if (keys.length === 0) return out;
  const read = await tx.access.predicate(obj, 'read', 't');
  const update = await tx.access.predicate(obj, 'update', 't');
  const ids = matcher.candidates(obj, keys);
  if (!ids) return out;
  const r = await sql<Record<string, unknown>>`select t.*, (${update}) as kehu_can_update
    from ${sql.table(obj.table)} as t
    where t.id = any(array(${ids})) and t.deleted_at is null and ${read}`.execute(tx.db);
  const wanted = new Set(keys);
  for (const row of r.rows) {
    const value = (field: string) => {
      const column = obj.fields.get(field)?.column;
      return column ? row[column] : undefined;
    };
    const own = matcher.recordKeys(value);
    const m: Match = { id: Number(row.id), canUpdate: row.kehu_can_update === true, keys: own };
    for (const k of own) if (wanted.has(k)) out.set(k, [...(out.get(k) ?? []), m]);
  }
  return out;
}

/** The distinct records that a row's keys find and the matcher accepts as the same. */
export function matchesOf(
  keys: string[],
  found: Map<string, Match[]>,
  same?: ImportMatcher['same'],
): Array<Pick<Match, 'id' | 'canUpdate'>> {
  const byId = new Map<number, Match>();
  for (const k of keys) for (const m of found.get(k) ?? []) byId.set(m.id, m);
  return [...byId.values()].filter((m) => !same || same(keys, m.keys));
}
