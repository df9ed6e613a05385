import type { Ctx } from '../../engine/context.ts';
import { submitAs } from '../../engine/flows/submit.ts';
import { loadRecords } from '../../engine/records/bulk-load.ts';
import type { Random } from '../demo/random.ts';
import type { DemoActivity } from './demo-activities.ts';
import type { DemoClock, DemoWorld } from './demo-data.ts';
import { localDate } from './time.ts';

const spend: Record<string, [min: number, max: number, text: string]> = {
  travel: [200, 1500, '高铁/机票'],
  transport: [20, 300, '市内交通'],
  accommodation: [200, 600, '住宿'],
  meals: [50, 600, '工作餐'],
  entertainment: [300, 3000, '客户招待'],
  gifts: [200, 2000, '节日礼品'],
};

/** Expenses for visits and meetings; older ones paid or decided, recent ones submitted or still drafts. */
export async function seedExpenses(ctx: Ctx, r: Random, world: DemoWorld, clock: DemoClock, acts: DemoActivity[]) {
  const visits = acts.filter((a) => a.type === 'visit' || a.type === 'meeting');
  const names = new Map<number, string>();
  for (const s of world.sellers) for (const c of s.customers) names.set(c.id, c.name);
  const inputs: Record<string, unknown>[] = [];
  for (const a of visits) {
    if (!r.chance(0.35)) continue;
    const category = r.pick(Object.keys(spend));
    const [min, max, text] = spend[category];
    const date = localDate(new Date(a.time), clock.tz);
    const age = (clock.now - Date.parse(a.time)) / 86_400_000;
    const roll = r.next();
    const status =
      age > 14
        ? roll < 0.6
          ? 'paid'
          : roll < 0.8
            ? 'approved'
            : roll < 0.9
              ? 'rejected'
              : 'submitted'
        : roll < 0.5
          ? 'submitted'
          : roll < 0.9
            ? 'draft'
            : 'approved';
    inputs.push({
      date,
      category,
      amount: `${r.between(min, max)}.${r.pick(['00', '50', '80'])}`,
      description: `${text} · ${names.get(a.customer) ?? ''}`.slice(0, 500),
      customer: a.customer,
      activity: a.id,
      owner: a.owner,
      status,
      submittedAt:
        status === 'draft' ? undefined : new Date(Math.min(Date.parse(a.time) + 86_400_000, clock.now)).toISOString(),
      createdAt: a.time,
      createdBy: a.owner,
    });
  }
  // Submitted ones go through the real approval (费用报销), so that managers find them in 待我审批.
  const submitted = inputs.map((e) => e.status === 'submitted');
  for (const e of inputs) if (e.status === 'submitted') e.status = 'draft';
  const ids = await loadRecords(ctx, 'expense', inputs);
  for (const [i, id] of ids.entries())
    if (submitted[i]) await submitAs(ctx, inputs[i].owner as number, { object: 'expense', recordId: id });
}
