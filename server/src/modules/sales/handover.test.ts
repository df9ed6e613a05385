import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { create, createProcess, customer, patch, plainStages } from './test-kit.ts';

let k: TestKehu;

beforeAll(async () => {
  k = await startKehu();
  await createProcess(k.admin, '标准流程', plainStages, true);
}, 60_000);
afterAll(() => k?.close());

describe('CUS-7 SAL-1 opportunities follow their customer', () => {
  test('CUS-7 handing a departing salesperson’s customers over moves their open opportunities, not the closed ones', async () => {
    const leaving = await k.user({ username: 'leaving' });
    const taking = await k.user({ username: 'taking' });
    const cust = await customer(k.admin, '烟台港务冷链有限公司', { owner: leaving.id });
    const open = await create(k.admin, 'opportunity', {
      name: '冷藏车 6 台',
      customer: cust,
      amount: '1800000',
      owner: leaving.id,
    });
    const won = await create(k.admin, 'opportunity', { name: '随车吊 2 台', customer: cust, owner: leaving.id });
    await patch(k.admin, 'opportunity', won.id, { status: 'won' });
    const r = await k.admin.post('/api/customers/transfer', {
      fromOwner: leaving.id,
      toOwner: taking.id,
      withOpen: true,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const owner = async (id: number) => (await k.admin.get(`/api/objects/opportunity/${id}`)).body.data.owner.id;
    expect(await owner(open.id)).toBe(taking.id);
    expect(await owner(won.id)).toBe(leaving.id);
  });
});
