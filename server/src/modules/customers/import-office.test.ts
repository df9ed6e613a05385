import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { csvOf, download, gbk, importFile, upload } from '../../http/transfer-test-kit.ts';
import { creditCodeCheck } from './credit-code.ts';

// A spreadsheet as another office sends it: GBK-encoded CSV, its own words for options, its own column names.
let k: TestKehu;
const cc = (first17: string) => first17 + creditCodeCheck(first17);
const header = ['单位名称', '客户类型', '行业', '信用代码', '电子邮箱'];
const mapping = { 单位名称: 'name', 客户类型: 'type', 行业: 'industry', 信用代码: 'creditCode', 电子邮箱: 'email' };
let fuzhou: any;
let known: any;
let suggestedIndustry: string;

const create = async (body: Record<string, unknown>) => {
  const r = await k.admin.post('/api/objects/customer', body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data;
};
const named = async (name: string) =>
  (await k.admin.list('customer', { filter: { field: 'name', op: 'eq', value: name }, limit: '50' })).body.data;

const yantaiCode = cc('91370600MA3C5XY1X');
const officeRows = () => [
  ['烟台鸿运物流有限公司', '直客', '冷链', yantaiCode, 'info@hongyun-yt.example.com'],
  ['老客户改名后有限公司', '直接客户', '市政环卫', cc('91350100MA3C5XY2X'), ''],
  ['坏数据环卫有限公司', '直客', '环卫', '91370600XXXX', 'not-an-email'],
  ['烟台 鸿运物流 有限责任公司', '直客', '冷链', yantaiCode, ''],
];
const officeFile = () => gbk(csvOf([header, ...officeRows()]));

beforeAll(async () => {
  k = await startKehu();
  fuzhou = await create({ name: '福州鸿运物流有限公司', type: 'direct', industry: 'logistics' });
  known = await create({ name: '福州老客户有限公司', type: 'direct', creditCode: cc('91350100MA3C5XY2X') });
});
afterAll(() => k?.close());

describe('CUS-11 CUS-5 import of another office’s spreadsheet', () => {
  test('CUS-11 a GBK CSV is read as Chinese; values that are no option are listed with suggestions', async () => {
    const file = officeFile();
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(file)).toThrow();
    const preview = await upload(k.admin, '/api/objects/customer/import/preview', file, '客户.csv');
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.data.headers).toEqual(header);
    expect(preview.body.data.rows[0][0]).toBe('烟台鸿运物流有限公司');
    expect(preview.body.data.saved).toBe(null);
    const values = await upload(k.admin, '/api/objects/customer/import/values', file, '客户.csv', { mapping });
    expect(values.status, JSON.stringify(values.body)).toBe(200);
    const byHeader = Object.fromEntries(values.body.data.map((c: any) => [c.header, c]));
    expect(Object.keys(byHeader).sort()).toEqual(['客户类型', '行业']);
    expect(byHeader.客户类型).toMatchObject({
      fieldLabel: '客户类型',
      values: [{ text: '直客', count: 3, suggestion: 'direct' }],
    });
    expect(byHeader.客户类型.options).toContainEqual({ value: 'direct', label: '直接客户' });
    const industry = Object.fromEntries(byHeader.行业.values.map((v: any) => [v.text, v]));
    expect(Object.keys(industry).sort()).toEqual(['冷链', '市政环卫']);
    expect(['sanitation', 'municipal']).toContain(industry.市政环卫.suggestion);
    suggestedIndustry = industry.市政环卫.suggestion;
    // Nothing sounds or looks like 冷链: the user chooses.
    expect(industry.冷链.suggestion).toBe(null);
  });

  test('CUS-11 CUS-5 mapped values, place names, credit codes, duplicates in the file, every error of a row', async () => {
    const before = await create({ name: '试运行前编码有限公司', type: 'direct' });
    const values = { 客户类型: { 直客: 'direct' }, 行业: { 冷链: 'logistics', 市政环卫: suggestedIndustry } };
    const options = { mapping, values, mode: 'validRows' };
    // Without the value mapping, 直客 is refused as no option of 客户类型.
    const plain = await importFile(
      k.admin,
      officeFile(),
      { mapping, dryRun: true, mode: 'validRows' },
      'o.csv',
      'customer',
    );
    expect(plain.errors).toContainEqual(expect.objectContaining({ row: 2, column: '客户类型', code: 'invalidOption' }));

    const dry = await importFile(k.admin, officeFile(), { ...options, dryRun: true }, 'o.csv', 'customer');
    expect(dry).toMatchObject({ status: 'done', committed: false, created: 1, skipped: 2, failed: 1 });
    // A bad email does not hide a bad credit code: both, named by the column and the field's label.
    expect(dry.errors.map((e: any) => [e.row, e.column, e.fieldLabel, e.code])).toEqual([
      [4, '电子邮箱', '电子邮箱', 'invalidEmail'],
      [4, '信用代码', '统一社会信用代码', 'invalidCreditCode'],
    ]);
    expect(dry.errors[1].message).toBe(
      '“信用代码”列（统一社会信用代码）：统一社会信用代码无效（应为 18 位，校验位正确）',
    );
    // The dry run "created" one customer, and consumed no customer code doing so.
    const after = await create({ name: '试运行后编码有限公司', type: 'direct' });
    expect(Number(after.code.slice(-6))).toBe(Number(before.code.slice(-6)) + 1);

    const real = await importFile(k.admin, officeFile(), options, 'o.csv', 'customer');
    expect(real).toMatchObject({ status: 'done', committed: true, created: 1, skipped: 2, failed: 1 });
    const [yantai] = await named('烟台鸿运物流有限公司');
    // Another city's 鸿运物流 is another company: created, not skipped.
    expect(yantai).toMatchObject({ type: 'direct', industry: 'logistics', creditCode: yantaiCode });
    expect((await named('福州鸿运物流有限公司')).map((c: any) => c.id)).toEqual([fuzhou.id]);
    const matches = await k.admin.get(`/api/imports/${real.id}/matches`);
    expect(matches.body).toEqual({
      total: 2,
      data: [
        expect.objectContaining({
          row: 3,
          outcome: 'skipped',
          recordId: known.id,
          recordLabel: '福州老客户有限公司',
          matchedBy: 'creditCode',
          matchedByLabel: '统一社会信用代码',
          sameAsRow: null,
        }),
        // The same company twice in the file: the second row is the first one's duplicate.
        expect.objectContaining({
          row: 5,
          outcome: 'skipped',
          recordId: yantai.id,
          matchedBy: 'creditCode',
          sameAsRow: 2,
        }),
      ],
    });

    // The same file again, with no duplicate option at all: nothing new.
    const again = await importFile(k.admin, officeFile(), options, 'o.csv', 'customer');
    expect(again).toMatchObject({ status: 'done', created: 0, skipped: 3, failed: 1 });
    expect(again.duplicates).toEqual({ matchOn: 'creditCodeOrName', policy: 'skip' });
    expect(await named('烟台鸿运物流有限公司')).toHaveLength(1);
    // The column and value mapping come back for the next file with these columns.
    const preview = await upload(k.admin, '/api/objects/customer/import/preview', officeFile(), '客户.csv');
    expect(preview.body.data.saved).toMatchObject({ mapping, values, duplicates: { policy: 'skip' } });
  });

  test('CUS-11 all errors download as xlsx with the original columns, and the fixed file imports cleanly', async () => {
    const head = ['客户名称', '客户类型', '电子邮箱', '备注'];
    const rows = Array.from({ length: 1010 }, (_, i) => [`批量错误${i}有限公司`, '直接客户', `bad${i}@`, `=第${i}行`]);
    const job = await importFile(
      k.admin,
      csvOf([head, ...rows]),
      { dryRun: true, mode: 'validRows' },
      'e.csv',
      'customer',
    );
    expect(job).toMatchObject({ status: 'done', failed: 1010 });
    expect(job.errors).toHaveLength(1000);
    const file = await download(k.admin, `/api/imports/${job.id}/errors`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual([...head, '错误原因']);
    expect(ws.actualRowCount).toBe(1011);
    expect(values(2)).toEqual(['批量错误0有限公司', '直接客户', 'bad0@', "'=第0行", '“电子邮箱”列：电子邮箱无效']);
    expect(values(1011)[0]).toBe('批量错误1009有限公司');
    // Fixed in the downloaded file and imported again: every row, the error column left out by itself.
    for (let r = 2; r <= 1011; r++) ws.getCell(r, 3).value = `ok${r}@example.com`;
    const fixed = Buffer.from(await wb.xlsx.writeBuffer());
    const back = await importFile(k.admin, fixed, { mode: 'all' }, 'fixed.xlsx', 'customer');
    expect(back, JSON.stringify(back.errors.slice(0, 3))).toMatchObject({ status: 'done', created: 1010, failed: 0 });
    const one = (await named('批量错误7有限公司'))[0];
    expect(one).toMatchObject({ email: 'ok9@example.com', notes: '=第7行' });
  });

  test('CUS-11 a binary file named .csv is refused with a clear message, never a 500', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)),
    ]);
    const controls = Buffer.from(Array.from({ length: 3000 }, (_, i) => 0x41 + (i % 3 === 0 ? -0x40 + (i % 8) : 0)));
    for (const bytes of [png, controls]) {
      for (const path of ['/api/objects/customer/import/preview', '/api/objects/customer/import']) {
        const r = await upload(
          k.admin,
          path,
          bytes,
          '客户.csv',
          path.endsWith('preview') ? undefined : { dryRun: true },
        );
        expect(r.status, JSON.stringify(r.body)).toBe(400);
        expect(r.body.error.code).toBe('IMPORT_NOT_SPREADSHEET');
        expect(r.body.error.message).toContain('不是 Excel（.xlsx）或 CSV');
      }
    }
    // A zip that is no workbook (PK header) is refused the same way.
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 0x20)]);
    const r = await upload(k.admin, '/api/objects/customer/import/preview', zip, '客户.xlsx');
    expect([r.status, r.body.error.code]).toEqual([400, 'IMPORT_NOT_SPREADSHEET']);
    const empty = await upload(k.admin, '/api/objects/customer/import/preview', '\r\n\r\n', '客户.csv');
    expect([empty.status, empty.body.error.code]).toEqual([400, 'IMPORT_NO_HEADER']);
  });

  test('CUS-11 NUL characters in headers, cells or the mapping never reach the database as a 500', async () => {
    const withNul = csvOf([
      ['客户\u0000名称', '客户类型'],
      ['空字符有限公司', '直接客户'],
    ]);
    const refused = await upload(k.admin, '/api/objects/customer/import/preview', withNul, 'n.csv');
    expect([refused.status, refused.body.error.code]).toEqual([400, 'IMPORT_NOT_SPREADSHEET']);
    // Far into a large file, past what is sniffed: the NUL is dropped from the cell.
    const filler = Array.from({ length: 800 }, (_, i) => [`空字符填充${i}有限公司`, '直接客户', 'x'.repeat(80)]);
    const late = csvOf([['客户名称', '客户类型', '备注'], ...filler, ['空字\u0000符末行有限公司', '直接客户', '']]);
    const job = await importFile(k.admin, late, { dryRun: true, mode: 'validRows' }, 'late.csv', 'customer');
    expect(job).toMatchObject({ status: 'done', created: 801, failed: 0 });
    // A mapping key with a NUL (a client's own doing) is read without it.
    const csv = csvOf([
      ['客户名称', '客户类型'],
      ['映射空字符有限公司', '直接客户'],
    ]);
    const mapped = await upload(k.admin, '/api/objects/customer/import', csv, 'm.csv', {
      dryRun: true,
      mapping: { '客户\u0000名称': 'name', 客户类型: 'type' },
    });
    expect(mapped.status, JSON.stringify(mapped.body)).toBe(202);
    const unknown = await upload(k.admin, '/api/objects/customer/import', csv, 'm.csv', {
      dryRun: true,
      mapping: { '\u0000\u0001': 'name' },
    });
    expect(unknown.status, JSON.stringify(unknown.body)).toBe(400);
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
  });
});
