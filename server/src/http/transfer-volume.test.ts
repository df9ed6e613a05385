import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../test/harness.ts';
import { openDatabase } from '../db/pool.ts';
import { importFile, levels } from './transfer-test-kit.ts';

let k: TestKehu;

beforeAll(async () => {
  k = await startKehu();
});

afterAll(() => k?.close());

describe('CUS-11 volume', () => {
  test('CUS-11 a 100,000-row CSV imports completely, with a version per record', async () => {
    const r = await k.admin.post('/api/metadata/objects', {
      name: 'bulkCustomer',
      label: { 'zh-CN': '批量客户', 'en-US': 'Bulk customer' },
      fields: {
        name: { type: 'text', required: true, label: { 'zh-CN': '名称', 'en-US': 'Name' } },
        phone: { type: 'phone', label: { 'zh-CN': '电话', 'en-US': 'Phone' } },
        level: { type: 'picklist', options: levels, label: { 'zh-CN': '级别', 'en-US': 'Level' } },
        credit: { type: 'money', label: { 'zh-CN': '额度', 'en-US': 'Credit' } },
        city: { type: 'text', label: { 'zh-CN': '城市', 'en-US': 'City' } },
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const n = 100_000;
    const lines = ['名称,电话,级别,额度,城市'];
    for (let i = 0; i < n; i++)
      lines.push(`客户${i},1390${String(i).padStart(7, '0')},${i % 3 ? '普通' : '重点'},${i % 1000}.5,济南`);
    const job = await importFile(k.admin, lines.join('\n'), {}, 'bulk.csv', 'bulkCustomer');
    expect(job).toMatchObject({ status: 'done', total: n, processed: n, created: n, failed: 0 });
    const count = await k.admin.list('bulkCustomer', { count: 'true', limit: '1' });
    expect(count.body.total).toBe(n);
    const h = await k.kehu.database.pool.query(
      `select count(*)::int as n from sys_history where object = 'bulkCustomer'`,
    );
    expect(h.rows[0].n).toBe(n);
    const events = await k.kehu.database.pool.query(
      `select count(*)::int as n from sys_outbox where object = 'bulkCustomer'`,
    );
    expect(events.rows[0].n).toBe(1);
  }, 120_000);
});

describe('CUS-11 background jobs', () => {
  test('CUS-11 closing the app stops a running import; it rolls back and is marked as stopped', async () => {
    const other = await startKehu();
    const created = await other.admin.post('/api/metadata/objects', {
      name: 'stopItem',
      label: { 'zh-CN': '中止测试', 'en-US': 'Stop test' },
      fields: { name: { type: 'text', required: true, label: { 'zh-CN': '名称', 'en-US': 'Name' } } },
    });
    expect(created.status).toBe(201);
    const lines = ['名称'];
    for (let i = 0; i < 200_000; i++) lines.push(`条目${i}`);
    const fd = new FormData();
    fd.append('file', new Blob([lines.join('\n')]), 'big.csv');
    const res = await fetch(`${other.baseUrl}/api/objects/stopItem/import`, {
      method: 'POST',
      headers: { cookie: other.admin.cookie!, 'x-csrf-token': other.admin.csrf! },
      body: fd,
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()).data;
    await other.close(); // resolves only once the job has stopped
    const db = openDatabase(other.dbUrl, 1);
    try {
      const job = await db.pool.query('select status, message from sys_import where id = $1', [id]);
      expect(job.rows[0]).toEqual({ status: 'failed', message: 'cancelled' });
      const rows = await db.pool.query('select count(*)::int as n from obj_stop_item');
      expect(rows.rows[0].n).toBe(0);
    } finally {
      await db.close();
    }
  }, 60_000);
});
