import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { csvOf, importFile } from '../../http/transfer-test-kit.ts';
import { creditCode, customer, salesGrants } from './ownership-test-kit.ts';

let k: TestKehu;
let li: Awaited<ReturnType<TestKehu['user']>>;
let wang: Awaited<ReturnType<TestKehu['user']>>;
/** Staged rows each set-based check was given (one call per round of a staged import). */
const checked: number[] = [];
const header = ['客户名称', '客户类型', '电话', '统一社会信用代码', '负责人'];

/** `n` distinct good rows of customers named `prefix…`, with valid credit codes (owner `owner`). */
function goodRows(prefix: string, n: number, code: string, owner = 'admin'): string[][] {
  return Array.from({ length: n }, (_, i) => [
    `${prefix}${String(i).padStart(5, '0')}专用车有限公司`,
    '直接客户',
    `139${String(i).padStart(8, '0')}`,
    creditCode(`91370100${code}${String(i).padStart(8, '0')}`),
    owner,
  ]);
}

const count = async (prefix: string) => {
  const r = await k.admin.list('customer', {
    filter: { field: 'name', op: 'contains', value: prefix },
    count: 'true',
    limit: '1',
  });
  return r.body.total as number;
};
const versions = async (prefix: string) => {
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from sys_history h join obj_customer c on c.id = h.record_id
    where h.object = 'customer' and c.name like ${`${prefix}%`}`.execute(k.kehu.engine.db);
  return r.rows[0].n;
};

beforeAll(async () => {
  k = await startKehu();
  li = await k.user({ username: 'li', grants: salesGrants });
  // A salesperson who may import: sees their own customers only (not li's), creates customers they own.
  wang = await k.user({
    username: 'wang',
    grants: { ...salesGrants, '*': { ...salesGrants['*'], import: 'own' } },
  });
  // A probe beside the module's own set-based check: proves the rows went through the staging table.
  k.kehu.engine.registry.hooks.on('customer', {
    staged: {
      async check(ctx, rows) {
        const r = await sql<{ n: number }>`select count(*)::int as n from ${rows.from}`.execute(ctx.db);
        checked.push(r.rows[0].n);
        return { refused: [] };
      },
    },
  });
}, 60_000);
afterAll(() => k?.close());

describe('CUS-11 set-based import through a staging table', () => {
  test('CUS-11 CUS-8 a 6,000-row file: duplicates in the file and in the database skipped, a colleague’s customer refused, a bad row reported, the rest written with a version each', async () => {
    const liCode = creditCode('91370100MA3Q7P001');
    await customer(li.api, '暂存李的客户专用车有限公司', { creditCode: liCode });
    const knownCode = creditCode('91370100MA3Q7P002');
    const known = await customer(wang.api, '暂存老客户有限公司', { creditCode: knownCode });
    // Wang imports without an owner column value: every new customer is wang's. Li's customer is not readable to
    // wang, so it is no duplicate to skip but a colleague's customer (CUS-8).
    const rows = [
      ...goodRows('暂存甲', 6000, 'A', ''),
      ['暂存老客户（新名）有限公司', '直接客户', '', knownCode, ''],
      ['暂存重复乙有限公司', '直接客户', '', '', ''],
      ['暂存重复乙有限公司', '经销商', '', '', ''],
      ['暂存李的客户专用车有限公司', '直接客户', '', '', ''],
      ['暂存坏电话有限公司', '直接客户', '12345', '', ''],
    ];
    checked.length = 0;
    const job = await importFile(wang.api, csvOf([header, ...rows]), { mode: 'validRows' }, 'big.csv', 'customer');
    expect(job).toMatchObject({ status: 'done', total: 6005, created: 6001, skipped: 2, failed: 2 });
    expect(checked[0]).toBe(6001 + 1); // every create staged at once, the colleague's customer among them
    const problems = job.errors.map((e: any) => [e.row, e.field ?? null, e.code]);
    expect(problems).toEqual([
      [6005, null, 'CUSTOMER_OWNED'],
      [6006, 'phone', 'invalidPhone'],
    ]);
    expect(job.errors[0].message).toContain('li');
    expect(job.errors[1]).toMatchObject({ column: '电话', message: expect.stringContaining('电话') });
    const matches = await wang.api.get(`/api/imports/${job.id}/matches`);
    expect(matches.body.data).toEqual([
      expect.objectContaining({ row: 6002, outcome: 'skipped', recordId: known, matchedBy: 'creditCode' }),
      expect.objectContaining({ row: 6004, outcome: 'skipped', matchedBy: 'name', sameAsRow: 6003 }),
    ]);
    expect(await count('暂存甲')).toBe(6000);
    expect(await versions('暂存甲')).toBe(6000);
    const [first] = (
      await k.admin.list('customer', { filter: { field: 'name', op: 'eq', value: '暂存甲00000专用车有限公司' } })
    ).body.data;
    expect(first).toMatchObject({ type: 'direct', phone: '+8613900000000', owner: { id: wang.id } });
    expect(first.code).toMatch(/^KH\d{4}\d{6}$/);
    const codes = await sql<{ n: number }>`select count(distinct code)::int as n from obj_customer
      where name like '暂存甲%'`.execute(k.kehu.engine.db);
    expect(codes.rows[0].n).toBe(6000);
    // The refused one is still li's alone.
    expect(await count('暂存李的客户')).toBe(1);
  }, 120_000);

  test('CUS-11 nothing is written when a staged all-or-nothing import has a bad row, nor by a dry run', async () => {
    const rows = [...goodRows('暂存丙', 5000, 'C'), ['暂存丙坏行', '直接客户', '', '913701001234567890', 'admin']];
    const file = csvOf([header, ...rows]);
    const dry = await importFile(k.admin, file, { dryRun: true, mode: 'validRows' }, 'c.csv', 'customer');
    expect(dry).toMatchObject({ status: 'done', committed: false, created: 5000, failed: 1 });
    const all = await importFile(k.admin, file, { mode: 'all' }, 'c.csv', 'customer');
    expect(all).toMatchObject({ status: 'failed', committed: false, failed: 1 });
    expect(all.errors).toEqual([
      expect.objectContaining({ row: 5002, field: 'creditCode', code: 'invalidCreditCode' }),
    ]);
    expect(await count('暂存丙')).toBe(0);
    expect(await versions('暂存丙')).toBe(0);
  }, 120_000);

  test('CUS-8 two rows of one company for two owners: the second waits for the first and is refused with its owner', async () => {
    const rows = [
      ['暂存同名丁物流有限公司', '直接客户', '', '', 'li'],
      ['暂存同名丁物流有限公司', '直接客户', '', '', 'admin'],
      ['暂存同名戊物流有限公司', '直接客户', '', '', 'admin'],
      ['暂存同名戊物流有限公司', '直接客户', '', '', 'admin'],
    ];
    checked.length = 0;
    const job = await importFile(
      k.admin,
      csvOf([header, ...rows]),
      { mode: 'validRows', duplicates: null },
      'd.csv',
      'customer',
    );
    // The owner's own duplicate passes (for a merge later); another owner's does not.
    expect(job).toMatchObject({ status: 'done', created: 3, failed: 1 });
    expect(job.errors).toEqual([expect.objectContaining({ row: 3, code: 'CUSTOMER_OWNED' })]);
    expect(job.errors[0].message).toContain('li');
    expect(checked).toEqual([4, 1]);
  }, 60_000);
});
