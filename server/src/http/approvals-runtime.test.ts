import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../test/harness.ts';
import { managerGrants, type Team, team } from '../modules/team/test-kit.ts';
import { act, binding, detail, discountObject, discountOver, myTask, publish, submit } from './approvals-test-kit.ts';

let k: TestKehu;
let t: Team;
let head: { id: number; api: TestKehu['admin'] };

beforeAll(async () => {
  k = await startKehu();
  t = await team(k, 'rt');
  await discountObject(k, 'rtApp');
  head = await k.user({ username: 'rt-head', grants: managerGrants, department: t.dept });
  await k.admin.patch(`/api/objects/department/${t.dept}`, { head: head.id });
});
afterAll(() => k?.close());

const step = (id: string, assignees: unknown[], extra: Record<string, unknown> = {}) => ({
  id,
  type: 'approver',
  name: `步骤${id}`,
  assignees,
  mode: 'sequence',
  ...extra,
});
const record = async (discount = 5, api = t.li.api) =>
  (await api.post('/api/objects/rtApp', { title: `申请 ${discount}`, discount })).body.data.id as number;
const off = async (key: string) => {
  const f = (await k.admin.get('/api/flows?object=rtApp')).body.data.find((x: { key: string }) => x.key === key);
  await k.admin.patch(`/api/flows/${f.id}`, { active: false });
};
const db = () => k.kehu.engine.db;

describe('WF-2 approvers and rules', () => {
  test('WF-2 department head, role, person field and 自选 approvers; the submitter chooses before submitting', async () => {
    const role = (await k.admin.post('/api/objects/role', { name: 'rt-财务', grants: {} })).body.data.id;
    await k.admin.patch(`/api/objects/user/${t.wang.id}`, { roles: [role] });
    await publish(k, 'kinds', 'rtApp', {
      nodes: [
        step('h', [{ kind: 'deptHead', level: 1 }]),
        step('r', [{ kind: 'role', role }]),
        step('c', [{ kind: 'chosen' }]),
        step('o', [{ kind: 'field', field: 'owner' }]),
      ],
      settings: { submitterIsApprover: 'approve' },
      binding,
    });
    const rec = await record();
    const preview = (await t.li.api.post('/api/approvals/preview', { object: 'rtApp', recordId: rec })).body.data;
    expect(preview.plan.map((s: { approvers: number[] }) => s.approvers)).toEqual([
      [head.id],
      [t.wang.id],
      [],
      [t.li.id],
    ]);
    expect(preview.choose).toEqual([{ nodeId: 'c', name: '步骤c', multiple: false }]);
    const missing = await t.li.api.post('/api/approvals/submit', { object: 'rtApp', recordId: rec });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe('请为审批节点「步骤c」选择审批人');
    const id = await submit(t.li.api, 'rtApp', rec, { chosen: { c: [t.zhao.id] } });
    await act(head.api, id, 'approve');
    await act(t.wang.api, id, 'approve');
    await act(t.zhao.api, id, 'approve');
    // The submitter is the owner: with `approve`, they approve their own step.
    expect((await act(t.li.api, id, 'approve')).state).toBe('approved');
    await off('kinds');
  });

  test('WF-2 the submitter as approver and the same approver twice in a row pass by themselves; nobody to approve goes to the rule', async () => {
    await publish(k, 'rules', 'rtApp', {
      nodes: [
        step('self', [{ kind: 'users', users: [t.li.id] }]),
        step('m1', [{ kind: 'users', users: [t.manager.id] }]),
        step('m2', [{ kind: 'users', users: [t.manager.id] }]),
        step('none', [{ kind: 'field', field: 'owner' }], { onEmpty: 'pass' }),
        step('end', [{ kind: 'users', users: [head.id] }]),
      ],
      binding,
    });
    const id = await submit(t.li.api, 'rtApp', await record());
    await act(t.manager.api, id, 'approve');
    // m2 passed for the manager; `none` resolves to the submitter (the owner), who passes too.
    expect((await t.manager.api.get('/api/approvals/inbox?box=todo')).body.data.items).toEqual([]);
    expect((await act(head.api, id, 'approve')).state).toBe('approved');
    const auto = (await detail(t.li.api, id)).timeline.filter((e: { action: string }) => e.action === 'autoPassed');
    expect(auto.map((e: { nodeId: string; detail: { reason: string } }) => [e.nodeId, e.detail.reason])).toEqual([
      ['self', 'submitter'],
      ['m2', 'repeat'],
      ['none', 'submitter'],
    ]);
    await off('rules');
  });

  test('WF-4 return to an earlier step: that step and the ones after it run again', async () => {
    await publish(k, 'back', 'rtApp', {
      nodes: [step('a', [{ kind: 'users', users: [t.manager.id] }]), step('b', [{ kind: 'users', users: [head.id] }])],
      binding,
    });
    const id = await submit(t.li.api, 'rtApp', await record());
    await act(t.manager.api, id, 'approve');
    const d = await detail(head.api, id);
    expect(d.can.returnTo).toEqual([{ nodeId: 'a', name: '步骤a' }]);
    await act(head.api, id, 'return', { to: 'a', comment: '主管再确认' });
    await act(t.manager.api, id, 'approve');
    expect((await act(head.api, id, 'approve')).state).toBe('approved');
    const bad = await t.li.api.post('/api/objects/rtApp', { title: 'x' });
    const id2 = await submit(t.li.api, 'rtApp', bad.body.data.id);
    const wrong = await t.manager.api.post(`/api/approvals/tasks/${await myTask(t.manager.api, id2)}/return`, {
      to: 'b',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('退回到');
    await off('back');
  });

  test('WF-2 NOTIF-3 a step timeout fires once through the job queue and passes the task', async () => {
    await publish(k, 'late', 'rtApp', {
      nodes: [step('slow', [{ kind: 'users', users: [t.manager.id] }], { timeout: { hours: 24, action: 'pass' } })],
      binding,
    });
    const id = await submit(t.li.api, 'rtApp', await record());
    const task = await myTask(t.manager.api, id);
    // A day passes: the task's due time and its queued job are moved into the past.
    const due = await sql<{ due: Date }>`update sys_flow_task
      set due_at = date_trunc('milliseconds', now() - interval '1 minute') where id = ${task} returning due_at as due`.execute(
      db(),
    );
    const moved = await sql`update pgboss.job set start_after = now(),
        data = jsonb_set(data, '{due}', to_jsonb(${due.rows[0].due.toISOString()}::text))
      where name = 'flow.timeout' and (data->>'taskId')::bigint = ${task} and state = 'created'`.execute(db());
    expect(Number(moved.numAffectedRows)).toBe(1);
    await expect.poll(async () => (await detail(t.li.api, id)).state, { timeout: 20_000 }).toBe('approved');
    const events = (await detail(t.li.api, id)).timeline.map((e: { action: string }) => e.action);
    expect(events.filter((a: string) => a === 'timeoutPassed')).toHaveLength(1);
    await off('late');
  });

  test('WF-5 monitoring: where instances wait, time per step, slowest approvers, overdue tasks, drill-down', async () => {
    await publish(k, 'watch', 'rtApp', {
      nodes: [step('w1', [{ kind: 'users', users: [t.manager.id] }], { timeout: { hours: 2, action: 'remind' } })],
      binding,
    });
    const a = await submit(t.li.api, 'rtApp', await record());
    const b = await submit(t.li.api, 'rtApp', await record());
    await act(t.manager.api, a, 'approve');
    await sql`update sys_flow_task set due_at = now() - interval '3 hours' where state = 'pending'
      and instance_id = ${b}`.execute(db());
    const m = (await k.admin.get('/api/flows/monitor')).body.data;
    const flow = (await k.admin.get('/api/flows?object=rtApp')).body.data.find(
      (f: { key: string }) => f.key === 'watch',
    );
    expect(m.waiting).toContainEqual(
      expect.objectContaining({
        flow: { id: flow.id, name: '流程-watch' },
        nodeId: 'w1',
        step: '步骤w1',
        instances: 1,
      }),
    );
    expect(m.steps.find((s: { nodeId: string }) => s.nodeId === 'w1')).toMatchObject({ decided: 1, step: '步骤w1' });
    expect(m.approvers.map((x: { user: { id: number } }) => x.user.id)).toContain(t.manager.id);
    expect(m.overdue).toContainEqual(expect.objectContaining({ instanceId: b, step: '步骤w1', overdueHours: 3 }));
    const drill = (await k.admin.get(`/api/flows/${flow.id}/instances?step=w1`)).body.data;
    expect(drill.map((i: { id: number }) => i.id)).toEqual([b]);
    expect((await t.manager.api.get('/api/flows/monitor')).status).toBe(403);
    await off('watch');
  });

  test('WF-2 a flow starts by itself when a saved record meets its condition', async () => {
    await publish(k, 'auto', 'rtApp', {
      nodes: [step('m', [{ kind: 'superiors', levels: 1 }])],
      trigger: { auto: { on: ['create', 'update'], when: discountOver(20) } },
      binding,
    });
    const small = await record(5);
    expect((await t.li.api.get(`/api/approvals/records/rtApp/${small}`)).body.data.instances).toEqual([]);
    const big = await record(25);
    const started = (await t.li.api.get(`/api/approvals/records/rtApp/${big}`)).body.data.instances;
    expect(started).toMatchObject([{ state: 'running', flow: '流程-auto' }]);
    expect((await t.li.api.get(`/api/objects/rtApp/${big}`)).body.data.status).toBe('running');
    expect((await t.li.api.patch(`/api/objects/rtApp/${small}`, { discount: 30 })).status).toBe(200);
    expect((await t.li.api.get(`/api/approvals/records/rtApp/${small}`)).body.data.instances).toHaveLength(1);
    // Someone who cannot read the record learns nothing of its approvals.
    expect((await t.zhao.api.get(`/api/approvals/records/rtApp/${big}`)).status).toBe(404);
    await off('auto');
  });
});
