import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../test/harness.ts';
import { validationFailed } from '../engine/errors.ts';
import { csvOf, importFile } from './transfer-test-kit.ts';

let k: TestKehu;
const label = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

beforeAll(async () => {
  k = await startKehu();
  const seg = await k.admin.post('/api/metadata/objects', {
    name: 'segment',
    label: label('细分', 'Segment'),
    fields: { name: { type: 'text', required: true, label: label('名称', 'Name') } },
  });
  expect(seg.status, JSON.stringify(seg.body)).toBe(201);
  for (const name of ['环卫', '物流']) await k.admin.post('/api/objects/segment', { name });
  const r = await k.admin.post('/api/metadata/objects', {
    name: 'account',
    label: label('账户', 'Account'),
    fields: {
      name: { type: 'text', required: true, label: label('名称', 'Name') },
      taxNo: { type: 'text', unique: true, label: label('税号', 'Tax number') },
      code: { type: 'autoNumber', pattern: 'ZH{seq:6}', label: label('编号', 'Code') },
      segments: { type: 'manyToMany', object: 'segment', label: label('细分', 'Segments') },
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  // A rule that refuses a record only once it is written (an after-hook), as a module may have.
  k.kehu.engine.registry.hooks.on('account', {
    after(_ctx, e) {
      if (e.after?.name === '后置拒绝') throw validationFailed({ name: 'format' });
    },
  });
}, 60_000);
afterAll(() => k?.close());

const header = ['名称', '税号', '细分'];
const rows = (n: number) => Array.from({ length: n }, (_, i) => [`账户${i}`, `T${i}`, i % 2 ? '环卫' : '环卫,物流']);
const total = async () => (await k.admin.list('account', { count: 'true', limit: '1' })).body.total as number;

describe('CUS-11 staged writes of any object', () => {
  test('CUS-11 rows the table refuses (a unique value taken in the file or before) are found among 5,000 good ones and reported; links and codes are written', async () => {
    expect((await k.admin.post('/api/objects/account', { name: '已有', taxNo: 'TAKEN' })).status).toBe(201);
    const file = csvOf([header, ...rows(5000), ['重复税号', 'T17', '物流'], ['已占税号', 'TAKEN', '']]);
    const job = await importFile(k.admin, file, { mode: 'validRows' }, 'a.csv', 'account');
    expect(job).toMatchObject({ status: 'done', created: 5000, failed: 2 });
    expect(job.errors.map((e: any) => [e.row, e.field, e.code])).toEqual([
      [5002, 'taxNo', 'duplicate'],
      [5003, 'taxNo', 'duplicate'],
    ]);
    expect(job.errors[0].column).toBe('税号');
    expect(await total()).toBe(5001);
    const one = await k.admin.list('account', { filter: { field: 'name', op: 'eq', value: '账户0' } });
    expect(one.body.data[0].segments.map((s: any) => s.label).sort()).toEqual(['物流', '环卫'].sort());
    expect(one.body.data[0].code).toMatch(/^ZH\d{6}$/);
    const h = await k.admin.get(`/api/objects/account/${one.body.data[0].id}/history`);
    expect(h.body.data).toEqual([expect.objectContaining({ version: 1, action: 'create' })]);
    expect(h.body.data[0].changes.segments[1]).toHaveLength(2);
  }, 120_000);

  test('CUS-11 a row an after-hook refuses is left out of the staged write; the others are written once, with one version each', async () => {
    const before = await total();
    const file = csvOf([
      header,
      ...rows(5000).map(([n, t, s]) => [`后置${n}`, `H${t}`, s]),
      ['后置拒绝', 'HX', '物流'],
    ]);
    const job = await importFile(k.admin, file, { mode: 'validRows' }, 'h.csv', 'account');
    expect(job).toMatchObject({ status: 'done', created: 5000, failed: 1 });
    expect(job.errors).toEqual([expect.objectContaining({ row: 5002, field: 'name', code: 'format', column: '名称' })]);
    expect(await total()).toBe(before + 5000);
    const v = await k.kehu.database.pool.query(
      `select count(*)::int as n, count(distinct record_id)::int as d from sys_history
        where object = 'account' and snapshot->>'name' like '后置%'`,
    );
    expect(v.rows[0]).toEqual({ n: 5000, d: 5000 });
  }, 120_000);

  test('CUS-11 a refused row in an all-or-nothing staged import leaves nothing behind: no record, link or version', async () => {
    const before = await total();
    const file = csvOf([header, ...rows(5000).map(([n, t, s]) => [`全无${n}`, `Q${t}`, s]), ['全无坏', 'TAKEN', '']]);
    const job = await importFile(k.admin, file, { mode: 'all' }, 'b.csv', 'account');
    expect(job).toMatchObject({ status: 'failed', committed: false, failed: 1 });
    expect(await total()).toBe(before);
    const links = await k.kehu.database.pool.query(
      `select count(*)::int as n from sys_history where object = 'account' and snapshot->>'name' like '全无%'`,
    );
    expect(links.rows[0].n).toBe(0);
  }, 120_000);
});
