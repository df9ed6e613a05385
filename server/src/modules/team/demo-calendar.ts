import type { Ctx } from '../../engine/context.ts';
import { loadRecords } from '../../engine/records/bulk-load.ts';
import { createRecord } from '../../engine/records/save.ts';
import type { Random } from '../demo/random.ts';
import type { DemoClock, DemoWorld } from './demo-data.ts';
import { taskTitles } from './demo-text.ts';
import { mondayOf } from './time.ts';

/**
 * Each manager's weekly team meeting on Monday mornings (a recurring series that began four weeks ago, created
 * through the pipeline so that attendees get their shares), and each salesperson's customer visits over the past
 * two and the next two weeks.
 */
export async function seedEvents(ctx: Ctx, r: Random, world: DemoWorld, clock: DemoClock): Promise<void> {
  const firstMonday = mondayOf(clock.day(-28));
  for (const [manager, team] of world.teams) {
    await createRecord(ctx, 'event', {
      title: '销售周例会',
      start: clock.at(firstMonday, 9 * 60),
      end: clock.at(firstMonday, 10 * 60),
      location: '办事处会议室',
      description: '上周回顾、本周重点客户与回款计划',
      rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=26',
      attendees: team.map((p) => p.id),
      owner: manager,
    });
  }
  // One-off visits have no attendees: inserted in bulk, with the series end the hook would have set.
  const visits: Record<string, unknown>[] = [];
  for (const { person, customers } of world.sellers) {
    for (const date of clock.workdays(-14, 14)) {
      if (!r.chance(0.3)) continue;
      const c = r.pick(customers);
      const start = clock.at(date, (9 + r.int(8)) * 60 + r.pick([0, 30]));
      const end = new Date(Date.parse(start) + r.between(1, 3) * 3_600_000).toISOString();
      const future = Date.parse(start) > clock.now + 3_600_000;
      visits.push({
        title: `拜访${c.name}`,
        start,
        end,
        seriesEnd: end,
        allDay: false,
        location: (c.address?.label as string | undefined)?.slice(0, 200),
        customer: c.id,
        contact: c.contacts.length ? r.pick(c.contacts).id : undefined,
        reminderMinutes: future && r.chance(0.7) ? 30 : undefined,
        owner: person.id,
        createdAt: new Date(Math.min(Date.parse(start) - 3 * 86_400_000, clock.now)).toISOString(),
        createdBy: person.id,
      });
    }
  }
  await loadRecords(ctx, 'event', visits);
}

const priorities: Array<[string, number]> = [
  ['high', 2],
  ['normal', 6],
  ['low', 2],
];

/** Tasks due over the past and the next two weeks: most past ones done, some overdue, the future ones open. */
export async function seedTasks(ctx: Ctx, r: Random, world: DemoWorld, clock: DemoClock): Promise<void> {
  const inputs: Record<string, unknown>[] = [];
  for (const { person, customers } of world.sellers) {
    for (let n = r.between(6, 10); n > 0; n--) {
      const date = clock.day(r.between(-14, 14));
      const due = clock.at(date, r.pick([12, 17, 18]) * 60);
      const past = Date.parse(due) < clock.now;
      const roll = r.next();
      const status = past ? (roll < 0.7 ? 'done' : roll < 0.8 ? 'cancelled' : 'todo') : roll < 0.3 ? 'doing' : 'todo';
      const c = r.pick(customers);
      const created = new Date(Math.min(Date.parse(due) - r.between(1, 7) * 86_400_000, clock.now)).toISOString();
      inputs.push({
        title: `${r.pick(taskTitles)}（${c.name}）`,
        owner: person.id,
        dueAt: due,
        priority: r.weighted(priorities),
        status,
        completedAt:
          status === 'done'
            ? new Date(Math.max(Date.parse(created), Date.parse(due) - r.int(48) * 3_600_000)).toISOString()
            : undefined,
        customer: c.id,
        reminderMinutes: !past && r.chance(0.5) ? 60 : undefined,
        createdAt: created,
        createdBy: person.manager !== null && r.chance(0.3) ? person.manager : person.id,
      });
    }
  }
  await loadRecords(ctx, 'task', inputs);
}
