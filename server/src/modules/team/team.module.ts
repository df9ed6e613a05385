import type { Engine } from '../../engine/kernel.ts';
import { ownershipFollowers } from '../customers/ownership-followers.ts';
import type { KehuModule } from '../module.ts';
import { registerActivityHooks } from './activity.hooks.ts';
import { activityObject } from './activity.object.ts';
import { seedTeamDemo } from './demo.ts';
import { registerEventHooks } from './event.hooks.ts';
import { eventObject } from './event.object.ts';
import { registerExpenseHooks } from './expense.hooks.ts';
import { expenseObject } from './expense.object.ts';
import { expenseFlow } from './expense-flow.ts';
import { attachOptionalLinks } from './links.ts';
import { bindTeamEngine } from './system.ts';
import { registerTaskHooks } from './task.hooks.ts';
import { taskObject } from './task.object.ts';
import { registerTeamRoutes } from './team.routes.ts';
import { registerWorkReportHooks } from './work-report.hooks.ts';
import { workReportCommentObject, workReportObject } from './work-report.object.ts';

function setup(engine: Engine): void {
  bindTeamEngine(engine);
  attachOptionalLinks(engine);
  registerActivityHooks(engine);
  registerEventHooks(engine);
  registerTaskHooks(engine);
  registerWorkReportHooks(engine);
  registerExpenseHooks(engine);
  // Open tasks change hands with their customer (CUS-7); done and cancelled ones stay with whoever did them.
  ownershipFollowers.register({
    object: 'task',
    customerField: 'customer',
    openFilter: { field: 'status', op: 'in', value: ['todo', 'doing'] },
  });
}

/** Team work (TEAM-1 … 4, 6, 7): activities, calendar, tasks, work reports, expenses, address book. */
export const teamModule: KehuModule = {
  name: 'team',
  flows: [expenseFlow],
  objects: [activityObject, eventObject, taskObject, workReportObject, workReportCommentObject, expenseObject],
  setup,
  routes: registerTeamRoutes,
  seedDemo: seedTeamDemo,
};
