import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../test/harness.ts';
import { managerGrants, type Team, team } from '../modules/team/test-kit.ts';
import { act, binding, detail, discountObject, discountOver, publish, submit } from './approvals-test-kit.ts';

let k: TestKehu;
let t: Team;
let d1: { id: number; api: TestKehu['admin'] };
let d2: { id: number; api: TestKehu['admin'] };
let fin: { id: number; api: TestKehu['admin'] };

beforeAll(async () => {
  k = await startKehu();
  t = await team(k, 'wf');
  await discountObject(k);
  // Directors and finance sit in the other office: they cannot read 济南办's records but by being asked to approve.
  const other = (await k.admin.get('/api/objects/department?filter={"field":"code","op":"eq","value":"wf-NJ"}')).body
    .data[0].id;
  d1 = await k.user({ username: 'wf-dir1', grants: managerGrants, department: other });
  d2 = await k.user({ username: 'wf-dir2', grants: managerGrants, department: other });
  fin = await k.user({ username: 'wf-fin', grants: managerGrants, department: other });
  await publish(k, 'discount', 'discountApp', {
    nodes: [
      {
        id: 'mgr',
        type: 'approver',
        name: '直属主管',
        assignees: [{ kind: 'superiors', levels: 1 }],
        mode: 'sequence',
      },
      {
        id: 'cond',
        type: 'condition',
        name: '折扣判断',
        branches: [
          {
            id: 'big',
            name: '折扣超过10%',
            when: discountOver(10),
            nodes: [
              {
                id: 'dirs',
                type: 'approver',
                name: '总监会签',
                assignees: [{ kind: 'users', users: [d1.id, d2.id] }],
                mode: 'all',
              },
            ],
          },
          { id: 'else', name: '其他情况', nodes: [] },
        ],
      },
      { id: 'cc', type: 'cc', name: '抄送财务', assignees: [{ kind: 'users', users: [fin.id] }] },
    ],
    binding,
  });
});
afterAll(() => k?.close());

const newRequest = async (discount: number) =>
  (await t.li.api.post('/api/objects/discountApp', { title: `折扣 ${discount}%`, amount: '1280000.00', discount })).body
    .data;

describe('WF-2 WF-4 approvals through the HTTP API', () => {
  test('WF-2 WF-4 a 15% discount: predicted path, lock, 会签 with a return to the submitter, resubmit, approval', async () => {
    const rec = await newRequest(15);
    const preview = await t.li.api.post('/api/approvals/preview', { object: 'discountApp', recordId: rec.id });
    expect(preview.status).toBe(200);
    const path = preview.body.data.plan.map((s: { name: string; approvers?: number[]; users?: number[] }) => [
      s.name,
      s.approvers ?? s.users,
    ]);
    expect(path).toEqual([
      ['直属主管', [t.manager.id]],
      ['总监会签', [d1.id, d2.id]],
      ['抄送财务', [fin.id]],
    ]);
    // The submitter reads who they are, by name, beside the path.
    expect(preview.body.data.people).toMatchObject({
      [t.manager.id]: 'wf-mgr',
      [d1.id]: 'wf-dir1',
      [fin.id]: 'wf-fin',
    });

    const id = await submit(t.li.api, 'discountApp', rec.id, { comment: '大客户，年底冲量' });
    expect((await t.li.api.get(`/api/objects/discountApp/${rec.id}`)).body.data.status).toBe('running');
    // Locked for everyone but the flow, with a message naming the flow and its submitter.
    const locked = await t.li.api.patch(`/api/objects/discountApp/${rec.id}`, { discount: 20 });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('RECORD_IN_APPROVAL');
    expect(locked.body.error.message).toContain('wf-li');
    expect((await t.li.api.post('/api/approvals/submit', { object: 'discountApp', recordId: rec.id })).status).toBe(
      409,
    );
    // The director cannot act before the manager's step is done, and cannot read the record yet.
    expect((await d1.api.get('/api/approvals/inbox?box=todo')).body.data.items).toEqual([]);
    expect((await t.manager.api.get('/api/approvals/counts')).body.data.todo).toBe(1);

    await act(t.manager.api, id, 'approve', { comment: '同意' });
    expect((await d1.api.get(`/api/objects/discountApp/${rec.id}`)).status).toBe(200);
    const back = await act(d1.api, id, 'return', { to: 'submitter', comment: '请补充竞品报价' });
    expect(back.state).toBe('returned');
    expect((await t.li.api.get(`/api/objects/discountApp/${rec.id}`)).body.data.status).toBe('draft');
    expect((await d2.api.get('/api/approvals/inbox?box=todo')).body.data.items).toEqual([]);
    // Returned: the submitter may change it, nobody else.
    expect((await t.manager.api.patch(`/api/objects/discountApp/${rec.id}`, { discount: 14 })).status).toBe(409);
    expect((await t.li.api.patch(`/api/objects/discountApp/${rec.id}`, { discount: 14 })).status).toBe(200);

    expect(await submit(t.li.api, 'discountApp', rec.id)).toBe(id);
    await act(t.manager.api, id, 'approve');
    await act(d1.api, id, 'approve');
    expect((await detail(t.li.api, id)).state).toBe('running');
    const last = await act(d2.api, id, 'approve', { comment: '同意，注意回款' });
    expect(last.state).toBe('approved');
    expect((await t.li.api.get(`/api/objects/discountApp/${rec.id}`)).body.data.status).toBe('approved');
    expect((await t.li.api.patch(`/api/objects/discountApp/${rec.id}`, { title: '已批' })).status).toBe(200);

    const d = await detail(t.li.api, id);
    expect(d.round).toBe(2);
    expect(d.people).toMatchObject({ [t.li.id]: 'wf-li', [d2.id]: 'wf-dir2' });
    const actions = d.timeline.map((e: { action: string }) => e.action);
    for (const a of ['submitted', 'approvedStep', 'returned', 'resubmitted', 'cc', 'approved'])
      expect(actions).toContain(a);
    const cc = (await fin.api.get('/api/approvals/inbox?box=cc')).body.data.items;
    expect(cc.map((i: { instanceId: number }) => i.instanceId)).toContain(id);
    expect((await d1.api.get('/api/approvals/inbox?box=done')).body.data.items.length).toBe(2);
    expect((await t.li.api.get('/api/approvals/inbox?box=mine')).body.data.items[0]).toMatchObject({
      instanceId: id,
      state: 'approved',
    });
    // The record's history shows the flow's outcome, written through the engine.
    const h = await t.li.api.get(`/api/objects/discountApp/${rec.id}/history`);
    expect(JSON.stringify(h.body.data)).toContain('approved');
  });

  test('WF-2 NOTIF-3 a small discount takes the other branch: the manager is notified, approves, finance gets the copy', async () => {
    const rec = await newRequest(5);
    const id = await submit(t.li.api, 'discountApp', rec.id);
    const titles = async (api: typeof t.li.api) =>
      ((await api.get('/api/notifications')).body.data as Array<{ title: string }>).map((n) => n.title);
    await expect.poll(() => titles(t.manager.api)).toContain('待你审批：流程-discount「折扣 5%」');
    const done = await act(t.manager.api, id, 'approve');
    expect(done.state).toBe('approved');
    expect((await fin.api.get('/api/approvals/counts')).body.data.cc).toBeGreaterThan(0);
    await expect.poll(() => titles(t.li.api)).toContain('已通过：流程-discount「折扣 5%」');
    await expect.poll(() => titles(fin.api)).toContain('抄送你：流程-discount「折扣 5%」');
    const wb = await t.manager.api.get('/api/workbench?sections=approvals');
    expect(wb.status, JSON.stringify(wb.body)).toBe(200);
  });

  test('WF-4 a rejection needs a reason and ends the instance; someone not in it sees nothing', async () => {
    const rec = await newRequest(30);
    const id = await submit(t.li.api, 'discountApp', rec.id);
    const task = (await t.manager.api.get('/api/approvals/inbox?box=todo')).body.data.items[0].taskId;
    const noReason = await t.manager.api.post(`/api/approvals/tasks/${task}/reject`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('审批意见');
    expect((await t.zhao.api.get(`/api/approvals/instances/${id}`)).status).toBe(404);
    expect((await t.zhao.api.post(`/api/approvals/tasks/${task}/approve`, {})).status).toBe(404);
    expect(
      (await t.manager.api.post(`/api/approvals/tasks/${task}/reject`, { comment: '折扣过高' })).body.data.state,
    ).toBe('rejected');
    expect((await t.li.api.get(`/api/objects/discountApp/${rec.id}`)).body.data.status).toBe('rejected');
    // Acting again on a finished task: a clear conflict.
    const again = await t.manager.api.post(`/api/approvals/tasks/${task}/approve`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('FLOW_TASK_DONE');
  });

  test('WF-4 withdraw while nobody has acted, not after; urge once an hour', async () => {
    const rec = await newRequest(12);
    const id = await submit(t.li.api, 'discountApp', rec.id);
    expect((await t.li.api.post(`/api/approvals/instances/${id}/urge`)).status).toBe(200);
    expect((await t.li.api.post(`/api/approvals/instances/${id}/urge`)).status).toBe(429);
    expect((await t.manager.api.post(`/api/approvals/instances/${id}/withdraw`)).status).toBe(403);
    expect((await t.li.api.post(`/api/approvals/instances/${id}/withdraw`)).body.data.state).toBe('withdrawn');
    expect((await t.li.api.get(`/api/objects/discountApp/${rec.id}`)).body.data.status).toBe('draft');
    const id2 = await submit(t.li.api, 'discountApp', rec.id);
    expect(id2).not.toBe(id);
    await act(t.manager.api, id2, 'approve');
    const late = await t.li.api.post(`/api/approvals/instances/${id2}/withdraw`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('FLOW_ALREADY_ACTED');
  });
  test('WF-4 a comment with an attachment: the people in the approval download it, nobody else', async () => {
    const rec = await newRequest(8);
    const id = await submit(t.li.api, 'discountApp', rec.id);
    const upload = async (api: typeof t.li.api, name: string) => {
      const form = new FormData();
      form.append('file', new Blob(['竞品报价：85 折'], { type: 'text/plain' }), name);
      const up = await fetch(`${k.baseUrl}/api/files`, {
        method: 'POST',
        body: form,
        headers: { cookie: api.cookie!, 'x-csrf-token': api.csrf! },
      });
      return (await up.json()).data.id as number;
    };
    const file = await upload(t.li.api, '竞品报价.txt');
    const loose = await upload(t.li.api, '未附上.txt');
    expect((await t.li.api.post(`/api/approvals/instances/${id}/comment`, {})).status).toBe(400);
    const c = await t.li.api.post(`/api/approvals/instances/${id}/comment`, { comment: '附竞品报价', files: [file] });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    const event = (await detail(t.manager.api, id)).timeline.find((e: { action: string }) => e.action === 'commented');
    expect(event.detail.files).toEqual([{ id: file, name: '竞品报价.txt' }]);
    const got = await t.manager.api.get(`/api/approvals/instances/${id}/files/${file}`);
    expect(got.status).toBe(200);
    expect(got.body).toBe('竞品报价：85 折');
    expect(got.headers.get('content-disposition')).toContain('attachment');
    expect((await t.zhao.api.get(`/api/approvals/instances/${id}/files/${file}`)).status).toBe(404);
    expect((await t.manager.api.get(`/api/approvals/instances/${id}/files/${loose}`)).status).toBe(404);
  });
});
