import type { Ctx } from '../../engine/context.ts';
import { loadRecords } from '../../engine/records/bulk-load.ts';
import { createRecord } from '../../engine/records/save.ts';
import type { Random } from '../demo/random.ts';
import type { DemoClock, DemoWorld } from './demo-data.ts';
import { comments, contents, nextSteps, planLines, problemLines, subjects } from './demo-text.ts';
import { bringLastContactForward } from './last-contact.ts';
import { activityTypes, optionLabel } from './options.ts';
import { addDays, localDate, localTime, mondayOf } from './time.ts';

const types: Array<[string, number]> = [
  ['call', 40],
  ['visit', 25],
  ['email', 15],
  ['meeting', 10],
  ['fax', 3],
  ['other', 7],
];

export interface DemoActivity {
  id: number;
  owner: number;
  customer: number;
  type: string;
  time: string;
  line: string;
}

type Seller = DemoWorld['sellers'][number];

/** One activity of a salesperson with a customer (and one of its contacts) at `time`. */
function activity(r: Random, person: Seller['person'], c: Seller['customers'][number], time: string) {
  const type = r.weighted(types);
  const contact = c.contacts.length ? r.pick(c.contacts) : undefined;
  const subject = r.pick(subjects[type]);
  const input = {
    type,
    subject,
    time,
    duration: type === 'visit' || type === 'meeting' ? r.between(3, 12) * 10 : r.between(1, 6) * 5,
    customer: c.id,
    contact: contact?.id,
    opportunity: c.opportunities.length && r.chance(0.6) ? r.pick(c.opportunities) : undefined,
    content: r.pick(contents),
    nextStep: r.chance(0.6) ? r.pick(nextSteps) : undefined,
    location: type === 'visit' && c.address ? c.address : undefined,
    owner: person.id,
    createdAt: time,
    createdBy: person.id,
  };
  const label = optionLabel(activityTypes, type, 'zh-CN');
  const line = [label, c.name, contact?.name, subject].filter(Boolean).join(' · ');
  return { input, meta: { owner: person.id, customer: c.id, type, time, line } };
}

/**
 * Four weeks of activities for every salesperson, on their own customers and contacts, that agree with when each
 * customer was last contacted (the customers module's demo dates it): the activity of that last contact when it falls
 * in these weeks, and up to two more on each working day with customers contacted again later. The customers' "last
 * contact" is then brought forward through the records pipeline, as the hook does (a no-op when they agree).
 */
export async function seedActivities(ctx: Ctx, r: Random, world: DemoWorld, clock: DemoClock): Promise<DemoActivity[]> {
  const inputs: Record<string, unknown>[] = [];
  const meta: Omit<DemoActivity, 'id'>[] = [];
  const add = (a: ReturnType<typeof activity>) => {
    inputs.push(a.input);
    meta.push(a.meta);
  };
  const from = clock.at(clock.day(-27), 0);
  const lastOf = (c: Seller['customers'][number]) => (c.lastContactAt ? new Date(c.lastContactAt).toISOString() : '');
  for (const { person, customers } of world.sellers) {
    for (const date of clock.workdays(-27, 0)) {
      for (let n = r.between(0, 2); n > 0; n--) {
        const time = clock.workTime(r, date);
        const later = customers.filter((c) => lastOf(c) > time);
        if (Date.parse(time) > clock.now || later.length === 0) continue;
        add(activity(r, person, r.pick(later), time));
      }
    }
    for (const c of customers) if (lastOf(c) >= from) add(activity(r, person, c, lastOf(c)));
  }
  const order = inputs.map((_, i) => i).sort((a, b) => String(inputs[a].time).localeCompare(String(inputs[b].time)));
  const ids = await loadRecords(
    ctx,
    'activity',
    order.map((i) => inputs[i]),
  );
  const out = order.map((i, n) => ({ ...meta[i], id: ids[n] }));
  await bringLastContactForward(ctx, out);
  return out;
}

/**
 * Daily reports of the past four weeks (most submitted, a few drafts, some missing) built from each person's
 * activities, weekly reports of the managers, and a few comments from managers (created through the pipeline so
 * that authors get to read them).
 */
export async function seedReports(ctx: Ctx, r: Random, world: DemoWorld, clock: DemoClock, acts: DemoActivity[]) {
  const byDay = new Map<string, string[]>();
  for (const a of acts) {
    const key = `${a.owner}|${localDate(new Date(a.time), clock.tz)}`;
    byDay.set(key, [...(byDay.get(key) ?? []), `- ${localTime(new Date(a.time), clock.tz)} ${a.line}`]);
  }
  const inputs: Record<string, unknown>[] = [];
  for (const { person } of world.sellers) {
    for (const date of clock.workdays(-27, -1)) {
      const roll = r.next();
      if (roll < 0.1) continue;
      const submitted = roll >= 0.15;
      const submittedAt = clock.at(date, 17 * 60 + 30 + r.int(150));
      inputs.push({
        title: `日报 ${date}`,
        kind: 'daily',
        period: date,
        done: (byDay.get(`${person.id}|${date}`) ?? ['- 整理客户资料']).join('\n'),
        plan: `- ${r.pick(planLines)}`,
        problems: r.chance(0.2) ? r.pick(problemLines) : undefined,
        owner: person.id,
        status: submitted ? 'submitted' : 'draft',
        submittedAt: submitted ? submittedAt : undefined,
        createdAt: submittedAt,
        createdBy: person.id,
      });
    }
  }
  for (const manager of world.teams.keys()) {
    for (const week of [-21, -14, -7]) {
      const monday = mondayOf(clock.day(week));
      inputs.push({
        title: `周报 ${monday}`,
        kind: 'weekly',
        period: monday,
        done: `- 团队本周拜访客户 ${r.between(8, 30)} 家\n- ${r.pick(planLines)}`,
        plan: `- ${r.pick(planLines)}`,
        owner: manager,
        status: 'submitted',
        submittedAt: clock.at(addDays(monday, 4), 18 * 60),
        createdAt: clock.at(addDays(monday, 4), 18 * 60),
        createdBy: manager,
      });
    }
  }
  const ids = await loadRecords(ctx, 'workReport', inputs);
  for (let i = 0; i < inputs.length; i++) {
    const author = world.byId.get(inputs[i].owner as number);
    if (inputs[i].status !== 'submitted' || !author?.manager || !r.chance(0.08)) continue;
    await createRecord(ctx, 'workReportComment', { report: ids[i], content: r.pick(comments), owner: author.manager });
  }
}
