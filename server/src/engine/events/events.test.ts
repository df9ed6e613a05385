import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { createEngine } from '../../app/boot.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/pool.ts';
import type { RecordEvent } from './bus.ts';

let k: TestKehu;
beforeAll(async () => {
  k = await startKehu();
  await k.admin.post('/api/metadata/objects', {
    name: 'ticket',
    label: { 'zh-CN': '工单' },
    fields: { title: { type: 'text', required: true } },
  });
});
afterAll(() => k?.close());

describe('INT-3 events through the outbox', () => {
  test('INT-3 a committed change reaches every subscriber once, after commit', async () => {
    const seen: RecordEvent[] = [];
    k.kehu.engine.bus.subscribe('test', (e) => {
      if (e.object === 'ticket') seen.push(e);
    });
    const c = await k.admin.post('/api/objects/ticket', { title: '漏水' });
    await k.admin.patch(`/api/objects/ticket/${c.body.data.id}`, { title: '漏油' });
    await k.kehu.engine.bus.drain();
    expect(seen.map((e) => [e.recordId, e.action])).toEqual([
      [c.body.data.id, 'create'],
      [c.body.data.id, 'update'],
    ]);
    expect(seen[1].payload).toMatchObject({ version: 2, changed: ['title'] });
  });

  test('INT-3 a refused write publishes nothing', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from sys_outbox`.execute(k.kehu.engine.db);
    const r = await k.admin.post('/api/objects/ticket', {});
    expect(r.status).toBe(400);
    const after = await sql<{ n: number }>`select count(*)::int as n from sys_outbox`.execute(k.kehu.engine.db);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  test('INT-3 events committed while no process was dispatching are delivered by the next one', async () => {
    await k.kehu.engine.bus.stop(); // the "crash": commits happen, nobody publishes
    await k.kehu.engine.bus.drain();
    const c = await k.admin.post('/api/objects/ticket', { title: '断电前写入' });
    const pending = await sql<{ n: number }>`select count(*)::int as n from sys_outbox
      where published_at is null and record_id = ${c.body.data.id} and object = 'ticket'`.execute(k.kehu.engine.db);
    expect(pending.rows[0].n).toBe(1);
    // A second process on the same database picks it up.
    const other = openDatabase(k.dbUrl, 2);
    const engine = createEngine(other, loadConfig({ KEHU_DATA_DIR: k.dataDir }), []);
    const seen: RecordEvent[] = [];
    engine.bus.subscribe('other', (e) => {
      if (e.object === 'ticket') seen.push(e);
    });
    await engine.bus.drain();
    await other.close();
    expect(seen.map((e) => e.recordId)).toEqual([c.body.data.id]);
  });

  test('INT-3 a failing subscriber leaves the event pending for a retry', async () => {
    const other = openDatabase(k.dbUrl, 2);
    const engine = createEngine(other, loadConfig({ KEHU_DATA_DIR: k.dataDir }), []);
    let calls = 0;
    engine.bus.subscribe('flaky', () => {
      calls++;
      throw new Error('webhook down');
    });
    const c = await k.admin.post('/api/objects/ticket', { title: '重试' });
    await engine.bus.drain();
    const row = await sql<{
      attempts: number;
      published_at: Date | null;
      last_error: string;
    }>`select attempts, published_at, last_error
      from sys_outbox where object = 'ticket' and record_id = ${c.body.data.id}`.execute(other.db);
    await other.close();
    expect(calls).toBeGreaterThan(0);
    expect(row.rows[0]).toMatchObject({ attempts: 1, published_at: null });
    expect(row.rows[0].last_error).toContain('webhook down');
  });
});
