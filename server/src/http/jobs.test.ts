import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../test/harness.ts';

let k: TestKehu;

beforeAll(async () => {
  k = await startKehu();
});
afterAll(() => k?.close());

describe('OPS-2 failed jobs are visible to administrators', () => {
  test('OPS-2 GET /api/admin/jobs?state=failed lists a failed job with its error; others are refused', async () => {
    await k.kehu.engine.jobs.define(
      'test-always-fails',
      () => {
        throw new Error('SMTP 服务器拒绝连接');
      },
      { retryLimit: 0 },
    );
    const id = await k.kehu.engine.jobs.send('test-always-fails', { to: 'li@example.com' });
    await expect
      .poll(
        async () => (await k.admin.get('/api/admin/jobs?state=failed')).body.data.map((j: { id: string }) => j.id),
        {
          timeout: 20_000,
          interval: 200,
        },
      )
      .toContain(id);
    const r = await k.admin.get('/api/admin/jobs?state=failed&name=test-always-fails');
    expect(r.body.data[0]).toMatchObject({
      id,
      name: 'test-always-fails',
      state: 'failed',
      data: { to: 'li@example.com' },
    });
    expect(JSON.stringify(r.body.data[0].output)).toContain('SMTP 服务器拒绝连接');
    expect((await k.admin.get('/api/admin/jobs?state=broken')).status).toBe(400);
    expect((await k.admin.get('/api/admin/jobs?status=failed')).status).toBe(400);
    const user = await k.user({ username: 'li', grants: { '*': { read: 'all' } } });
    expect((await user.api.get('/api/admin/jobs?state=failed')).status).toBe(403);
  });
});
