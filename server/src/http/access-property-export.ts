import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { ApiClient } from '../../test/api-client.ts';

/** An export as the caller receives it: status, the error (JSON) or every cell as text, data rows apart. */
export interface Sheet {
  status: number;
  error?: any;
  text: string;
  header: string[];
  rows: string[][];
}

/** Download an export and read it back (csv or xlsx): the header row and the watermark row are not data. */
export async function exportSheet(api: ApiClient, path: string, format: 'csv' | 'xlsx'): Promise<Sheet> {
  const res = await fetch(api.baseUrl + path, { headers: { cookie: api.cookie ?? '', 'accept-language': api.locale } });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) {
    const text = bytes.toString('utf8');
    let error: unknown = text;
    try {
      error = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, error, text, header: [], rows: [] };
  }
  let all: string[][];
  if (format === 'csv') {
    all = parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, ''), { relax_column_count: true });
  } else {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    all = [];
    wb.worksheets[0].eachRow((row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (c) => {
        cells.push(c.value === null || c.value === undefined ? '' : String((c.value as any)?.text ?? c.value));
      });
      all.push(cells);
    });
  }
  // The last row is the watermark: the caller's own name and the time (SEC-14), not data.
  const body = all.slice(0, -1);
  return { status: 200, text: body.map((r) => r.join('\t')).join('\n'), header: body[0] ?? [], rows: body.slice(1) };
}
