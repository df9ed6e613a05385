import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { csvOf, download, importFile, upload } from '../../http/transfer-test-kit.ts';
import { creditCodeCheck } from './credit-code.ts';

let k: TestKehu;
const cc = (first17: string) => first17 + creditCodeCheck(first17);
const header = ['客户名称', '客户类型', '电话', '统一社会信用代码', '地域', '客户级别'];
const customers = (prefix: string, extra: Record<string, unknown> = {}) =>
  k.admin.list('customer', {
    filter: { and: [{ field: 'name', op: 'contains', value: prefix }, ...Object.values(extra)] },
    sort: 'name',
    limit: '500',
    count: 'true',
  });
const create = async (object: string, body: Record<string, unknown>) => {
  const r = await k.admin.post(`/api/objects/${object}`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data;
};
const customerImport = (rows: unknown[][], options: Record<string, unknown>) =>
  importFile(k.admin, csvOf([header, ...rows]), options, 'customers.csv', 'customer');

beforeAll(async () => {
  k = await startKehu();
});
afterAll(() => k?.close());

describe('CUS-11 customer import', () => {
  test('CUS-11 a file with bad phone, credit code and region: the dry run lists each bad row and field, nothing is written', async () => {
    const preview = await upload(k.admin, '/api/objects/customer/import/preview', csvOf([header]), 'h.csv');
    expect(preview.body.data.matchers).toEqual([{ name: 'creditCodeOrName', label: '统一社会信用代码或客户名称' }]);
    const rows = [
      ['坏行甲环卫有限公司', '直接客户', '0531-88886666', cc('91370100MA3C5XQ1X'), '山东省 济南市', 'A 类'],
      ['坏行乙物流有限公司', '直接客户', '12345', '', '山东省', ''],
      ['坏行丙消防有限公司', '直接客户', '', '913701001234567890', '', ''],
      ['坏行丁医疗有限公司', '直接客户', '', '', '火星省 不存在市', ''],
      ['坏行戊电力有限公司', '经销商', 'abc', '', '无此地', ''],
    ];
    const dry = await customerImport(rows, { dryRun: true });
    expect(dry).toMatchObject({ status: 'done', committed: false, total: 5, created: 1, failed: 4 });
    const problems = dry.errors.map((e: any) => [e.row, e.field, e.code]);
    expect(problems).toEqual([
      [3, 'phone', 'invalidPhone'],
      [4, 'creditCode', 'invalidCreditCode'],
      [5, 'region', 'invalidRegion'],
      [6, 'phone', 'invalidPhone'],
      [6, 'region', 'invalidRegion'],
      // A dealer needs a credit code: reported with the row's other errors, not after they are fixed.
      [6, 'creditCode', 'required'],
    ]);
    expect(dry.errors[1]).toMatchObject({
      column: '统一社会信用代码',
      message: expect.stringContaining('统一社会信用代码'),
    });
    expect((await customers('坏行')).body.total).toBe(0);
    // The real import of the same file (all or nothing) refuses it whole.
    const real = await customerImport(rows, { dryRun: false, mode: 'all' });
    expect(real).toMatchObject({ status: 'failed', committed: false, failed: 4 });
    expect((await customers('坏行')).body.total).toBe(0);
  });

  test('CUS-11 duplicates by credit code are skipped or updated, whatever the name and letter case', async () => {
    const code = cc('91370100MA3C5XQ2X');
    const old = await create('customer', { name: '信用码重复专用车有限公司', type: 'direct', creditCode: code });
    const rows = [
      ['信用码重复专用车（济南）公司', '直接客户', '', code.toLowerCase(), '', 'VIP'],
      ['信用码新客户有限公司', '直接客户', '', cc('91370100MA3C5XQ3X'), '', ''],
      ['信用码新客户有限公司', '直接客户', '', cc('91370100MA3C5XQ3X'), '', 'B 类'],
    ];
    const duplicates = { matchOn: 'creditCodeOrName', policy: 'skip' };
    const skip = await customerImport(rows, { dryRun: false, duplicates });
    // The third row repeats the second, which the same import has just created.
    expect(skip).toMatchObject({ status: 'done', created: 1, skipped: 2, failed: 0 });
    expect((await k.admin.get(`/api/objects/customer/${old.id}`)).body.data.level).toBe(null);

    const update = await customerImport(rows.slice(0, 1), {
      dryRun: false,
      duplicates: { ...duplicates, policy: 'update' },
    });
    expect(update).toMatchObject({ status: 'done', created: 0, updated: 1, failed: 0 });
    const after = (await k.admin.get(`/api/objects/customer/${old.id}`)).body.data;
    expect(after).toMatchObject({ level: 'VIP', name: '信用码重复专用车（济南）公司', creditCode: code });
    expect((await customers('信用码')).body.total).toBe(2);
  });

  test('CUS-11 duplicates by the whole normalised name: width, spaces and 有限责任公司 do not matter, place names and other credit codes do', async () => {
    const jinan = await create('customer', { name: '济南开源环卫车辆有限公司', type: 'direct' });
    const withCode = await create('customer', {
      name: '德州同名机械有限公司',
      type: 'direct',
      creditCode: cc('91371400MA3C5XQ4X'),
    });
    const rows = [
      ['济南 开源环卫车辆 有限责任公司', '直接客户', '', '', '', 'A 类'],
      // Another city, another company.
      ['青岛开源环卫车辆有限公司', '直接客户', '', '', '', 'B 类'],
      // The same name, but another legal entity: its own credit code.
      ['德州同名机械有限公司', '直接客户', '', cc('91370200MA3C5XQ5X'), '', ''],
    ];
    const duplicates = { matchOn: 'creditCodeOrName', policy: 'skip' };
    const skip = await customerImport(rows, { dryRun: false, duplicates });
    expect(skip).toMatchObject({ status: 'done', created: 2, skipped: 1, failed: 0 });
    expect((await customers('同名机械')).body.total).toBe(2);
    expect((await customers('开源环卫')).body.total).toBe(2);

    const update = await customerImport(rows.slice(0, 1), {
      dryRun: false,
      duplicates: { ...duplicates, policy: 'update' },
    });
    expect(update).toMatchObject({ updated: 1, created: 0 });
    expect((await k.admin.get(`/api/objects/customer/${jinan.id}`)).body.data.level).toBe('A');
    const matched = await k.admin.get(`/api/imports/${update.id}/matches`);
    expect(matched.body.data).toEqual([
      expect.objectContaining({ row: 2, outcome: 'updated', recordId: jinan.id, matchedByLabel: '客户名称' }),
    ]);
    // Two customers of that name (one imported above with its own credit code): an update cannot choose.
    const ambiguous = await customerImport([['德州同名机械有限公司', '直接客户', '', '', '', 'C 类']], {
      dryRun: true,
      duplicates: { ...duplicates, policy: 'update' },
    });
    expect(ambiguous.errors).toEqual([expect.objectContaining({ row: 2, field: 'name', code: 'ambiguous' })]);
    expect((await k.admin.get(`/api/objects/customer/${withCode.id}`)).body.data.level).toBe(null);
  });
});

describe('CUS-11 contact import', () => {
  test('CUS-11 contacts link to their customer by name or code and are matched by mobile or email', async () => {
    const a = await create('customer', { name: '联系人导入甲有限公司', type: 'direct' });
    const b = await create('customer', { name: '联系人导入乙有限公司', type: 'direct' });
    await create('customer', { name: '联系人导入重名有限公司', type: 'direct' });
    await create('customer', { name: '联系人导入重名有限公司', type: 'direct' });
    const known = await create('contact', { name: '老联系人', customer: a.id, mobile: '13900001111' });
    const head = ['姓名', '所属客户', '手机', '电子邮箱', '职务'];
    const rows = [
      ['张导入', '联系人导入甲有限公司', '13800002222', 'zhang@example.com', '采购经理'],
      ['李导入', b.code, '', 'li@example.com', ''],
      ['王导入', '没有这个客户', '', '', ''],
      ['赵导入', '联系人导入重名有限公司', '', '', ''],
      ['老联系人', '联系人导入甲有限公司', '139 0000 1111', '', '总经理'],
    ];
    const file = csvOf([head, ...rows]);
    const duplicates = { matchOn: 'mobileOrEmail', policy: 'update' };
    const job = await importFile(k.admin, file, { dryRun: false, mode: 'validRows', duplicates }, 'c.csv', 'contact');
    expect(job).toMatchObject({ status: 'done', created: 2, updated: 1, failed: 2 });
    expect(job.errors.map((e: any) => [e.row, e.field, e.code])).toEqual([
      [4, 'customer', 'notFound'],
      [5, 'customer', 'ambiguous'],
    ]);
    const list = await k.admin.list('contact', {
      filter: { field: 'name', op: 'contains', value: '导入' },
      sort: 'name',
    });
    expect(list.body.data.map((c: any) => [c.name, c.customer?.id])).toEqual([
      ['张导入', a.id],
      ['李导入', b.id],
    ]);
    expect((await k.admin.get(`/api/objects/contact/${known.id}`)).body.data.title).toBe('总经理');
    // The same file again, skipping what exists: matched by mobile and by email, case aside.
    const again = csvOf([
      head,
      ...rows.slice(0, 2).map((r) => [r[0], r[1], r[2], String(r[3]).replace('example.com', 'EXAMPLE.COM'), '']),
    ]);
    const skip = await importFile(
      k.admin,
      again,
      { dryRun: false, duplicates: { ...duplicates, policy: 'skip' } },
      'c.csv',
      'contact',
    );
    expect(skip).toMatchObject({ status: 'done', created: 0, skipped: 2, failed: 0 });
  });
});

describe('CUS-11 customer export round trip', () => {
  test('CUS-11 an export of customers imports back: unchanged by code, and recreated equal after deletion', async () => {
    const fields = {
      type: 'dealer',
      industry: 'sanitation',
      region: '山东省 济南市 历下区',
      level: 'A',
      phone: '0531-88887777',
      email: 'info@roundtrip.example.com',
      creditLimit: '120000.50',
      tags: ['重点', '回访'],
    };
    const made = [
      await create('customer', { name: '往返甲环卫有限公司', creditCode: cc('91370100MA3C5XQ6X'), ...fields }),
      await create('customer', { name: '往返乙环卫有限公司', creditCode: cc('91370100MA3C5XQ7X'), ...fields }),
    ];
    const filter = JSON.stringify({ field: 'name', op: 'contains', value: '往返' });
    for (const format of ['csv', 'xlsx']) {
      const file = await download(
        k.admin,
        `/api/objects/customer/export?format=${format}&filter=${encodeURIComponent(filter)}`,
      );
      expect(file.status).toBe(200);
      const same = await importFile(
        k.admin,
        file.bytes,
        { dryRun: false, duplicates: { matchOn: 'code', policy: 'update' } },
        `c.${format}`,
        'customer',
      );
      expect(same, JSON.stringify(same.errors)).toMatchObject({ status: 'done', created: 0, updated: 0, skipped: 2 });
    }
    const file = await download(
      k.admin,
      `/api/objects/customer/export?format=xlsx&filter=${encodeURIComponent(filter)}`,
    );
    for (const c of made) expect((await k.admin.delete(`/api/objects/customer/${c.id}`)).status).toBe(200);
    const preview = await upload(k.admin, '/api/objects/customer/import/preview', file.bytes, 'c.xlsx');
    const mapping = { ...preview.body.data.suggestedMapping, 客户编码: null };
    const back = await importFile(k.admin, file.bytes, { dryRun: false, mapping }, 'c.xlsx', 'customer');
    expect(back, JSON.stringify(back.errors)).toMatchObject({ status: 'done', created: 2, failed: 0 });
    const again = (await customers('往返')).body.data;
    const pick = (c: any) => ({
      name: c.name,
      creditCode: c.creditCode,
      type: c.type,
      industry: c.industry,
      region: c.region,
      level: c.level,
      phone: c.phone,
      email: c.email,
      creditLimit: c.creditLimit,
      tags: c.tags,
      owner: c.owner,
    });
    const byCode = (a: any, b: any) => a.creditCode.localeCompare(b.creditCode);
    expect(again.map(pick).sort(byCode)).toEqual(made.map(pick).sort(byCode));
  });
});
