import { expect } from 'vitest';
import type { ApiClient } from '../../../test/api-client.ts';
import { creditCodeCheck } from '../customers/credit-code.ts';

/** Shared set-up of the sales tests: records through the real HTTP API, failing loudly. */
export async function create(api: ApiClient, object: string, body: Record<string, unknown>) {
  const r = await api.post(`/api/objects/${object}`, body);
  expect(r.status, `${object}: ${JSON.stringify(r.body)}`).toBe(201);
  return r.body.data as Record<string, any>;
}

export async function patch(api: ApiClient, object: string, id: number, body: Record<string, unknown>) {
  const r = await api.patch(`/api/objects/${object}/${id}`, body);
  expect(r.status, `${object} ${id}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body.data as Record<string, any>;
}

export async function getData(api: ApiClient, path: string) {
  const r = await api.get(path);
  expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body.data;
}

export interface StageSpec {
  name: string;
  probability: number;
  requiredFields?: string[];
  requiredTasks?: string[];
}

/** A sales process with its stages in order; returns the process id and stage ids. */
export async function createProcess(api: ApiClient, name: string, stages: StageSpec[], isDefault = false) {
  const p = await create(api, 'salesProcess', { name, isDefault });
  const ids: number[] = [];
  for (const [i, s] of stages.entries())
    ids.push((await create(api, 'salesStage', { ...s, process: p.id, sortOrder: (i + 1) * 10 })).id);
  return { id: p.id as number, stages: ids };
}

/** Four plain stages without requirements (10/30/60/80 %). */
export const plainStages: StageSpec[] = [
  { name: '初步接触', probability: 10 },
  { name: '需求确认', probability: 30 },
  { name: '方案报价', probability: 60 },
  { name: '商务谈判', probability: 80 },
];

export async function customer(api: ApiClient, name: string, extra: Record<string, unknown> = {}) {
  return (await create(api, 'customer', { name, type: 'direct', ...extra })).id as number;
}

let dealerNo = 0;

/** A dealer (a customer of type dealer, DLR-1) with a valid credit code and a region. */
export async function dealer(api: ApiClient, name: string) {
  const first17 = `91370700MA3D${String(++dealerNo).padStart(5, '0')}`;
  return customer(api, name, {
    type: 'dealer',
    creditCode: first17 + creditCodeCheck(first17),
    region: '山东省 潍坊市',
  });
}
