import { type Ctx, transaction } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import { getRecord } from '../../engine/query/list.ts';
import type { WriteEvent } from '../../engine/records/hooks.ts';
import { notify } from './notify.service.ts';
import type { ReminderAt, ReminderSource } from './reminder-sources.ts';
import type { NotifyOptions } from './runtime.ts';

export const reminderJob = 'notify.reminder';

interface ReminderData {
  object: string;
  id: number;
  /** ISO instants: the occurrence (start or due time) and when its reminder fires. */
  occurrence: string;
  fireAt: string;
}

/** An occurrence that started this long ago is not reminded of any more (the server was down meanwhile). */
const lateMs = 3_600_000;

const sources = new WeakMap<Engine, Map<string, ReminderSource>>();

/** Queue a record's reminder inside the writing transaction: it exists only if the write commits. */
async function schedule(engine: Engine, ctx: Ctx, source: ReminderSource, r: Record<string, unknown>, at: ReminderAt) {
  const data: ReminderData = {
    object: source.object,
    id: Number(r.id),
    occurrence: at.occurrence.toISOString(),
    fireAt: at.fireAt.toISOString(),
  };
  // One job per (record, occurrence, version); a reminder moved away and back still fires once (notification key).
  await engine.jobs.send(reminderJob, data, {
    ctx,
    startAfter: at.fireAt,
    singletonKey: `${data.object}:${data.id}:${data.occurrence}:${r.version}`,
  });
}

/**
 * Remind users of `source.object` records (NOTIF-3): after each write that moves the time or the reminder, the
 * next reminder is queued as a pg-boss job starting at its time (jobs live in PostgreSQL: they survive restarts
 * and run once across processes).
 */
export function registerReminderSource(engine: Engine, source: ReminderSource): void {
  if (!engine.registry.has(source.object)) return;
  const map = sources.get(engine) ?? new Map<string, ReminderSource>();
  sources.set(engine, map);
  map.set(source.object, source);
  engine.registry.hooks.on(source.object, {
    async after(ctx: Ctx, e: WriteEvent) {
      if (e.action === 'delete' || !e.after) return;
      const isNew = e.action !== 'update';
      if (!isNew && !source.watch.some((f) => changed(e, f))) return;
      if (!source.wanted(e.after)) return;
      // A reminder set in the past is refused by the object's own hooks (team: reminderInPast); none is left here.
      const next = source.next(e.after, new Date(), ctx.timezone);
      if (next) await schedule(engine, ctx, source, e.after, next);
    },
  });
}

const norm = (v: unknown) => {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return new Date(v).toISOString();
  return JSON.stringify(v ?? null);
};

/** Did an update really change the field (forms send unchanged values back)? */
function changed(e: WriteEvent, field: string): boolean {
  const column = e.object.fields.get(field)?.column;
  if (!column || !(column in e.values)) return false;
  const v = e.values[column];
  return norm(typeof v === 'string' && v.startsWith('[') ? JSON.parse(v) : v) !== norm(e.before?.[field]);
}

/** The reminder job: still due as queued? Then notify once, and queue the record's following reminder. */
export function defineReminderJob(engine: Engine, options: NotifyOptions): void {
  void engine.jobs.define<ReminderData>(reminderJob, (data) => fire(engine, data), {
    retryLimit: options.reminderRetryLimit,
    retryDelay: options.reminderRetryDelay,
    retryBackoff: true,
  });
}

async function fire(engine: Engine, data: ReminderData): Promise<void> {
  const source = sources.get(engine)?.get(data.object);
  if (!source) return;
  const ctx = engine.systemContext();
  let r: Record<string, unknown>;
  try {
    r = await getRecord(ctx, engine.registry.get(data.object), Number(data.id));
  } catch (err) {
    if (err instanceof KehuError && err.code === 'NOT_FOUND') return; // deleted meanwhile
    throw err;
  }
  const occurrence = new Date(data.occurrence);
  // Moved or switched off since: the write that did it queued the new reminder (if any).
  if (source.at(r, occurrence, engine.timezone)?.toISOString() !== data.fireAt) return;
  await transaction(ctx, async (tx) => {
    if (Date.now() - occurrence.getTime() < lateMs) {
      const text = source.message(r, data.occurrence);
      await notify(tx, {
        to: source.recipients(r),
        kind: 'reminder',
        ...text,
        link: { object: data.object, id: Number(data.id) },
        key: `reminder:${data.object}:${data.id}:${data.occurrence}:${data.fireAt}`,
      });
    }
    // After a long stop, skip the reminders that are past by now rather than sending them one by one.
    const after = new Date(Math.max(Date.parse(data.fireAt) + 1, Date.now()));
    const following = source.next(r, after, engine.timezone);
    if (following) await schedule(engine, tx, source, r, following);
  });
}
