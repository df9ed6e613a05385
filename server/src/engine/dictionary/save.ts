import { type DictionaryField, labelText, type PicklistOption } from '@kehu/common';
import { sql } from 'kysely';
import { type Ctx, transaction } from '../context.ts';
import { KehuError } from '../errors.ts';
import { publishLiveToAll } from '../events/live.ts';
import { flowBoundStates } from '../flows/bound-states.ts';
import { announceMetadataChange } from '../metadata/sync.ts';
import { dictionaryError, planEdit } from './edit.ts';
import { describeDictionaryField, editableFields, requireAdmin } from './list.ts';
import { effectiveOptions, loadDictionary, optionsSource, type StoredOption, storedList } from './merge.ts';
import { holders } from './usage.ts';

export interface SavedDictionary {
  field: DictionaryField;
  /** What changed, for the operation log. */
  summary: string;
}

/**
 * `PATCH /api/dictionary/:object/:field` (WF-7): replace a field's option list in one transaction (the stored row is
 * locked, so two administrators cannot interleave), tell every process, then put it in force here.
 */
export async function saveDictionaryField(
  ctx: Ctx,
  objectName: string,
  fieldName: string,
  body: unknown,
): Promise<SavedDictionary> {
  requireAdmin(ctx);
  const obj = ctx.registry.get(objectName);
  if (ctx.access.scope(obj.name, 'read') === 'none') throw new KehuError('UNKNOWN_OBJECT', { object: obj.name });
  const f = obj.fields.get(fieldName);
  const src = f && optionsSource(ctx.registry, f);
  if (f && src) throw dictionaryError(f, 'derived', { source: src.label });
  if (!f || !editableFields(ctx, obj).includes(f))
    throw new KehuError('UNKNOWN_FIELD', { field: String(fieldName).slice(0, 60) });
  const expected = (body as { version?: unknown } | null)?.version;
  if (expected !== undefined && !Number.isSafeInteger(expected)) throw dictionaryError(f, 'format');
  const { before, after, version } = await transaction(ctx, async (tx) => {
    await sql`insert into sys_picklist (object, field, options, version) values (${obj.name}, ${f.name}, '[]', 0)
      on conflict (object, field) do nothing`.execute(tx.db);
    const row = (
      await sql<{ options: unknown; version: number }>`select options, version from sys_picklist
        where object = ${obj.name} and field = ${f.name} for update`.execute(tx.db)
    ).rows[0];
    if (expected !== undefined && expected !== row.version)
      throw new KehuError('VERSION_CONFLICT', { current: row.version });
    const current = effectiveOptions(f, storedList(row.options));
    const flows = (await flowBoundStates(tx.db, obj.name)).get(`${obj.name}.${f.name}`) ?? new Map();
    const stored = await planEdit(f, body, {
      current,
      flowStates: flows,
      holders: (value) => holders(tx, obj, f, value),
    });
    await sql`update sys_picklist set options = ${JSON.stringify(stored)}, version = version + 1, updated_at = now(),
      updated_by = ${ctx.actor.userId || null} where object = ${obj.name} and field = ${f.name}`.execute(tx.db);
    await announceMetadataChange(tx.db);
    // Open pages of every user reload the metadata they pick options from (sent on commit).
    await publishLiveToAll(tx.db, 'metadata');
    return { before: current, after: stored, version: row.version + 1 };
  });
  await loadDictionary(ctx.db, ctx.registry);
  const flows = (await flowBoundStates(ctx.db, obj.name)).get(`${obj.name}.${f.name}`);
  return {
    field: await describeDictionaryField(ctx, obj, f, version, flows),
    summary: `dictionary ${obj.name}.${f.name} v${version}: ${changes(before, after)}`.slice(0, 1000),
  };
}

/** "renamed dealer, deactivated partner, added agent, reordered": the edit in a few words. */
export function changes(before: PicklistOption[], after: StoredOption[]): string {
  const was = new Map(before.map((o) => [o.value, o]));
  const now = new Set(after.map((o) => o.value));
  const out: string[] = [];
  const list = (verb: string, values: string[]) => values.length && out.push(`${verb} ${values.join(' ')}`);
  list(
    'added',
    after.filter((o) => !was.has(o.value)).map((o) => o.value),
  );
  list(
    'removed',
    [...was.keys()].filter((v) => !now.has(v)),
  );
  const kept = after.filter((o) => was.has(o.value));
  const text = (o: { label: PicklistOption['label'] }) => `${o.label['zh-CN']}/${labelText(o.label, 'en-US')}`;
  list(
    'renamed',
    kept.filter((o) => text(o) !== text(was.get(o.value)!)).map((o) => o.value),
  );
  list(
    'recoloured',
    kept.filter((o) => (o.color ?? '') !== (was.get(o.value)!.color ?? '')).map((o) => o.value),
  );
  list(
    'deactivated',
    kept.filter((o) => !o.active && was.get(o.value)!.active !== false).map((o) => o.value),
  );
  list(
    'reactivated',
    kept.filter((o) => o.active && was.get(o.value)!.active === false).map((o) => o.value),
  );
  const order = (xs: string[]) => xs.filter((v) => was.has(v) && now.has(v)).join(',');
  if (order(after.map((o) => o.value)) !== order([...was.keys()])) out.push('reordered');
  return out.join(', ') || 'unchanged';
}
