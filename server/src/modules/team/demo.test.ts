import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu, testPassword } from '../../../test/harness.ts';
import { modules } from '../index.ts';

let k: TestKehu;

beforeAll(async () => {
  // Passing the module list loads their demo data, as `npm start` does on an empty database.
  k = await startKehu({ modules });
}, 300_000);
afterAll(() => k?.close());

const count = async (object: string, filter?: unknown) => {
  const r = await k.admin.list(object, { count: 'true', limit: '1', ...(filter ? { filter } : {}) });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.total as number;
};

describe('TEAM demo data', () => {
  test("TEAM-2 four weeks of activities; customers' last contact is never before their latest activity", async () => {
    expect(await count('activity')).toBeGreaterThan(500);
    expect(await count('activity', { field: 'type', op: 'eq', value: 'visit' })).toBeGreaterThan(50);
    const behind = await sql<{ n: number }>`select count(*)::int as n from obj_customer c
      where c.last_contact_at < (select max(a.time) from obj_activity a where a.customer_id = c.id and a.deleted_at is null)`.execute(
      k.kehu.engine.db,
    );
    expect(behind.rows[0].n).toBe(0);
    // …and a last contact in these four weeks is an activity of the customer's owner at that time.
    const missing = await sql<{ n: number }>`select count(*)::int as n from obj_customer c
      where c.last_contact_at > now() - interval '27 days' and not exists (select 1 from obj_activity a
        where a.customer_id = c.id and a.time = c.last_contact_at and a.owner_id = c.owner_id)`.execute(
      k.kehu.engine.db,
    );
    expect(missing.rows[0].n).toBe(0);
    // With the sales module's demo opportunities, many activities belong to one.
    if (k.kehu.engine.registry.get('activity').fields.has('opportunity'))
      expect(await count('activity', { field: 'opportunity', op: 'isNotEmpty' })).toBeGreaterThan(20);
  });

  test('TEAM-1 TEAM-3 TEAM-4 TEAM-6 the calendar has weekly team meetings; tasks, reports and expenses exist', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
    const week = await k.admin.get(`/api/calendar?from=${from}&to=${today}&users=all`);
    expect(week.status).toBe(200);
    const meetings = week.body.data.filter((o: { title: string; recurring: boolean }) => o.recurring);
    expect(meetings.length).toBeGreaterThan(3);
    expect(meetings[0].title).toBe('销售周例会');
    expect(await count('task', { field: 'status', op: 'eq', value: 'done' })).toBeGreaterThan(20);
    expect(await count('workReport', { field: 'status', op: 'eq', value: 'submitted' })).toBeGreaterThan(100);
    expect(await count('workReportComment')).toBeGreaterThan(0);
    // Tasks are due around today: a few overdue, the rest done or still ahead.
    const tasks = await sql<{ overdue: number; open: number; far: number }>`select
        count(*) filter (where status not in ('done', 'cancelled') and due_at < now())::int as overdue,
        count(*) filter (where status not in ('done', 'cancelled'))::int as open,
        count(*) filter (where due_at not between now() - interval '15 days' and now() + interval '15 days')::int as far
      from obj_task`.execute(k.kehu.engine.db);
    expect(tasks.rows[0].far).toBe(0);
    expect(tasks.rows[0].overdue).toBeGreaterThan(0);
    expect(tasks.rows[0].overdue / tasks.rows[0].open).toBeLessThan(0.5);
    const byStatus = await k.admin.get('/api/objects/expense/group?by=status&measures=sum:amount');
    expect(byStatus.body.data.map((g: { key: { status: string } }) => g.key.status)).toContain('paid');
  });

  test("TEAM-6 WF-3 submitted demo expenses wait in their managers' 待我审批 through the ready-made 费用报销", async () => {
    const submitted = await count('expense', { field: 'status', op: 'eq', value: 'submitted' });
    expect(submitted).toBeGreaterThan(5);
    const waiting = await sql<{ manager: string; n: number }>`select t.assignee as manager, count(*)::int as n
      from sys_flow_task t join sys_flow_instance i on i.id = t.instance_id
      where i.object = 'expense' and i.state = 'running' and t.state = 'pending' group by 1 order by 2 desc`.execute(
      k.kehu.engine.db,
    );
    expect(waiting.rows.reduce((n, r) => n + r.n, 0)).toBe(submitted);
    const user = await sql<{
      username: string;
    }>`select username from obj_user where id = ${waiting.rows[0].manager}`.execute(k.kehu.engine.db);
    // Demo people have no password: the administrator gives this manager one to look at their inbox.
    expect(
      (await k.admin.patch(`/api/objects/user/${waiting.rows[0].manager}`, { password: testPassword })).status,
    ).toBe(200);
    const manager = await k.as(user.rows[0].username);
    const counts = (await manager.get('/api/approvals/counts')).body.data;
    expect(counts.todo).toBe(waiting.rows[0].n);
  });
});
