import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu } from '../../test/harness.ts';

/** SEC-14: large exports need an approved request; every export carries a watermark with who and when. */
let k: TestKehu;
let seller: ApiClient;
let approver: ApiClient;

beforeAll(async () => {
  k = await startKehu({ env: { KEHU_EXPORT_APPROVAL_ROWS: '5' } });
  await k.admin.post('/api/metadata/objects', {
    name: 'prospect',
    label: { 'zh-CN': '潜客' },
    fields: { name: { type: 'text' } },
  });
  seller = (
    await k.user({
      username: 'seller',
      grants: { prospect: { create: 'own', read: 'own', export: 'own' }, exportRequest: { read: 'own' } },
    })
  ).api;
  approver = (await k.user({ username: 'boss', grants: { exportRequest: { read: 'all', update: 'all' } } })).api;
  for (let i = 0; i < 8; i++) await seller.post('/api/objects/prospect', { name: `潜客${i}` });
});
afterAll(() => k?.close());

describe('SEC-14 export controls', () => {
  test("SEC-14 a small export works and carries the viewer's name and time as a watermark", async () => {
    const r = await seller.get(
      `/api/objects/prospect/export?format=csv&filter=${encodeURIComponent(JSON.stringify({ field: 'name', op: 'in', value: ['潜客1', '潜客2'] }))}`,
    );
    expect(r.status).toBe(200);
    const lines = String(r.body).trim().split('\r\n');
    expect(lines.at(-1)).toMatch(/^# 导出人：seller 时间：\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}/);
  });

  test('SEC-14 an export over the limit is refused until a request is approved by someone else, then downloads once', async () => {
    const big = await seller.get('/api/objects/prospect/export?format=csv');
    expect(big.status).toBe(403);
    expect(big.body.error).toMatchObject({ code: 'EXPORT_APPROVAL_REQUIRED' });
    expect(big.body.error.message).toContain('8');
    const noReason = await seller.post('/api/export-requests', { object: 'prospect', format: 'csv' });
    expect(noReason.body.error.fields).toEqual({ reason: 'required' });
    const req = await seller.post('/api/export-requests', {
      object: 'prospect',
      format: 'csv',
      reason: '年度客户回访',
    });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    expect(req.body.data).toMatchObject({ status: 'pending', rowCount: 8 });
    const id = req.body.data.id;
    expect((await seller.get(`/api/export-requests/${id}/download`)).status).toBe(403);
    expect((await seller.post(`/api/export-requests/${id}/approve`, {})).status).toBe(404);
    const ok = await approver.post(`/api/export-requests/${id}/approve`, { comment: '同意' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const dl = await seller.get(`/api/export-requests/${id}/download`);
    expect(dl.status).toBe(200);
    expect(
      String(dl.body)
        .split('\r\n')
        .filter((l) => l.startsWith('潜客')).length,
    ).toBe(8);
    expect((await seller.get(`/api/export-requests/${id}/download`)).status).toBe(403);
    const mine = await seller.list('exportRequest');
    expect(mine.body.data.map((x: { status: string }) => x.status)).toEqual(['used']);
  });
});

describe('SEC-13 rate limits on expensive endpoints', () => {
  test('SEC-13 exports past the per-minute limit answer 429', async () => {
    const limited = await startKehu({ env: { KEHU_EXPENSIVE_RATE_LIMIT: '3' } });
    try {
      await limited.admin.post('/api/metadata/objects', {
        name: 'thing',
        label: { 'zh-CN': '物' },
        fields: { name: { type: 'text' } },
      });
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.admin.get('/api/objects/thing/export?format=csv')).status);
      expect(codes.slice(0, 3)).toEqual([200, 200, 200]);
      expect(codes.slice(3)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });
});
