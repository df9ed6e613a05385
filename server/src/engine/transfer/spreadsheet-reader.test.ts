import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { sniffFile } from './file-sniff.ts';
import { countRows, detectFormat, readHead, readSheet, sniffDelimiter } from './spreadsheet-reader.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-sheet-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: Buffer | string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

async function all(p: string) {
  const out: Array<[number, unknown[]]> = [];
  for await (const r of readSheet(p)) out.push([r.row, r.cells]);
  return out;
}

describe('CUS-11 reading spreadsheets', () => {
  test('CUS-11 CSV saved by Excel in China (GBK) is read as Chinese text', async () => {
    // "名称\r\n你好,1\r\n" in GBK
    const gbk = Buffer.from([0xc3, 0xfb, 0xb3, 0xc6, 0x0d, 0x0a, 0xc4, 0xe3, 0xba, 0xc3, 0x2c, 0x31, 0x0d, 0x0a]);
    const p = file('gbk.csv', gbk);
    expect(detectFormat(p)).toBe('csv');
    expect(await all(p)).toEqual([
      [1, ['名称']],
      [2, ['你好', '1']],
    ]);
  });

  test('CUS-11 UTF-8 with a BOM, semicolons, quoted line breaks and blank rows', async () => {
    const p = file('semi.csv', '\uFEFF名称;备注\n\n"甲";"第一行\n第二行"\n乙;\n;\n');
    expect(sniffDelimiter('a;b;"c,d"\n')).toBe(';');
    const head = await readHead(p, 10);
    expect(head.header).toEqual(['名称', '备注']);
    expect(head.rows.map((r) => r.cells)).toEqual([
      ['甲', '第一行\n第二行'],
      ['乙', ''],
    ]);
    expect(head.rows.map((r) => r.row)).toEqual([3, 4]);
    expect(await countRows(p, 'csv', head.headerRow)).toBe(2);
  });

  test('CUS-11 the content decides, not the name: binary and UTF-16 files are refused, NULs dropped from cells', async () => {
    const refused = (bytes: Buffer) => {
      try {
        sniffFile(file('x.csv', bytes));
        return 'accepted';
      } catch (err) {
        return (err as { code?: string }).code;
      }
    };
    expect(refused(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBe(
      'IMPORT_NOT_SPREADSHEET',
    );
    expect(refused(Buffer.from('\uFEFF名称', 'utf16le'))).toBe('IMPORT_NOT_SPREADSHEET');
    expect(refused(Buffer.from(Array.from({ length: 300 }, (_, i) => (i % 2 ? 0x01 : 0x41))))).toBe(
      'IMPORT_NOT_SPREADSHEET',
    );
    expect(refused(Buffer.from([0xff, 0xfe, 0xfd, 0x80, 0x80]))).toBe('IMPORT_NOT_SPREADSHEET');
    expect(sniffFile(file('ok.csv', '名称\r\n甲\r\n'))).toEqual({ format: 'csv', encoding: 'utf-8' });
    expect(sniffFile(file('zip.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2])))).toEqual({ format: 'xlsx' });
    const late = file('late.csv', `名称\n${'甲\n'.repeat(40_000)}乙\u0000丙\n`);
    const rows = await all(late);
    expect(rows[rows.length - 1]).toEqual([40_002, ['乙丙']]);
  });
});
