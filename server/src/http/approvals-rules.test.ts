import { BpmnModdle } from 'bpmn-moddle';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../test/harness.ts';
import { managerGrants, type Team, team } from '../modules/team/test-kit.ts';
import { act, binding, detail, discountObject, discountOver, myTask, publish, submit } from './approvals-test-kit.ts';

let k: TestKehu;
let t: Team;
type U = { id: number; api: TestKehu['admin'] };
let a: U;
let b: U;
let c: U;

beforeAll(async () => {
  k = await startKehu();
  t = await team(k, 'fr');
  await discountObject(k);
  a = await k.user({ username: 'fr-a', grants: managerGrants, department: t.dept });
  b = await k.user({ username: 'fr-b', grants: managerGrants, department: t.dept });
  c = await k.user({ username: 'fr-c', grants: managerGrants, department: t.dept });
});
afterAll(() => k?.close());

const approver = (id: string, users: number[], mode: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'approver',
  name: `步骤${id}`,
  assignees: [{ kind: 'users', users }],
  mode,
  ...extra,
});
const record = async (discount = 5) =>
  (await t.li.api.post('/api/objects/discountApp', { title: `申请 ${discount}`, discount })).body.data.id as number;

describe('WF-2 flow definitions', () => {
  test('WF-2 publishing refuses a flow that cannot run, naming the node', async () => {
    const create = await k.admin.post('/api/flows', {
      key: 'broken',
      object: 'discountApp',
      name: '坏流程',
      tree: {
        nodes: [
          { id: 's1', type: 'approver', name: '主管审批', assignees: [], mode: 'sequence' },
          {
            id: 'c1',
            type: 'condition',
            name: '金额判断',
            branches: [
              { id: 'e', name: '其他情况', nodes: [] },
              { id: 'x', name: '大额', when: { any: [{ all: [{ field: 'noSuch', op: 'gt', value: 1 }] }] }, nodes: [] },
            ],
          },
        ],
      },
    });
    expect(create.status).toBe(201);
    const id = create.body.data.id;
    const refused = await k.admin.post(`/api/flows/${id}/publish`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('FLOW_INVALID');
    expect(refused.body.error.message).toBe('流程无法发布：节点「主管审批」没有设置审批人');
    const codes = refused.body.error.params.problems.map((p: { code: string }) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['noApprover', 'elseNotLast']));
    // The designer's check as one edits: every problem, translated.
    const check = await k.admin.post(`/api/flows/${id}/validate`, {
      tree: {
        nodes: [
          approver('s1', [999999], 'all'),
          {
            id: 'c1',
            type: 'condition',
            name: '金额判断',
            branches: [
              { id: 'x', name: '大额', when: { any: [{ all: [{ field: 'noSuch', op: 'gt', value: 1 }] }] }, nodes: [] },
              { id: 'e', name: '其他情况', nodes: [] },
            ],
          },
        ],
      },
    });
    expect(check.body.data.problems.map((p: { code: string; node: string }) => [p.node, p.code])).toEqual([
      ['步骤s1', 'inactiveUser'],
      ['大额', 'unknownField'],
    ]);
    expect(check.body.data.problems[0].message).toBe('指定的审批人不存在或已停用');
    expect((await t.li.api.post('/api/flows', { key: 'x1', object: 'discountApp', name: 'x' })).status).toBe(403);
    const bad = await k.admin.post('/api/flows', { key: 'Bad Key', object: 'discountApp', name: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('流程名称');
  });

  test('WF-2 running instances keep the version they started with', async () => {
    const flow = await publish(k, 'versions', 'discountApp', { nodes: [approver('v1', [a.id], 'sequence')], binding });
    const first = await submit(t.li.api, 'discountApp', await record());
    // The designer's preview of a draft for a sample record: the path and the names of its people.
    const sample = await k.admin.post(`/api/flows/${flow}/preview`, {
      recordId: await record(),
      submitter: t.li.id,
      tree: { nodes: [approver('p1', [c.id], 'sequence')] },
    });
    expect(sample.status, JSON.stringify(sample.body)).toBe(200);
    expect(sample.body.data.plan.map((s: { nodeId: string }) => s.nodeId)).toEqual(['p1']);
    expect(sample.body.data.people).toEqual({ [c.id]: 'fr-c' });
    await k.admin.patch(`/api/flows/${flow}`, { tree: { nodes: [approver('v2', [b.id], 'sequence')], binding } });
    expect((await k.admin.post(`/api/flows/${flow}/publish`)).body.data.version).toBe(2);
    const second = await submit(t.li.api, 'discountApp', await record(), { flow: 'versions' });
    expect((await detail(t.li.api, first)).flow.version).toBe(1);
    expect((await detail(t.li.api, second)).flow.version).toBe(2);
    await act(a.api, first, 'approve');
    await act(b.api, second, 'approve');
    const versions = (await k.admin.get(`/api/flows/${flow}/versions`)).body.data;
    expect(versions.map((v: { version: number; instances: number }) => [v.version, v.instances])).toEqual([
      [2, 1],
      [1, 1],
    ]);
    await k.admin.patch(`/api/flows/${flow}`, { active: false });
  });

  test('WF-2 BPMN 2.0 export parses with bpmn-moddle: multi-instance tasks, gateways, default flow', async () => {
    const flow = await publish(k, 'bpmn', 'discountApp', {
      nodes: [
        approver('m', [a.id, b.id], 'all'),
        {
          id: 'g',
          type: 'condition',
          name: '折扣',
          branches: [
            {
              id: 'hi',
              name: '高',
              when: discountOver(10),
              nodes: [approver('h', [c.id], 'share', { sharePercent: 60 })],
            },
            { id: 'lo', name: '其他情况', nodes: [] },
          ],
        },
        {
          id: 'p',
          type: 'parallel',
          name: '并行',
          branches: [
            { id: 'p1', name: '财务', nodes: [approver('f', [a.id], 'any')] },
            { id: 'p2', name: '法务', nodes: [approver('l', [b.id], 'sequence')] },
          ],
        },
      ],
    });
    await k.admin.patch(`/api/flows/${flow}`, { active: false });
    const r = await k.admin.get(`/api/flows/${flow}/bpmn`);
    expect(r.headers.get('content-type')).toContain('application/xml');
    const xml = r.body as string;
    const { rootElement, warnings } = await new BpmnModdle().fromXML(xml);
    expect(warnings).toEqual([]);
    const process = (rootElement as any).rootElements[0];
    const byId = new Map(process.flowElements.map((e: any) => [e.id, e]));
    const all = byId.get('n_m') as any;
    expect(all.$type).toBe('bpmn:UserTask');
    expect(all.loopCharacteristics.isSequential).toBe(false);
    expect((byId.get('n_h') as any).loopCharacteristics.completionCondition.body).toContain('>= 0.6');
    expect((byId.get('n_g_split') as any).$type).toBe('bpmn:ExclusiveGateway');
    expect((byId.get('n_g_split') as any).default).toBeTruthy();
    expect((byId.get('n_p_split') as any).$type).toBe('bpmn:ParallelGateway');
    // Every element is connected: something flows into each but the start, and out of each but the end.
    const flows = process.flowElements.filter((e: any) => e.$type === 'bpmn:SequenceFlow');
    for (const e of process.flowElements.filter((x: any) => x.$type !== 'bpmn:SequenceFlow')) {
      if (e.id !== 'start')
        expect(
          flows.some((f: any) => f.targetRef.id === e.id),
          e.id,
        ).toBe(true);
      if (e.id !== 'end')
        expect(
          flows.some((f: any) => f.sourceRef.id === e.id),
          e.id,
        ).toBe(true);
    }
  });
});

describe('WF-4 approvers acting', () => {
  test('WF-4 two approvers of an any-of step act at once: one wins, the other gets 409', async () => {
    await publish(k, 'anyof', 'discountApp', { nodes: [approver('any', [a.id, b.id], 'any')], binding });
    const id = await submit(t.li.api, 'discountApp', await record(), { flow: 'anyof' });
    const [ta, tb] = [await myTask(a.api, id), await myTask(b.api, id)];
    const results = await Promise.all([
      a.api.post(`/api/approvals/tasks/${ta}/approve`, {}),
      b.api.post(`/api/approvals/tasks/${tb}/reject`, { comment: '不同意' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const d = await detail(t.li.api, id);
    expect(['approved', 'rejected']).toContain(d.state);
    expect(
      d.timeline.filter((e: { action: string }) => e.action === 'approved' || e.action === 'rejected'),
    ).toHaveLength(1);
    await k.admin.patch('/api/flows/' + (await flowId('anyof')), { active: false });
  });

  test('WF-4 票签: 60% of three passes with two approvals; two rejections make it impossible', async () => {
    await publish(k, 'share', 'discountApp', {
      nodes: [approver('s', [a.id, b.id, c.id], 'share', { sharePercent: 60 })],
      binding,
    });
    const yes = await submit(t.li.api, 'discountApp', await record(), { flow: 'share' });
    await act(a.api, yes, 'approve');
    expect((await detail(t.li.api, yes)).state).toBe('running');
    expect((await act(b.api, yes, 'approve')).state).toBe('approved');
    const no = await submit(t.li.api, 'discountApp', await record(), { flow: 'share' });
    await act(a.api, no, 'reject', { comment: '否' });
    expect((await detail(t.li.api, no)).state).toBe('running');
    expect((await act(c.api, no, 'reject', { comment: '否' })).state).toBe('rejected');
    await k.admin.patch('/api/flows/' + (await flowId('share')), { active: false });
  });

  test('WF-4 SEC-6 transfer, add-sign before and after, and a delegate approving on behalf of an absent approver', async () => {
    await publish(k, 'moves', 'discountApp', {
      nodes: [approver('x', [a.id], 'sequence'), approver('y', [b.id], 'sequence')],
      binding,
    });
    const ends = new Date(Date.now() + 86_400_000).toISOString();
    expect((await b.api.post('/api/delegations', { to: c.id, rights: {}, approvals: true, endsAt: ends })).status).toBe(
      201,
    );
    const id = await submit(t.li.api, 'discountApp', await record(), { flow: 'moves' });
    // a adds the manager before themself: the manager approves first, then a's task is due again.
    await act(a.api, id, 'addSign', { users: [t.manager.id], position: 'before' });
    expect((await a.api.get('/api/approvals/inbox?box=todo')).body.data.items).toEqual([]);
    await act(t.manager.api, id, 'approve');
    // a hands the task to wang, who approves and adds zhao after himself.
    await act(a.api, id, 'transfer', { user: t.wang.id, comment: '请王经理处理' });
    await act(t.wang.api, id, 'addSign', { users: [t.zhao.id], position: 'after' });
    await act(t.zhao.api, id, 'approve');
    // b is away: c holds b's task, recorded as acting on b's behalf.
    const todo = (await c.api.get('/api/approvals/inbox?box=todo')).body.data.items.find(
      (i: { instanceId: number }) => i.instanceId === id,
    );
    expect(todo.onBehalfOf).toMatchObject({ id: b.id });
    expect((await act(c.api, id, 'approve')).state).toBe('approved');
    const d = await detail(t.li.api, id);
    const people = d.tasks.map((x: { nodeId: string; assignee: { id: number }; state: string }) => [
      x.nodeId,
      x.assignee.id,
      x.state,
    ]);
    expect(people).toEqual([
      ['x', a.id, 'transferred'],
      ['x', t.manager.id, 'approved'],
      ['x', t.wang.id, 'approved'],
      ['x', t.zhao.id, 'approved'],
      ['y', c.id, 'approved'],
    ]);
    expect(d.tasks[4].onBehalfOf.id).toBe(b.id);
  });
});

async function flowId(key: string): Promise<number> {
  const list = (await k.admin.get('/api/flows?object=discountApp')).body.data;
  return list.find((f: { key: string }) => f.key === key).id;
}
