import type { Filter } from '@kehu/common';
import { type Ctx, subjectOf } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import { records } from '../../engine/query/builder.ts';
import { birthdaysOfMonth } from '../customers/birthdays.ts';
import { calendar } from '../team/calendar.ts';
import { renderMessage } from './messages.ts';
import {
  registerWorkbenchSection,
  type SectionData,
  type WorkbenchParams,
  type WorkbenchSection,
} from './workbench.ts';

const title =
  (key: string) =>
  (ctx: Ctx, p: WorkbenchParams): string =>
    renderMessage(ctx.locale, { key, params: { months: p.noContactMonths, amount: p.receivablesAbove } });

/** `limit` records of a filtered list and, when there are more, their count — both inside the caller's scope. */
async function listed(ctx: Ctx, object: string, filter: Filter, field: string, dir: 'asc' | 'desc', limit: number) {
  const list = records(ctx, object);
  if (ctx.access.scope(object, 'read') === 'none') throw new KehuError('FORBIDDEN');
  const page = await list.list({ filter, sort: [{ field, dir }], limit });
  const total = page.nextCursor ? await list.count(filter) : page.data.length;
  return { items: page.data, total, list: { object, filter } } satisfies SectionData;
}

const openTasks = (ctx: Ctx): Filter[] => [
  { field: 'owner', op: 'eq', value: subjectOf(ctx.actor) },
  { field: 'status', op: 'notIn', value: ['done', 'cancelled'] },
];

/** `YYYY-MM-DD` today and tomorrow in the company's time zone. */
function today(tz: string): { from: string; to: string } {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
  const d = f.format(new Date());
  const next = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { from: d, to: next };
}

/**
 * Customers not contacted since `months` ago (never contacted ones count from their creation). Customers in the
 * shared pool are nobody's to follow up: they wait to be claimed (CUS-7).
 */
export function noContactFilter(months: number, now = new Date(), leavePoolOut = false): Filter {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const at = cutoff.toISOString();
  const stale: Filter = {
    or: [
      { field: 'lastContactAt', op: 'lt', value: at },
      {
        and: [
          { field: 'lastContactAt', op: 'isEmpty' },
          { field: 'createdAt', op: 'lt', value: at },
        ],
      },
    ],
  };
  return leavePoolOut ? { and: [stale, { field: 'inPool', op: 'ne', value: true }] } : stale;
}

function builtins(engine: Engine): WorkbenchSection[] {
  const has = (o: string) => engine.registry.has(o);
  const out: WorkbenchSection[] = [];
  if (has('event'))
    out.push({
      name: 'todayEvents',
      order: 10,
      title: title('notify.workbench.todayEvents'),
      async load(ctx, p) {
        const items = await calendar(ctx, { ...today(ctx.timezone), users: 'me' });
        return { items: items.slice(0, p.limit), total: items.length };
      },
    });
  if (has('task')) {
    out.push({
      name: 'todayTasks',
      order: 20,
      title: title('notify.workbench.todayTasks'),
      load: (ctx, p) =>
        listed(
          ctx,
          'task',
          { and: [...openTasks(ctx), { field: 'dueAt', op: 'within', value: 'today' }] },
          'dueAt',
          'asc',
          p.limit,
        ),
    });
    out.push({
      name: 'overdueTasks',
      order: 30,
      title: title('notify.workbench.overdueTasks'),
      load: (ctx, p) =>
        listed(
          ctx,
          'task',
          { and: [...openTasks(ctx), { field: 'dueAt', op: 'lt', value: new Date().toISOString() }] },
          'dueAt',
          'asc',
          p.limit,
        ),
    });
  }
  if (has('customer'))
    out.push({
      name: 'noContact',
      order: 60,
      title: title('notify.workbench.noContact'),
      load: (ctx, p) =>
        listed(
          ctx,
          'customer',
          noContactFilter(p.noContactMonths, new Date(), engine.registry.get('customer').fields.has('inPool')),
          'lastContactAt',
          'asc',
          p.limit,
        ),
    });
  if (has('contact'))
    out.push({
      name: 'birthdays',
      order: 80,
      title: title('notify.workbench.birthdays'),
      async load(ctx, p) {
        const month = await birthdaysOfMonth(ctx, undefined, p.limit);
        return { items: month.items.slice(0, p.limit), total: month.total };
      },
    });
  out.push({
    name: 'alerts',
    order: 90,
    title: title('notify.workbench.alerts'),
    load: (ctx, p) =>
      listed(
        ctx,
        'alertRule',
        {
          and: [
            { field: 'owner', op: 'eq', value: subjectOf(ctx.actor) },
            { field: 'active', op: 'eq', value: true },
            { field: 'lastCount', op: 'gt', value: 0 },
          ],
        },
        'lastRunAt',
        'desc',
        p.limit,
      ),
  });
  return out;
}

/** The workbench's own sections; placeholders wait for the modules that fill them. */
export function registerBuiltinSections(engine: Engine): void {
  for (const s of builtins(engine)) registerWorkbenchSection(engine, s);
}
