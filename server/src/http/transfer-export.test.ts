import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu, testPassword } from '../../test/harness.ts';
import { createProspect, download } from './transfer-test-kit.ts';

let k: TestKehu;

/** Exported CSV rows without the trailing watermark line (SEC-14), which every export must carry. */
function parse(text: string): string[][] {
  const rows: string[][] = parseCsv(text, { relax_column_count: true });
  expect(rows.at(-1)?.[0]).toMatch(/^# /);
  return rows.slice(0, -1);
}

beforeAll(async () => {
  k = await startKehu();
  await createProspect(k.admin);
});

afterAll(() => k?.close());

describe('CUS-11 export', () => {
  test('CUS-11 exported cells that a spreadsheet would run as formulas are escaped (csv and xlsx)', async () => {
    const nasty = ["=cmd|' /C calc'!A0", '+1', '-1', '@SUM(A1:A9)', '\t=1', '\r=1'];
    for (const name of nasty) {
      const c = await k.admin.post('/api/objects/prospect', { name, tag: 'formula', credit: '-5' });
      expect(c.status).toBe(201);
      // The API trims text, but data from elsewhere (SQL, other systems) may start with a tab or CR.
      if (/^[\t\r]/.test(name))
        await k.kehu.database.pool.query('update obj_prospect set name = $1 where id = $2', [name, c.body.data.id]);
    }
    const filter = encodeURIComponent(JSON.stringify({ field: 'tag', op: 'eq', value: 'formula' }));
    const csv = await download(
      k.admin,
      `/api/objects/prospect/export?format=csv&fields=name,credit,level&filter=${filter}`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="prospect.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(csv.headers.get('content-disposition')!.split("''")[1])).toMatch(
      /^潜在客户-\d{8}-\d{4}\.csv$/,
    );
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(csv.bytes.toString('utf8').slice(1));
    expect(rows[0]).toEqual(['客户名称', '信用额度', '级别']);
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(nasty.map((s) => `'${s}`).sort());
    expect(rows.slice(1).every((r) => r[1] === '-5.00')).toBe(true);
    const x = await download(k.admin, `/api/objects/prospect/export?format=xlsx&fields=name,credit&filter=${filter}`);
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const names: string[] = [];
    // The last row is the watermark (SEC-14): who exported, and when.
    expect(String(ws.getRow(ws.rowCount).getCell(1).value)).toMatch(/^导出人：/);
    ws.eachRow((row, n) => {
      if (n === 1 || n === ws.rowCount) return;
      names.push(String(row.getCell(1).value));
      expect(row.getCell(2).value).toBe(-5);
    });
    // XML turns a stored CR into LF when the workbook is read back; the apostrophe is what matters.
    expect(names.sort()).toEqual(nasty.map((s) => `'${s.replace('\r', '\n')}`).sort());
  });

  test("CUS-11 export uses labels in the caller's language for headers, options and relations", async () => {
    await k.admin.post('/api/objects/prospect', { name: '标签', level: 'key', active: true, tag: 'labels' });
    const filter = encodeURIComponent(JSON.stringify({ field: 'tag', op: 'eq', value: 'labels' }));
    const path = `/api/objects/prospect/export?fields=name,level,active,owner&filter=${filter}`;
    const zh: string[][] = parse((await download(k.admin, path)).bytes.toString('utf8').slice(1));
    expect(zh).toEqual([
      ['客户名称', '级别', '有效', '负责人'],
      ['标签', '重点', '是', '系统管理员'],
    ]);
    k.admin.locale = 'en-US';
    const en: string[][] = parse((await download(k.admin, path)).bytes.toString('utf8').slice(1));
    k.admin.locale = 'zh-CN';
    expect(en[0]).toEqual(['Name', 'Level', 'Active', 'Owner']);
    expect(en[1].slice(1, 3)).toEqual(['Key', 'Yes']);
  });

  test('CUS-11 export needs the export right, follows the export scope and never includes hidden fields', async () => {
    const seller = await k.user({
      username: 'seller',
      grants: { prospect: { read: 'all', create: 'own', export: 'own' } },
    });
    await seller.api.post('/api/objects/prospect', { name: '我的客户', tag: 'scope' });
    await k.admin.post('/api/objects/prospect', { name: '别人的客户', tag: 'scope' });
    const filter = encodeURIComponent(JSON.stringify({ field: 'tag', op: 'eq', value: 'scope' }));
    const mine: string[][] = parse(
      (await download(seller.api, `/api/objects/prospect/export?fields=name&filter=${filter}`)).bytes
        .toString('utf8')
        .slice(1),
    );
    expect(mine).toEqual([['客户名称'], ['我的客户']]);
    const reader = await k.user({ username: 'reader', grants: { prospect: { read: 'all' } } });
    const denied = await download(reader.api, '/api/objects/prospect/export');
    expect(denied.status).toBe(403);
    // A role that hides the credit limit: the column is neither exported by default nor on request.
    const role = await k.admin.post('/api/objects/role', {
      name: 'hides-credit',
      grants: { prospect: { read: 'all', export: 'all' } },
      fieldRights: { prospect: { credit: 'hidden' } },
    });
    const u = await k.admin.post('/api/objects/user', {
      username: 'nocredit',
      name: 'nocredit',
      password: testPassword,
      roles: [role.body.data.id],
    });
    expect(u.status).toBe(201);
    const hidden = await k.as('nocredit');
    const all: string[][] = parse(
      (await download(hidden, '/api/objects/prospect/export')).bytes.toString('utf8').slice(1),
    );
    expect(all[0]).not.toContain('信用额度');
    expect(all[0]).toContain('客户名称');
    const asked = await download(hidden, '/api/objects/prospect/export?fields=name,credit');
    expect(asked.status).toBe(400);
    expect(JSON.parse(asked.bytes.toString()).error.code).toBe('UNKNOWN_FIELD');
  });
});
