import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { freePort } from '../../test/ports.ts';
import { clearLeftovers } from './leftovers.ts';
import { spawnKehu, stopAll } from './start-test-kit.ts';

/**
 * WF-4 OPS-1: an approval survives the server being killed between two approvals. Real processes, as `npm start`
 * runs them: the ready-made 费用报销 flow, a manager's approval, `kill -9`, a new start, the next approval.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-crash-wf-'));
fs.chmodSync(dataDir, 0o755);
const children: ChildProcess[] = [];
const password = 'Crash-Approval-Pass-7';
let port = '';

afterAll(async () => {
  await stopAll(children);
  await clearLeftovers(path.join(dataDir, 'postgres'));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function as(username: string): Promise<ApiClient> {
  const c = new ApiClient(`http://127.0.0.1:${port}`);
  const r = await c.login(username, password);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return c;
}

const created = async (p: Promise<{ status: number; body: any }>) => {
  const r = await p;
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data.id as number;
};

describe('WF-4 approvals across a crash', () => {
  test('WF-4 OPS-1 kill -9 between two approvals: after a new start the instance goes on from where it was', async () => {
    port = String(await freePort());
    const env = {
      KEHU_DATA_DIR: dataDir,
      PORT: port,
      KEHU_PG_PORT: String(await freePort()),
      KEHU_ADMIN_PASSWORD: password,
      KEHU_DEMO: '0',
      KEHU_PG_NO_SYNC: '1',
    };
    const first = spawnKehu(env, children);
    await first.waitFor('Kehu is running');
    const admin = await as('admin');
    const hq = (await admin.get('/api/objects/department?filter={"field":"code","op":"eq","value":"HQ"}')).body.data[0]
      .id;
    const office = await created(admin.post('/api/objects/department', { name: '济南办', code: 'JN', parent: hq }));
    const role = await created(
      admin.post('/api/objects/role', {
        name: '审批测试',
        grants: { '*': { create: 'own', read: 'own', update: 'own' }, user: { read: 'all' } },
      }),
    );
    const user = (username: string, extra: Record<string, unknown>) =>
      created(admin.post('/api/objects/user', { username, name: username, password, roles: [role], ...extra }));
    const director = await user('zongjian', { department: hq });
    await admin.patch(`/api/objects/department/${hq}`, { head: director });
    const manager = await user('zhuguan', { department: office });
    await user('xiaoli', { department: office, manager });

    const li = await as('xiaoli');
    const expense = await created(
      li.post('/api/objects/expense', { date: '2026-12-01', category: 'travel', amount: '6800.00' }),
    );
    expect((await li.post(`/api/expenses/${expense}/submit`)).body.data.status).toBe('submitted');
    const boss = await as('zhuguan');
    const task = (await boss.get('/api/approvals/inbox?box=todo')).body.data.items[0];
    expect(task.recordId).toBe(expense);
    expect((await boss.post(`/api/approvals/tasks/${task.taskId}/approve`, { comment: '同意' })).status).toBe(200);

    first.child.kill('SIGKILL');
    await first.exited;
    const second = spawnKehu(env, children);
    await second.waitFor('Kehu is running');

    const head = await as('zongjian');
    const next = (await head.get('/api/approvals/inbox?box=todo')).body.data.items;
    expect(next.map((i: { recordId: number }) => i.recordId)).toEqual([expense]);
    const done = await head.post(`/api/approvals/tasks/${next[0].taskId}/approve`, {});
    expect(done.body.data.state).toBe('approved');
    const again = await as('xiaoli');
    expect((await again.get(`/api/objects/expense/${expense}`)).body.data.status).toBe('approved');
    const timeline = (await again.get(`/api/approvals/instances/${done.body.data.id}`)).body.data.timeline;
    expect(timeline.map((e: { action: string }) => e.action)).toEqual([
      'submitted',
      'task',
      'approvedStep',
      'task',
      'approvedStep',
      'approved',
    ]);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 300_000);
});
