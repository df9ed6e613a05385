import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { loadRecords } from './bulk-load.ts';

let k: TestKehu;
beforeAll(async () => {
  k = await startKehu();
  const made = await k.admin.post('/api/metadata/objects', {
    name: 'gadget',
    label: { 'zh-CN': '零件' },
    fields: {
      title: { type: 'text', required: true, search: 'fuzzy' },
      labels: { type: 'tags' },
      price: { type: 'money' },
      partOf: { type: 'manyToMany', object: 'customer' },
      status: {
        type: 'picklist',
        options: [
          { value: 'new', label: { 'zh-CN': '新' } },
          { value: 'old', label: { 'zh-CN': '旧' } },
        ],
        default: 'new',
      },
    },
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
});
afterAll(() => k?.close());

describe('OPS-5 the engine bulk loader (demo and benchmark data)', () => {
  test('OPS-5 values go through their fields, links and version 1 history are written, left-out fields keep their defaults', async () => {
    const ctx = k.kehu.engine.systemContext();
    const [customer] = await loadRecords(ctx, 'customer', [{ name: '青岛鸿运物流有限公司', type: 'direct' }]);
    const ids = await loadRecords(
      ctx,
      'gadget',
      [
        { title: '液压泵', labels: ['重要', 'a"b\\c'], price: '12345.67', partOf: [customer] },
        { title: '取力器', status: 'old' },
      ],
      { marker: 'test load' },
    );
    expect(ids).toHaveLength(2);
    const a = await k.admin.get(`/api/objects/gadget/${ids[0]}`);
    expect(a.body.data).toMatchObject({
      title: '液压泵',
      labels: ['重要', 'a"b\\c'],

      price: '12345.67',
      status: 'new',
      partOf: [{ id: customer, label: '青岛鸿运物流有限公司' }],
    });
    const b = await k.admin.get(`/api/objects/gadget/${ids[1]}`);
    expect(b.body.data).toMatchObject({ title: '取力器', status: 'old' });
    // Search shadows were filled by the field's parse: pinyin finds it.
    const found = await k.admin.get('/api/objects/gadget?q=yeyabeng');
    expect(found.body.data.map((r: { id: number }) => r.id)).toEqual([ids[0]]);
    const history = await k.admin.get(`/api/objects/gadget/${ids[0]}/history`);
    expect(history.body.data).toHaveLength(1);
    expect(history.body.data[0]).toMatchObject({ version: 1, action: 'create' });
    const customers = await k.admin.get(`/api/objects/customer/${customer}`);
    expect(customers.body.data.code).toMatch(/^KH/);
  });
});
