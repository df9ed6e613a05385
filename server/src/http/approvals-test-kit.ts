import { expect } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import type { TestKehu } from '../../test/harness.ts';

const zh = (s: string) => ({ 'zh-CN': s });

/** A custom object (flows bind to any object, built-in or custom): a discount request with a state field. */
export async function discountObject(k: TestKehu, name = 'discountApp'): Promise<void> {
  const r = await k.admin.post('/api/metadata/objects', {
    name,
    label: { 'zh-CN': '折扣申请', 'en-US': 'Discount request' },
    fields: {
      title: { type: 'text', required: true, label: zh('标题') },
      amount: { type: 'money', label: zh('金额') },
      discount: { type: 'decimal', label: zh('折扣率'), scale: 1 },
      status: {
        type: 'picklist',
        label: zh('审批状态'),
        options: [
          { value: 'draft', label: zh('草稿') },
          { value: 'running', label: zh('审批中') },
          { value: 'approved', label: zh('已通过') },
          { value: 'rejected', label: zh('已驳回') },
        ],
      },
      owner: { type: 'owner', label: zh('负责人') },
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

export const binding = {
  stateField: 'status',
  states: { running: 'running', approved: 'approved', rejected: 'rejected', withdrawn: 'draft', returned: 'draft' },
};

export const discountOver = (pct: number) => ({ any: [{ all: [{ field: 'discount', op: 'gt', value: pct }] }] });

/** Create and publish a flow; returns its id. */
export async function publish(k: TestKehu, key: string, object: string, tree: Record<string, unknown>) {
  const c = await k.admin.post('/api/flows', { key, object, name: `流程-${key}`, tree });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  const p = await k.admin.post(`/api/flows/${c.body.data.id}/publish`);
  expect(p.status, JSON.stringify(p.body)).toBe(200);
  return c.body.data.id as number;
}

export async function submit(api: ApiClient, object: string, recordId: number, extra: Record<string, unknown> = {}) {
  const r = await api.post('/api/approvals/submit', { object, recordId, ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data.id as number;
}

/** The caller's pending task on an instance (from 待我审批), failing when there is none. */
export async function myTask(api: ApiClient, instanceId: number): Promise<number> {
  const r = await api.get('/api/approvals/inbox?box=todo');
  const item = r.body.data.items.find((i: { instanceId: number }) => i.instanceId === instanceId);
  expect(item, `no task for instance ${instanceId}`).toBeTruthy();
  return item.taskId;
}

export async function act(api: ApiClient, instanceId: number, action: string, body: Record<string, unknown> = {}) {
  const task = await myTask(api, instanceId);
  const r = await api.post(`/api/approvals/tasks/${task}/${action}`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data as { id: number; state: string };
}

export async function detail(api: ApiClient, instanceId: number) {
  const r = await api.get(`/api/approvals/instances/${instanceId}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data;
}
