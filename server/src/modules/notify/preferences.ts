import { labelText } from '@kehu/common';
import { type Ctx, subjectOf, transaction } from '../../engine/context.ts';
import { KehuError, validationFailed } from '../../engine/errors.ts';
import { listRecords } from '../../engine/query/list.ts';
import { createRecord, updateRecord } from '../../engine/records/save.ts';
import { notificationKind, notificationKinds } from './messages.ts';

export interface PreferenceView {
  kind: string;
  label: string;
  inApp: boolean;
  email: boolean;
}

async function ownRows(ctx: Ctx): Promise<Map<string, Record<string, unknown>>> {
  const page = await listRecords(ctx, ctx.registry.get('notificationPreference'), {
    filter: { field: 'owner', op: 'eq', value: subjectOf(ctx.actor) },
    sort: [{ field: 'id', dir: 'asc' }],
    limit: 500,
  });
  return new Map(page.data.map((r) => [String(r.kind), r]));
}

/** Every kind with the channels the reader gets: their own choice, else the kind's defaults (NOTIF-2). */
export async function preferences(ctx: Ctx): Promise<PreferenceView[]> {
  const rows = await ownRows(ctx);
  return notificationKinds().map((k) => {
    const r = rows.get(k.name);
    return {
      kind: k.name,
      label: labelText(k.label, ctx.locale, k.name),
      inApp: r ? r.inApp === true : k.channels.includes('inApp'),
      email: r ? r.email === true : k.channels.includes('email'),
    };
  });
}

/** Set the reader's channels for some kinds: `[{ kind, inApp?, email? }]`, each one row per kind. */
export async function setPreferences(ctx: Ctx, input: unknown): Promise<PreferenceView[]> {
  if (!Array.isArray(input) || input.length === 0 || input.length > 100)
    throw new KehuError('BAD_REQUEST', { detail: 'give a list of { kind, inApp, email }' });
  await transaction(ctx, async (tx) => {
    const rows = await ownRows(tx);
    for (const item of input) {
      if (typeof item !== 'object' || item === null) throw new KehuError('BAD_REQUEST', { detail: 'item' });
      const { kind, inApp, email, ...rest } = item as Record<string, unknown>;
      if (Object.keys(rest).length > 0) throw new KehuError('UNKNOWN_PARAMETER', { parameter: Object.keys(rest)[0] });
      const known = typeof kind === 'string' ? notificationKind(kind) : undefined;
      if (!known) throw validationFailed({ kind: 'invalidOption' });
      const existing = rows.get(known.name);
      const values = {
        inApp: inApp ?? existing?.inApp ?? known.channels.includes('inApp'),
        email: email ?? existing?.email ?? known.channels.includes('email'),
      };
      if (existing) await updateRecord(tx, 'notificationPreference', Number(existing.id), values);
      else rows.set(known.name, await createRecord(tx, 'notificationPreference', { kind: known.name, ...values }));
    }
  });
  return preferences(ctx);
}
