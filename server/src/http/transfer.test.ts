import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../test/harness.ts';
import { createProspect, csvOf, importFile, tagged, upload } from './transfer-test-kit.ts';

let k: TestKehu;

beforeAll(async () => {
  k = await startKehu();
  await createProspect(k.admin);
});

afterAll(() => k?.close());

const header = ['客户名称', '电话', '级别', '信用额度', '拜访次数', '有效', '首次合作', '行业', '批次'];

describe('CUS-11 import', () => {
  test('CUS-11 preview shows headers, the first rows and a mapping suggested from the labels', async () => {
    const rows = [header, ...Array.from({ length: 12 }, (_, i) => [`预览${i}`, '', '重点'])];
    const r = await upload(k.admin, '/api/objects/prospect/import/preview', csvOf(rows), 'p.csv');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data.headers).toEqual(header);
    expect(r.body.data.rows).toHaveLength(10);
    expect(r.body.data.rows[0].slice(0, 3)).toEqual(['预览0', '', '重点']);
    expect(r.body.data.suggestedMapping).toEqual({
      客户名称: 'name',
      电话: 'phone',
      级别: 'level',
      信用额度: 'credit',
      拜访次数: 'visits',
      有效: 'active',
      首次合作: 'since',
      行业: 'industry',
      批次: 'tag',
    });
    expect(r.body.data.matchable).toEqual(expect.arrayContaining(['id', 'name', 'code', 'phone']));
  });

  test('CUS-11 a dry run reports per-row, per-field errors and writes nothing', async () => {
    const csv = csvOf([
      header,
      ['试运行甲', '13812345678', '重点', '¥1,000', '3', '是', '2024/5/6', '专用车', 'dry'],
      ['', 'not a phone', '未知级别', 'abc', '-1', '也许', '2024-13-40', '没有这个行业', 'dry'],
      ['试运行丙', '', '', '', '', '', '', '重复行业', 'dry'],
    ]);
    const job = await importFile(k.admin, csv, { dryRun: true });
    expect(job).toMatchObject({
      status: 'done',
      dryRun: true,
      committed: false,
      total: 3,
      processed: 3,
      created: 1,
      failed: 2,
    });
    const byField = Object.fromEntries(job.errors.filter((e: any) => e.row === 3).map((e: any) => [e.field, e.code]));
    expect(byField).toEqual({
      name: 'required',
      phone: 'invalidPhone',
      level: 'invalidOption',
      credit: 'type',
      visits: 'tooSmall',
      active: 'type',
      since: 'invalidDate',
      industry: 'notFound',
    });
    expect(job.errors.find((e: any) => e.row === 3 && e.field === 'phone')).toMatchObject({
      column: '电话',
      fieldLabel: '电话',
      problem: '电话号码无效',
      message: '“电话”列：电话号码无效',
    });
    expect(job.errors.filter((e: any) => e.row === 4)).toEqual([
      expect.objectContaining({ field: 'industry', code: 'ambiguous' }),
    ]);
    expect((await tagged(k.admin, 'dry')).total).toBe(0);
  });

  test('CUS-11 one bad row makes an all-or-nothing import write nothing', async () => {
    const csv = csvOf([
      header,
      ['全有甲', '', '普通', '', '', '', '', '', 'all'],
      ['全有乙', '', '', '', 'x', '', '', '', 'all'],
    ]);
    const job = await importFile(k.admin, csv, { mode: 'all' });
    expect(job).toMatchObject({
      status: 'failed',
      committed: false,
      failed: 1,
      message: '部分行有错误，未导入任何数据',
    });
    expect(job.errors).toEqual([expect.objectContaining({ row: 3, field: 'visits', code: 'type' })]);
    expect((await tagged(k.admin, 'all')).total).toBe(0);
  });

  test('CUS-11 mode validRows imports the good rows, reports the bad ones, and keeps a version of each record', async () => {
    const csv = csvOf([
      header,
      ['有效甲', '138 1234 5678', 'Key', '1000.5', '2', 'yes', '2024年5月6日', '工程机械', 'valid'],
      ['有效乙', '', '', '', '', '', '', '', 'valid'],
      ['无效丙', '', '不存在', '', '', '', '', '', 'valid'],
    ]);
    const job = await importFile(k.admin, csv, { mode: 'validRows' });
    expect(job).toMatchObject({
      status: 'done',
      committed: true,
      created: 2,
      failed: 1,
      errors: [expect.objectContaining({ row: 4, field: 'level' })],
    });
    const list = await tagged(k.admin, 'valid');
    expect(list.total).toBe(2);
    const a = list.data.find((r) => r.name === '有效甲')!;
    expect(a).toMatchObject({
      phone: '+8613812345678',
      level: 'key',
      credit: '1000.50',
      visits: 2,
      active: true,
      since: '2024-05-06',
      version: 1,
    });
    expect(a.industry.label).toBe('工程机械');
    expect(a.code).toMatch(/^KH\d{6}$/);
    expect(a.owner.label).toBe('系统管理员');
    const h = await k.admin.get(`/api/objects/prospect/${a.id}/history`);
    expect(h.body.data).toHaveLength(1);
    expect(h.body.data[0]).toMatchObject({
      version: 1,
      action: 'create',
      actor: { label: '系统管理员' },
      ip: '127.0.0.1',
    });
    expect(h.body.data[0].changes.name).toEqual([null, '有效甲']);
  });

  test('CUS-11 xlsx import: dates, numbers and labels from a workbook', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('客户');
    ws.addRow(['Name', 'Level', 'Credit limit', 'Visits', 'Since', 'Batch', 'Owner']);
    ws.addRow(['表格甲', '普通', 2500.25, 7, new Date(Date.UTC(2023, 0, 31)), 'xlsx', 'admin']);
    ws.addRow([
      { richText: [{ text: '表格' }, { text: '乙' }] },
      'Key',
      { formula: '1+1', result: 2 },
      null,
      null,
      'xlsx',
      null,
    ]);
    const job = await importFile(k.admin, Buffer.from(await wb.xlsx.writeBuffer()), {}, 'data.xlsx');
    expect(job).toMatchObject({ status: 'done', created: 2, failed: 0 });
    const list = await tagged(k.admin, 'xlsx');
    expect(list.data.map((r) => [r.name, r.level, r.credit, r.visits, r.since])).toEqual([
      ['表格乙', 'key', '2.00', null, null],
      ['表格甲', 'normal', '2500.25', 7, '2023-01-31'],
    ]);
  });

  test('CUS-11 an unknown header or a read-only field in the mapping is refused before the job starts', async () => {
    const r = await upload(k.admin, '/api/objects/prospect/import', csvOf([['名称', '编号']]), 'x.csv', {
      mapping: { 名称: 'name', 编号: 'code', 没有: 'phone' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { 编号: 'readOnly', 没有: 'unknown' } });
    const o = await upload(k.admin, '/api/objects/prospect/import', csvOf([['名称']]), 'x.csv', { dryrun: true });
    expect(o.body.error.code).toBe('UNKNOWN_PARAMETER');
  });
});

describe('CUS-11 duplicate policy', () => {
  // Each test has its own phone numbers, so that matches never reach another test's records.
  const phones: Record<string, string> = { skip: '1390000', upd: '1390001', crt: '1390002', code: '1390003' };
  const seed = async (tag: string) => {
    const a = await k.admin.post('/api/objects/prospect', {
      name: `${tag}-已有`,
      phone: `${phones[tag]}0001`,
      visits: 1,
      tag,
    });
    expect(a.status).toBe(201);
    return a.body.data;
  };
  const file = (tag: string) =>
    csvOf([
      ['名称', '电话', '次数', '批次'],
      [`${tag}-新名字`, `${phones[tag].slice(0, 3)} ${phones[tag].slice(3)} 0001`, '9', tag],
      [`${tag}-新的`, `${phones[tag]}0002`, '1', tag],
      [`${tag}-新的再次`, `${phones[tag]}0002`, '2', tag],
    ]);
  const mapping = { 名称: 'name', 电话: 'phone', 次数: 'visits', 批次: 'tag' };

  test('CUS-11 skip leaves an existing record alone (matched on the normalised phone)', async () => {
    const before = await seed('skip');
    const job = await importFile(k.admin, file('skip'), { mapping, duplicates: { matchOn: 'phone', policy: 'skip' } });
    expect(job).toMatchObject({ status: 'done', created: 1, skipped: 2, updated: 0, failed: 0 });
    const list = await tagged(k.admin, 'skip');
    expect(list.data.map((r) => r.name).sort()).toEqual(['skip-已有', 'skip-新的'].sort());
    expect(list.data.find((r) => r.id === before.id)).toMatchObject({ visits: 1, version: 1 });
  });

  test('CUS-11 update changes the matched record and keeps a version of the change', async () => {
    const before = await seed('upd');
    const job = await importFile(k.admin, file('upd'), { mapping, duplicates: { matchOn: 'phone', policy: 'update' } });
    expect(job, JSON.stringify(job.errors)).toMatchObject({ status: 'done', created: 1, updated: 2, failed: 0 });
    const list = await tagged(k.admin, 'upd');
    expect(list.total).toBe(2);
    expect(list.data.find((r) => r.id === before.id)).toMatchObject({ name: 'upd-新名字', visits: 9, version: 2 });
    expect(list.data.find((r) => r.id !== before.id)).toMatchObject({ name: 'upd-新的再次', visits: 2, version: 2 });
    const h = await k.admin.get(`/api/objects/prospect/${before.id}/history`);
    expect(h.body.data[0]).toMatchObject({
      version: 2,
      action: 'update',
      changes: { name: ['upd-已有', 'upd-新名字'], visits: [1, 9] },
    });
  });

  test('CUS-11 create adds records even when the value exists', async () => {
    await seed('crt');
    const job = await importFile(k.admin, file('crt'), { mapping, duplicates: { matchOn: 'phone', policy: 'create' } });
    expect(job).toMatchObject({ status: 'done', created: 3, skipped: 0, updated: 0 });
    expect((await tagged(k.admin, 'crt')).total).toBe(4);
  });

  test('CUS-11 records can be matched on their system-assigned code', async () => {
    const before = await seed('code');
    const csv = csvOf([
      ['客户编号', '客户名称'],
      [before.code, 'code-改名'],
    ]);
    const job = await importFile(k.admin, csv, { duplicates: { matchOn: 'code', policy: 'update' } });
    expect(job).toMatchObject({ status: 'done', updated: 1, created: 0 });
    expect((await k.admin.get(`/api/objects/prospect/${before.id}`)).body.data).toMatchObject({
      name: 'code-改名',
      code: before.code,
    });
  });
});

describe('CUS-11 rights and jobs', () => {
  test('CUS-11 import needs the import right; a job is visible only to its owner and administrators', async () => {
    const noImport = await k.user({ username: 'noimport', grants: { prospect: { read: 'all', create: 'all' } } });
    const csv = csvOf([
      ['客户名称', '批次'],
      ['权限', 'rights'],
    ]);
    const r = await upload(noImport.api, '/api/objects/prospect/import', csv, 'a.csv', {});
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    const p = await upload(noImport.api, '/api/objects/prospect/import/preview', csv, 'a.csv');
    expect(p.status).toBe(403);
    const importer = await k.user({
      username: 'importer',
      grants: { prospect: { read: 'own', create: 'own', import: 'own' } },
    });
    const job = await importFile(importer.api, csv, {});
    expect(job).toMatchObject({ status: 'done', created: 1 });
    expect((await noImport.api.get(`/api/imports/${job.id}`)).status).toBe(404);
    expect((await k.admin.get(`/api/imports/${job.id}`)).status).toBe(200);
    const mine = await importer.api.list('prospect', { filter: { field: 'tag', op: 'eq', value: 'rights' } });
    expect(mine.body.data[0].owner.id).toBe(importer.id);
    // Assigning records to someone outside the import scope is refused per row.
    const adminId = (await k.admin.get('/api/auth/me')).body.data.user.id;
    const other = csvOf([
      ['客户名称', '负责人'],
      ['别人的', String(adminId)],
    ]);
    const refused = await importFile(importer.api, other, { mode: 'validRows' });
    expect(refused).toMatchObject({
      created: 0,
      failed: 1,
      errors: [expect.objectContaining({ field: 'owner', code: 'FORBIDDEN' })],
    });
  });
});
