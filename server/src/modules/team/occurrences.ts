import { type Ctx, transaction } from '../../engine/context.ts';
import { KehuError, validationFailed } from '../../engine/errors.ts';
import { parseDatetime } from '../../engine/fields/date.field.ts';
import { getRecord } from '../../engine/query/list.ts';
import { authorizeExisting } from '../../engine/records/authorize.ts';
import { createRecord, updateRecord } from '../../engine/records/save.ts';
import { isOccurrence, parseRule } from './recurrence.ts';

/** Fields an occurrence moved on its own takes over from its series. */
const copied = ['title', 'allDay', 'location', 'description', 'attendees', 'customer', 'contact', 'opportunity'];

function datetimeOf(v: unknown, name: string): string {
  try {
    return parseDatetime(v);
  } catch {
    throw validationFailed({ [name]: v === undefined || v === null ? 'required' : 'invalidDate' });
  }
}

/** The series and the occurrence identified by its original start; NOT_FOUND / field errors otherwise. */
async function occurrenceOf(ctx: Ctx, id: number, originalStart: unknown) {
  await authorizeExisting(ctx, ctx.registry.get('event'), id, 'update');
  const at = datetimeOf(originalStart, 'originalStart');
  const series = await getRecord(ctx, ctx.registry.get('event'), id);
  if (typeof series.rrule !== 'string' || series.rrule === '') throw validationFailed({ originalStart: 'notFound' });
  const exdates = (series.exdates as string[] | null) ?? [];
  const s = {
    rule: parseRule(series.rrule),
    start: new Date(series.start as string),
    end: new Date(series.end as string),
    exdates,
  };
  if (!isOccurrence(s, new Date(at), ctx.timezone)) throw validationFailed({ originalStart: 'notFound' });
  return { series, at, exdates };
}

/** Take one occurrence out of a series (delete it from the calendar). Needs the right to edit the series. */
export async function skipOccurrence(ctx: Ctx, id: number, body: Record<string, unknown>) {
  return transaction(ctx, async (tx) => {
    const { at, exdates } = await occurrenceOf(tx, id, body.originalStart);
    // The rights were checked above; exdates are read-only on the generic API (they only change here).
    return updateRecord(tx, 'event', id, { exdates: [...exdates, at] }, { internal: true });
  });
}

/**
 * Move one occurrence (drag in the calendar): it leaves the series as an exception and becomes an event of its own,
 * pointing at the series, with the same title, attendees and links. Returns the new event.
 */
export async function moveOccurrence(ctx: Ctx, id: number, body: Record<string, unknown>) {
  for (const k of Object.keys(body))
    if (!['originalStart', 'start', 'end'].includes(k)) throw new KehuError('UNKNOWN_PARAMETER', { parameter: k });
  return transaction(ctx, async (tx) => {
    const { series, at, exdates } = await occurrenceOf(tx, id, body.originalStart);
    const start = datetimeOf(body.start, 'start');
    const duration = Date.parse(series.end as string) - Date.parse(series.start as string);
    const end = body.end === undefined ? new Date(Date.parse(start) + duration).toISOString() : body.end;
    await updateRecord(tx, 'event', id, { exdates: [...exdates, at] }, { internal: true });
    const input: Record<string, unknown> = { start, end, series: id, originalStart: at };
    for (const f of copied) if (series[f] !== undefined && series[f] !== null) input[f] = refValue(series[f]);
    input.owner = refValue(series.owner);
    return createRecord(tx, 'event', input, { internal: true });
  });
}

/** API form → input form: `{ id, label }` → id, lists of them → ids. */
function refValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(refValue);
  if (typeof v === 'object' && v !== null && 'id' in v) return (v as { id: unknown }).id;
  return v;
}
