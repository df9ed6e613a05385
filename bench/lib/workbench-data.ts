import { sql } from 'kysely';
import type { Engine } from '../../server/src/engine/kernel.ts';
import { createRecord } from '../../server/src/engine/records/save.ts';
import { seedCustomers } from '../../server/src/modules/customers/bulk-seed.ts';
import { runAlert } from '../../server/src/modules/notify/alerts.job.ts';

/**
 * Data for the workbench benchmark (TEAM-5): a salesperson with N customers (one contact each, birthdays spread
 * over the year) and a year of work — activities, events and tasks — beside two colleagues with as many
 * customers. Customers come from the customers module's bulk seed; team records are generated here with one
 * `insert … select generate_series` each, columns named from metadata, values spread with `hashint4` so that
 * every run has the same data.
 */
export interface WorkbenchData {
  salesId: number;
  customers: number;
  activities: number;
  events: number;
  tasks: number;
}

export async function generateWorkbenchData(
  engine: Engine,
  opts: { customers: number; password: string; log: (l: string) => void },
): Promise<WorkbenchData> {
  const ctx = engine.systemContext();
  const db = engine.db;
  const role = await sql<{ id: number }>`select id from obj_role where name = '销售员'`.execute(db);
  const people: number[] = [];
  for (const username of ['bench-sales', 'bench-colleague-1', 'bench-colleague-2']) {
    const u = await createRecord(
      ctx,
      'user',
      { username, name: username, password: opts.password, roles: [role.rows[0].id], active: true },
      { internal: true },
    );
    people.push(Number(u.id));
  }
  const [salesId] = people;
  opts.log(`customers: ${opts.customers.toLocaleString('en')} each for 3 salespeople, one contact each`);
  await seedCustomers(engine, { customers: opts.customers * 3, contactsPerCustomer: 1 });
  const ref = (object: string, field: string) => sql.ref(engine.registry.get(object).fields.get(field)!.column!);
  const table = (object: string) => sql.table(engine.registry.get(object).table);
  // Every third customer (and its contacts) is the salesperson's; the others are the colleagues'.
  await sql`update ${table('customer')} set ${ref('customer', 'owner')} = (${sql.val(people)}::bigint[])[(id % 3) + 1],
    created_at = now() - make_interval(days => 30 + hashint4(id::int) % 700)`.execute(db);
  await sql`update ${table('contact')} c set ${ref('contact', 'owner')} = cu.${ref('customer', 'owner')}
    from ${table('customer')} cu where cu.id = c.${ref('contact', 'customer')}`.execute(db);
  const mine = sql`(select array_agg(id order by id) from ${table('customer')} where ${ref('customer', 'owner')} = ${salesId})`;

  const activities = Math.round(opts.customers * 0.8);
  opts.log(`a year of work: ${activities.toLocaleString('en')} activities, events and tasks`);
  await sql`with c as (select ${mine} as ids)
    insert into ${table('activity')} (${ref('activity', 'type')}, ${ref('activity', 'subject')}, ${ref('activity', 'time')},
      ${ref('activity', 'customer')}, ${ref('activity', 'owner')}, created_by, updated_by, created_at)
    select (array['call','visit','email','meeting','fax'])[1 + abs(hashint4(g)) % 5], '跟进 ' || g,
      now() - make_interval(mins => abs(hashint4(g + 7)) % (365 * 1440)),
      c.ids[1 + abs(hashint4(g + 11)) % array_length(c.ids, 1)], ${salesId}, ${salesId}, ${salesId}, now()
    from c, generate_series(1, ${activities}) g`.execute(db);
  // Last contact follows the activities; about 40% of the customers had none this year.
  await sql`update ${table('customer')} cu set ${ref('customer', 'lastContactAt')} = a.at
    from (select ${ref('activity', 'customer')} as id, max(${ref('activity', 'time')}) as at from ${table('activity')}
      group by 1) a where a.id = cu.id`.execute(db);

  // Four events a day over the past year and the next month, four of them today.
  const events = 4 * 395;
  await sql`with c as (select ${mine} as ids), e as (
      select g, date_trunc('day', now()) + make_interval(days => g / 4 - 365, hours => 9 + (g % 4) * 2) as s
      from generate_series(1, ${events}) g)
    insert into ${table('event')} (${ref('event', 'title')}, ${ref('event', 'start')}, ${ref('event', 'end')},
      ${ref('event', 'seriesEnd')}, ${ref('event', 'allDay')}, ${ref('event', 'customer')}, ${ref('event', 'owner')},
      created_by, updated_by)
    select '拜访 ' || g, s, s + interval '1 hour', s + interval '1 hour', false,
      c.ids[1 + abs(hashint4(g)) % array_length(c.ids, 1)], ${salesId}, ${salesId}, ${salesId}
    from c, e`.execute(db);

  // Tasks over the year: most done, some overdue, some due today or later.
  const tasks = 3000;
  await sql`with c as (select ${mine} as ids), t as (
      select g, now() + make_interval(hours => (g % 400) - 365 * 24 + (g * 24 * 365 / ${tasks})) as due
      from generate_series(1, ${tasks}) g)
    insert into ${table('task')} (${ref('task', 'title')}, ${ref('task', 'dueAt')}, ${ref('task', 'priority')},
      ${ref('task', 'status')}, ${ref('task', 'completedAt')}, ${ref('task', 'customer')}, ${ref('task', 'owner')},
      created_by, updated_by)
    select '任务 ' || g, due, 'normal', case when due < now() and abs(hashint4(g)) % 10 > 0 then 'done' else 'todo' end,
      case when due < now() and abs(hashint4(g)) % 10 > 0 then due end,
      c.ids[1 + abs(hashint4(g + 3)) % array_length(c.ids, 1)], ${salesId}, ${salesId}, ${salesId}
    from c, t`.execute(db);

  const rule = await createRecord(
    ctx,
    'alertRule',
    { name: 'A 级客户', object: 'customer', filter: { field: 'level', op: 'eq', value: 'A' }, owner: salesId },
    { internal: true },
  );
  await runAlert(engine, Number(rule.id), 'bench');
  for (const t of ['customer', 'contact', 'activity', 'event', 'task']) await sql`analyze ${table(t)}`.execute(db);
  return { salesId, customers: opts.customers, activities, events, tasks };
}
