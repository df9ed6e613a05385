import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../test/harness.ts';
import { loadRecords } from '../engine/records/bulk-load.ts';

let k: TestKehu;
beforeAll(async () => {
  k = await startKehu();
  await k.admin.post('/api/metadata/objects', {
    name: 'lcItem',
    label: { 'zh-CN': '计数' },
    fields: { title: { type: 'text', required: true } },
  });
  const inputs = Array.from({ length: 30 }, (_, i) => ({ title: i % 2 ? `甲${i}` : `乙${i}` }));
  await loadRecords(k.kehu.engine.systemContext(), 'lcItem', inputs);
});
afterAll(() => k?.close());

describe('INT-1 list counts that stay cheap on large tables', () => {
  test('INT-1 countUpTo counts at most that many and says when more match; count=true stays exact', async () => {
    const capped = await k.admin.post('/api/objects/lcItem/query', { limit: 1, countUpTo: 10 });
    expect(capped.body).toMatchObject({ total: 10, totalCapped: true });
    const under = await k.admin.get('/api/objects/lcItem?limit=1&countUpTo=30');
    expect(under.body.total).toBe(30);
    expect(under.body.totalCapped).toBeUndefined();
    const filtered = await k.admin.post('/api/objects/lcItem/query', {
      filter: { field: 'title', op: 'startsWith', value: '甲' },
      countUpTo: 100,
    });
    expect(filtered.body.total).toBe(15);
    const exact = await k.admin.get('/api/objects/lcItem?limit=1&count=true&countUpTo=5');
    expect(exact.body).toMatchObject({ total: 30 });
    expect(exact.body.totalCapped).toBeUndefined();
  });

  test('INT-1 a bad countUpTo is refused, never a 500', async () => {
    for (const v of ['0', '-1', 'x', '2000000', '1.5']) {
      const r = await k.admin.get(`/api/objects/lcItem?countUpTo=${v}`);
      expect(r.status, v).toBe(400);
      expect(r.body.error.code).toBe('BAD_REQUEST');
    }
  });
});
