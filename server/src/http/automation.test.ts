import http from 'node:http';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../test/harness.ts';
import { automationTickJob } from '../engine/automation/register.ts';
import { type Team, team } from '../modules/team/test-kit.ts';
import { discountObject, publish } from './approvals-test-kit.ts';

const discountOver = (pct: number) => ({ field: 'discount', op: 'gt', value: pct });

let k: TestKehu;
let t: Team;
let hook: http.Server;
const received: unknown[] = [];

beforeAll(async () => {
  k = await startKehu();
  t = await team(k, 'au');
  await discountObject(k, 'auApp');
  const note = await k.admin.post('/api/metadata/objects', {
    name: 'auNote',
    label: { 'zh-CN': '提醒记录' },
    fields: {
      title: { type: 'text', required: true, label: { 'zh-CN': '标题' } },
      app: { type: 'manyToOne', object: 'auApp', label: { 'zh-CN': '申请' } },
    },
  });
  expect(note.status, JSON.stringify(note.body)).toBe(201);
  hook = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.end('ok');
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  hook?.close();
  await k?.close();
});

const rule = async (name: string, definition: Record<string, unknown>) => {
  const r = await k.admin.post('/api/automation/rules', { object: 'auApp', name, definition });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data.id as number;
};
const runs = async (id: number) =>
  (
    (await k.admin.get(`/api/automation/rules/${id}/runs`)).body.data as Array<{ outcome: string; recordId: number }>
  ).map((r) => r.outcome);
const off = (id: number) => k.admin.patch(`/api/automation/rules/${id}`, { active: false });
const app = async (discount: number) =>
  (await t.li.api.post('/api/objects/auApp', { title: `申请${discount}`, discount })).body.data.id as number;

describe('WF-6 automation rules', () => {
  test('WF-6 a field changed to a value creates a linked record and notifies the owner; the run is logged', async () => {
    const id = await rule('高折扣提醒', {
      trigger: { on: 'update' },
      changed: { field: 'status', to: 'approved' },
      condition: discountOver(20),
      actions: [
        { type: 'createRecord', object: 'auNote', values: { title: '高折扣已批准', app: { $field: 'id' } } },
        { type: 'notify', to: 'owner', title: '「{title}」已批准，折扣 {discount}%' },
      ],
    });
    const rec = await app(25);
    const quiet = await app(5);
    const set = async (id: number, status: string) =>
      expect((await t.li.api.patch(`/api/objects/auApp/${id}`, { status })).status).toBe(200);
    await set(quiet, 'approved');
    await set(rec, 'running');
    await set(rec, 'approved');
    await expect.poll(() => runs(id)).toEqual(['done']);
    const notes = await k.admin.list('auNote', { filter: { field: 'app', op: 'eq', value: rec } });
    expect(notes.body.data.map((n: { title: string }) => n.title)).toEqual(['高折扣已批准']);
    await expect
      .poll(async () => (await t.li.api.get('/api/notifications')).body.data.map((n: { title: string }) => n.title))
      .toContain('「申请25」已批准，折扣 25.0%');
    await off(id);
  });

  test('WF-6 a rule that changes its own record does not loop: the second round is logged as a loop', async () => {
    const id = await rule('自我修改', {
      trigger: { on: 'update' },
      changed: { field: 'discount' },
      actions: [
        { type: 'setFields', values: { title: '已自动调整' } },
        { type: 'setFields', values: { discount: 9 } },
      ],
    });
    const rec = await app(10);
    expect((await t.li.api.patch(`/api/objects/auApp/${rec}`, { discount: 12 })).status).toBe(200);
    await expect.poll(() => runs(id)).toEqual(['loop', 'done']);
    const after = (await t.li.api.get(`/api/objects/auApp/${rec}`)).body.data;
    expect(after).toMatchObject({ title: '已自动调整', discount: '9.0' });
    await off(id);
  });

  test('WF-6 WF-2 a new record over a limit starts an approval; a webhook gets the record', async () => {
    await publish(k, 'auFlow', 'auApp', {
      nodes: [
        { id: 'm', type: 'approver', name: '主管', assignees: [{ kind: 'superiors', levels: 1 }], mode: 'sequence' },
      ],
    });
    const id = await rule('超限审批', {
      trigger: { on: 'create' },
      condition: discountOver(30),
      actions: [
        { type: 'startApproval', flow: 'auFlow' },
        { type: 'webhook', url: `http://127.0.0.1:${(hook.address() as { port: number }).port}/hook` },
      ],
    });
    const rec = await app(35);
    await expect.poll(() => runs(id)).toEqual(['done']);
    const instances = (await t.li.api.get(`/api/approvals/records/auApp/${rec}`)).body.data.instances;
    expect(instances).toMatchObject([{ state: 'running', submitter: { id: t.li.id } }]);
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(1);
    expect(received[0]).toMatchObject({ rule: '超限审批', object: 'auApp', id: rec, record: { discount: '35.0' } });
    await off(id);
  });

  test('WF-6 dry run, a schedule, and refusals of bad rules', async () => {
    await app(45);
    const dry = await k.admin.post('/api/automation/dry-run', {
      object: 'auApp',
      definition: {
        trigger: { on: 'schedule', cron: '0 8 * * 1-5' },
        condition: discountOver(40),
        actions: [{ type: 'setFields', values: { title: 'x' } }],
      },
    });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.data.matching).toBe(1);
    const id = await rule('每日标记', {
      trigger: { on: 'schedule', cron: '* * * * *' },
      condition: discountOver(40),
      actions: [{ type: 'setFields', values: { title: '每日检查' } }],
    });
    // A minute passes: the rule's last run moves back, then the scheduler's job runs.
    await sql`update sys_automation_rule set created_at = now() - interval '2 minutes' where id = ${id}`.execute(
      k.kehu.engine.db,
    );
    await k.kehu.engine.jobs.send(automationTickJob);
    await expect.poll(() => runs(id), { timeout: 20_000 }).toEqual(['done']);
    const bad = await k.admin.post('/api/automation/rules', {
      object: 'auApp',
      name: '坏规则',
      definition: { trigger: { on: 'later' }, actions: [] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('触发条件');
    expect(bad.body.error.message).toContain('执行动作');
    const field = await k.admin.post('/api/automation/rules', {
      object: 'auApp',
      name: '未知字段',
      definition: {
        trigger: { on: 'create' },
        condition: { field: 'nope', op: 'eq', value: 1 },
        actions: [{ type: 'setFields', values: {} }],
      },
    });
    expect(field.status).toBe(400);
    expect((await t.li.api.get('/api/automation/rules')).status).toBe(403);
    await off(id);
  });
});
