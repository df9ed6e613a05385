import { afterAll, beforeAll, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../test/harness.ts';
let k: TestKehu;
beforeAll(async () => {
  k = await startKehu();
  await k.admin.post('/api/metadata/objects', { name: 'zz', label: { 'zh-CN': 'x' }, fields: { title: { type: 'text' }, day: { type: 'date' }, at: { type: 'datetime' } } });
});
afterAll(() => k?.close());
test('probe', async () => {
  for (const f of [
    { field: 'title', op: 'eq', value: 'a\u0000b' },
    { field: 'title', op: 'contains', value: 'a\u0000b' },
    { field: 'day', op: 'eq', value: '0000-01-01' },
    { field: 'at', op: 'eq', value: '0000-01-01T00:00:00Z' },
    { field: 'title', op: 'eq', value: '\ud800' },
  ]) {
    const r = await k.admin.post('/api/objects/zz/query', { filter: f });
    console.log(JSON.stringify(f), r.status, JSON.stringify(r.body).slice(0, 200));
    const g = await k.admin.list('zz', { filter: f });
    console.log('GET', g.status, JSON.stringify(g.body).slice(0, 200));
  }
  const q = await k.admin.get('/api/objects/zz?q=%00');
  console.log('q', q.status, JSON.stringify(q.body).slice(0, 200));
  const c = await k.admin.post('/api/objects/zz', { title: 'a\u0000b', day: '0000-01-01' });
  console.log('create', c.status, JSON.stringify(c.body).slice(0, 200));
});
