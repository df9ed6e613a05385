import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { defineObject, manyToOne, owner, text } from '../../engine/metadata/define.ts';
import { customersModule } from '../customers/customers.module.ts';
import type { KehuModule } from '../module.ts';
import { viewsModule } from '../views/views.module.ts';
import { teamModule } from './team.module.ts';
import { create } from './test-kit.ts';

/** Stands in for the sales module: the team module only needs an `opportunity` object with a customer. */
const salesStub: KehuModule = {
  name: 'sales-stub',
  objects: [
    defineObject({
      name: 'opportunity',
      label: { 'zh-CN': '商机', 'en-US': 'Opportunity' },
      fields: {
        name: text({ required: true }),
        customer: manyToOne({ object: 'customer', required: true }),
        owner: owner(),
      },
    }),
  ],
};

let k: TestKehu;

beforeAll(async () => {
  // The team module comes first on purpose: links are attached at setup, whatever the order of modules.
  k = await startKehu({ modules: [viewsModule, teamModule, customersModule, salesStub] });
});
afterAll(() => k?.close());

describe('TEAM-2 links to opportunities when the sales module is installed', () => {
  test("TEAM-2 an activity on an opportunity is on its customer's timeline; expenses and tasks link to it too", async () => {
    const c = await create(k.admin, 'customer', { name: '临沂沂蒙运输有限公司' });
    const other = await create(k.admin, 'customer', { name: '日照港航物流有限公司' });
    const opp = await create(k.admin, 'opportunity', { name: '20 台压缩式垃圾车', customer: c.id });
    const call = await create(k.admin, 'activity', { subject: '商务谈判', opportunity: opp.id });
    expect(call).toMatchObject({ customer: { id: c.id }, opportunity: { id: opp.id, label: '20 台压缩式垃圾车' } });
    const wrong = await k.admin.post('/api/objects/activity', {
      subject: 'x',
      opportunity: opp.id,
      customer: other.id,
    });
    expect(wrong.body.error.fields).toEqual({ opportunity: 'mismatch' });

    const timeline = await k.admin.get(`/api/customers/${c.id}/timeline`);
    expect(timeline.body.data.map((a: { id: number }) => a.id)).toEqual([call.id]);
    const byOpp = await k.admin.get(`/api/objects/opportunity/${opp.id}/activities`);
    expect(byOpp.body.data.map((a: { id: number }) => a.id)).toEqual([call.id]);

    const expense = await create(k.admin, 'expense', {
      date: '2025-04-02',
      category: 'meals',
      amount: '80',
      opportunity: opp.id,
    });
    expect(expense.customer).toMatchObject({ id: c.id });
    const task = await create(k.admin, 'task', { title: '准备合同', opportunity: opp.id });
    expect(task.opportunity).toMatchObject({ id: opp.id });
    // No orders module here: expenses have no order link yet.
    const order = await k.admin.post('/api/objects/expense', {
      date: '2025-04-02',
      category: 'meals',
      amount: '1',
      order: 1,
    });
    expect(order.body.error.fields).toEqual({ order: 'unknown' });
  });
});
