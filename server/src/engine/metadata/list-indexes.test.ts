import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { loadRecords } from '../records/bulk-load.ts';

let k: TestKehu;
beforeAll(async () => {
  k = await startKehu();
});
afterAll(() => k?.close());

describe('CUS-3 declared list indexes', () => {
  test('CUS-3 the lists offices open every day get one index of live records for filter and order together', async () => {
    const r = await sql<{ indexdef: string }>`select indexdef from pg_indexes
      where tablename = 'obj_customer' and indexname like 'lx\\_%' order by indexname`.execute(k.kehu.engine.db);
    const defs = r.rows.map((x) => x.indexdef.replace(/^.* USING btree /, ''));
    expect(defs).toEqual(
      expect.arrayContaining([
        '(owner_id, updated_at DESC, id DESC) WHERE (deleted_at IS NULL)',
        '(region_province) WHERE (deleted_at IS NULL)',
        '(type, region_province, created_at DESC, id DESC) WHERE (deleted_at IS NULL)',
      ]),
    );
    expect(defs).toHaveLength(3);
  });

  test('CUS-3 RPT-2 grouped counts add up to their totals (one scan, windows over the groups)', async () => {
    const api = k.admin;
    const rows = [
      ['甲公司', 'dealer', '34'],
      ['乙公司', 'dealer', '34'],
      ['丙公司', 'direct', '37'],
      ['丁公司', 'direct', null],
    ] as const;
    await loadRecords(
      k.kehu.engine.systemContext(),
      'customer',
      rows.map(([name, type, province]) => ({ name, type, ...(province ? { region: { province } } : {}) })),
    );
    const g = await api.get('/api/objects/customer/group?by=region&measures=count:name');
    expect(g.status, JSON.stringify(g.body)).toBe(200);
    const sum = g.body.data.reduce((n: number, row: { count: number }) => n + row.count, 0);
    expect(g.body.totals.count).toBe(sum);
    expect(g.body.data.find((row: any) => row.key.region?.province === '34').count).toBe(2);
    const limited = await api.get('/api/objects/customer/group?by=region&limit=1');
    expect(limited.body.data).toHaveLength(1);
    expect(limited.body.totals.count).toBe(sum);
    const none = await api.get(
      `/api/objects/customer/group?by=type&measures=sum:creditLimit,avg:creditLimit&filter=${encodeURIComponent(JSON.stringify({ field: 'name', op: 'eq', value: '无此客户' }))}`,
    );
    expect(none.body).toEqual({ data: [], totals: { count: 0, 'sum:creditLimit': '0.00', 'avg:creditLimit': null } });
  });
});
