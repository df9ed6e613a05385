/**
 * Approvals benchmark (WF-4, issue 15): N finished (default 100,000) and N/10 running instances spread over 1,000
 * approvers, the real HTTP app, then
 *   - the approver's inbox (待我审批, 我已审批) through the API beside the raw SQL of the statements it sent;
 *   - one approve action (p50/p95; each on another running instance);
 *   - 1,000 step timeouts falling due at once, processed by the job workers (seconds until all are done).
 * `npx tsx bench/approvals.bench.ts [--finished 100000] [--runs 100]`
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { transaction } from '../server/src/engine/context.ts';
import { flowTimeoutJob } from '../server/src/engine/flows/timers.ts';
import { createCustomObject } from '../server/src/engine/metadata/custom.ts';
import { createRecord } from '../server/src/engine/records/save.ts';
import { benchPassword as password } from './data-gen.ts';
import { type BenchApp, withBenchApp } from './lib/app.ts';
import { measureArgs, runBench, stepLogger } from './lib/cli.ts';
import { signIn } from './lib/client.ts';
import { captureSql, printTable, type Row, time, timePair } from './measure.ts';

const args = measureArgs('approvals.bench.ts', { name: 'finished', default: 100_000 }, { default: 100, min: 10 });
const finished = args.size;
const running = Math.max(1000, Math.round(finished / 10));
const approvers = 1000;
const step = stepLogger();
const background = /sys_session|rel_obj_user_roles|pgboss|sys_outbox|pg_notify|from obj_user where id = \$1/;

const requestDecl = {
  name: 'benchRequest',
  label: { 'zh-CN': '基准申请', 'en-US': 'Bench request' },
  fields: {
    title: { type: 'text', required: true, label: { 'zh-CN': '标题', 'en-US': 'Title' } },
    approver: { type: 'manyToOne', object: 'user', label: { 'zh-CN': '审批人', 'en-US': 'Approver' } },
  },
};

/** 1,000 approvers and a submitter, the object, a published flow (the record's approver approves; 1 h timeout). */
async function setUp(app: BenchApp) {
  const { engine } = app.kehu;
  const ctx = engine.systemContext();
  return transaction(ctx, async (tx) => {
    const role = await createRecord(
      tx,
      'role',
      { name: '审批人', grants: { user: { read: 'all' } } },
      { internal: true },
    );
    const users: number[] = [];
    for (let i = 0; i < approvers; i++) {
      const u = await createRecord(
        tx,
        'user',
        { username: `appr${i}`, name: `审批人${i}`, roles: [role.id], active: true, ...(i < 2 ? { password } : {}) },
        { internal: true },
      );
      users.push(u.id as number);
    }
    const obj = await createCustomObject(tx.db, engine.registry, requestDecl, users[0]);
    const tree = {
      nodes: [
        {
          id: 'a',
          type: 'approver',
          name: '审批',
          assignees: [{ kind: 'field', field: 'approver' }],
          mode: 'sequence',
          onEmpty: 'admin',
          timeout: { hours: 1, action: 'pass' },
        },
      ],
      settings: { submitterIsApprover: 'pass', repeatApprover: 'pass' },
    };
    const f = await sql<{ id: string }>`insert into sys_flow (key, object, name, draft, published_version)
      values ('bench', 'benchRequest', '基准审批', ${JSON.stringify(tree)}, 1) returning id`.execute(tx.db);
    const v = await sql<{ id: string }>`insert into sys_flow_version (flow_id, version, tree)
      values (${f.rows[0].id}, 1, ${JSON.stringify(tree)}) returning id`.execute(tx.db);
    return { users, obj, versionId: Number(v.rows[0].id) };
  });
}

/**
 * Data generation (not the approval feature): records, instances, their tasks and timelines as the runtime writes
 * them, by `insert … select`. Record i goes to approver i mod 1,000 (the last 400 to the two measured approvers);
 * the last `running` instances are still open.
 */
async function generate(app: BenchApp, s: Awaited<ReturnType<typeof setUp>>) {
  const db = app.kehu.engine.db;
  const total = finished + running;
  const col = (f: string) => sql.ref(s.obj.fields.get(f)!.column!);
  await sql`insert into ${sql.table(s.obj.table)} (${col('title')}, ${col('approver')}, created_by, updated_by)
    select '申请' || i, (${s.users}::bigint[])[1 + i % case when i > ${total - 400} then 2 else ${approvers} end],
      ${s.users[1]}, ${s.users[1]}
    from generate_series(1, ${total}) i`.execute(db);
  await sql`insert into sys_flow_instance (flow_version_id, object, record_id, title, submitter, state, plan, done,
      started_at, ended_at)
    select ${s.versionId}, 'benchRequest', r.id, '申请' || r.id, ${s.users[1]},
      case when r.id > ${finished} then 'running' else 'approved' end,
      jsonb_build_array(jsonb_build_object('kind', 'approve', 'nodeId', 'a', 'name', '审批', 'mode', 'sequence',
        'approvers', jsonb_build_array(r.${col('approver')}), 'onEmpty', 'admin',
        'timeout', jsonb_build_object('hours', 1, 'action', 'pass'))),
      case when r.id > ${finished} then '[]'::jsonb else '["a"]'::jsonb end,
      now() - make_interval(mins => (${total} - r.id)::int), case when r.id > ${finished} then null else now() end
    from ${sql.table(s.obj.table)} r`.execute(db);
  await sql`insert into sys_flow_task (instance_id, node_id, round, kind, assignee, state, acted_by, acted_at, due_at,
      created_at)
    select i.id, 'a', 1, 'approve', (i.plan->0->'approvers'->>0)::bigint,
      case when i.state = 'running' then 'pending' else 'approved' end,
      case when i.state = 'running' then null else (i.plan->0->'approvers'->>0)::bigint end,
      i.ended_at, case when i.state = 'running' then now() + interval '1 hour' end, i.started_at
    from sys_flow_instance i`.execute(db);
  await sql`insert into sys_flow_event (instance_id, action, actor, at)
    select id, 'submitted', submitter, started_at from sys_flow_instance`.execute(db);
  await sql`vacuum analyze sys_flow_instance, sys_flow_task, sys_flow_event`.execute(db);
}

async function main() {
  await withBenchApp({ adminPassword: password }, async (app) => {
    step(`set-up: ${approvers} approvers`);
    const s = await setUp(app);
    step(`generating ${finished} finished and ${running} running instances`);
    await generate(app, s);
    const client = await signIn(app.baseUrl, 'appr0', password);
    const rows: Row[] = [];
    const conn = await app.raw.pool.connect();
    try {
      for (const box of ['todo', 'done']) {
        const path = `/api/approvals/inbox?box=${box}`;
        const seen = (await captureSql(() => client.get(path))).filter((x) => !background.test(x.text));
        const items = (await client.get(path)).data.items.length;
        const [api, raw] = await timePair(
          args.runs,
          10,
          async () => {
            await client.get(path);
          },
          async () => {
            for (const x of seen) await conn.query(x.text, x.values);
          },
        );
        rows.push({ who: 'appr0', what: `inbox ${box}`, api, sql: raw, stmts: seen.length, note: `${items} items` });
      }
    } finally {
      conn.release();
    }
    // One approve per sample, each on another of this approver's running instances (and of a second approver's).
    const pending = await sql<{ id: string; assignee: string }>`select id, assignee from sys_flow_task
      where state = 'pending' and assignee = any(${s.users.slice(0, 2)}::bigint[]) order by id`.execute(
      app.kehu.engine.db,
    );
    const clients = new Map([
      [s.users[0], client],
      [s.users[1], await signIn(app.baseUrl, 'appr1', password)],
    ]);
    const tasks = pending.rows.map((r) => ({ id: Number(r.id), by: clients.get(Number(r.assignee))! }));
    let next = 0;
    const approve = await time(Math.min(args.runs, tasks.length - 5), 5, async () => {
      const t = tasks[next++];
      await t.by.post(`/api/approvals/tasks/${t.id}/approve`, {});
    });
    rows.push({ who: 'appr0/1', what: 'approve one task', api: approve, note: 'aim ≤ 30 ms' });
    printTable(rows, (what) => what.startsWith('inbox'));

    step('1,000 timeouts due at once');
    const due = await sql<{ id: string; due: Date }>`update sys_flow_task
      set due_at = date_trunc('milliseconds', now() - interval '1 minute')
      where id in (select id from sys_flow_task where state = 'pending' order by id desc limit 1000)
      returning id, due_at as due`.execute(app.kehu.engine.db);
    const jobs = app.kehu.engine.jobs;
    for (const r of due.rows)
      await jobs.send(flowTimeoutJob, { taskId: Number(r.id), due: r.due.toISOString() }, { singletonKey: `b${r.id}` });
    const ids = due.rows.map((r) => Number(r.id));
    const started = performance.now();
    for (;;) {
      const left = await sql<{ n: number }>`select count(*)::int as n from sys_flow_task
        where id = any(${ids}::bigint[]) and state = 'pending'`.execute(app.kehu.engine.db);
      if (left.rows[0].n === 0) break;
      if (performance.now() - started > 60_000) {
        const states = await sql<{
          state: string;
          output: unknown;
          n: number;
        }>`select state, output::text, count(*)::int as n
          from pgboss.job where name = ${flowTimeoutJob} group by 1, 2 order by 3 desc limit 10`.execute(
          app.kehu.engine.db,
        );
        console.log(states.rows);
        throw new Error(`${left.rows[0].n} timeouts still open after 1 min`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(`1,000 timeouts processed in ${((performance.now() - started) / 1000).toFixed(1)} s (aim ≤ 10 s)`);
    const load = (await import('node:os')).loadavg().map((x) => x.toFixed(2));
    console.log(`load average: ${load.join(' ')}`);
  });
}

runBench(main);
