import type { Ctx } from '../../engine/context.ts';
import { Random } from '../demo/random.ts';
import { seedActivities, seedReports } from './demo-activities.ts';
import { seedEvents, seedTasks } from './demo-calendar.ts';
import { DemoClock, loadWorld } from './demo-data.ts';
import { seedExpenses } from './demo-expenses.ts';

/**
 * Demo data of the team module on top of the customers module's demo company: four weeks of activities, daily and
 * weekly reports with a few comments, weekly team meetings and customer visits on the calendar, tasks and
 * expenses. Deterministic apart from being placed around today.
 */
export async function seedTeamDemo(ctx: Ctx): Promise<void> {
  const world = await loadWorld(ctx);
  if (world.sellers.length === 0) return;
  const r = new Random(20240607);
  const clock = new DemoClock(ctx.timezone);
  const acts = await seedActivities(ctx, r, world, clock);
  await seedReports(ctx, r, world, clock, acts);
  await seedEvents(ctx, r, world, clock);
  await seedTasks(ctx, r, world, clock);
  await seedExpenses(ctx, r, world, clock, acts);
}
