import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../../test/api-client.ts';
import { startKehu, type TestKehu } from '../../../test/harness.ts';

/** SEC-14 / CUS-5: the duplicate check looks past masking on purpose (撞单), so it must be no phone oracle. */
let k: TestKehu;
let a: { id: number; api: ApiClient };
const own = { create: 'own', read: 'own', update: 'own', delete: 'own' } as const;

beforeAll(async () => {
  k = await startKehu({ env: { KEHU_EXPENSIVE_RATE_LIMIT: '3' } });
  a = await k.user({ username: 'masked_a', grants: { customer: own, contact: own, user: { read: 'all' } } });
  const roles = (await k.admin.get(`/api/objects/user/${a.id}`)).body.data.roles;
  await k.admin.patch(`/api/objects/role/${roles[0].id}`, { fieldRights: { customer: { phone: 'masked' } } });
  const c = await k.admin.post('/api/objects/customer', { name: '别人的客户有限公司', phone: '13812345678' });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
});
afterAll(() => k?.close());

const phoneHit = (body: { data: Array<{ reasons: string[] }> }) =>
  body.data.some((d) => d.reasons.includes('samePhone'));

describe('SEC-14 the duplicate check answers only on full exact values', () => {
  test('SEC-14 a masked form or a fragment of a phone finds nothing; the full number is answered, logged and rate limited', async () => {
    for (const phone of ['+86138****5678', '1381234', '+861381']) {
      const r = await a.api.post('/api/customers/duplicates', { phone });
      expect(r.status, phone).toBe(200);
      expect(phoneHit(r.body), phone).toBe(false);
    }
    const full = await a.api.post('/api/customers/duplicates', { phone: '13812345678' });
    expect(full.status).toBe(200);
    expect(phoneHit(full.body)).toBe(true);
    // The same values again (the form re-checks while typing) are not counted; new ones are, up to the limit.
    expect((await a.api.post('/api/customers/duplicates', { phone: '13812345678' })).status).toBe(200);
    const statuses: number[] = [];
    for (const phone of ['13812345670', '13812345671', '13812345672', '13812345673'])
      statuses.push((await a.api.post('/api/contacts/duplicates', { mobile: phone, phone })).status);
    expect(statuses).toContain(429);
    const log = await k.admin.list('operationLog', {
      filter: { field: 'detail', op: 'contains', value: 'duplicate check' },
      count: true,
    });
    expect(log.body.total).toBeGreaterThanOrEqual(2);
    expect(log.body.data.every((e: { actor: { id: number } }) => e.actor.id === a.id)).toBe(true);
  });
});
