import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { type Filter, labelText, type SortKey, translate } from '@kehu/common';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import { isBuiltin } from '../metadata/registry.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { type ListQuery, listRecords } from '../query/list.ts';
import { wallClock } from '../time-zone.ts';
import { type ExportEnv, exportCell, type OutCell } from './export-cells.ts';
import { escapeFormula } from './formula-escape.ts';
import type { SheetFormat } from './spreadsheet-reader.ts';

export interface ExportRequest {
  format: SheetFormat;
  filter?: Filter;
  sort?: SortKey[];
  q?: string;
  /** Field names in column order; by default every visible field the object declares. */
  fields?: string[];
}

export interface ExportFile {
  stream: Readable;
  /** A readable file name in the caller's language, e.g. 客户-20250101-0930.xlsx. */
  filename: string;
  contentType: string;
}

const notExported = new Set(['oneToMany', 'password']);
const pageSize = 500;

/** Columns to export: asked-for fields must exist and be readable by the caller; hidden ones are unknown. */
function exportColumns(ctx: Ctx, obj: ObjectDef, names?: string[]): FieldDef[] {
  const visible = (f: FieldDef) => !f.impl.secret && !notExported.has(f.type) && ctx.access.canReadField(obj, f);
  if (!names) return [...obj.fields.values()].filter((f) => !isBuiltin(f) && visible(f));
  if (names.length === 0 || names.length > 200) throw new KehuError('UNKNOWN_FIELD', { field: 'fields' });
  return names.map((n) => {
    const f = obj.fields.get(n);
    if (!f || !visible(f)) throw new KehuError('UNKNOWN_FIELD', { field: n.slice(0, 60) });
    return f;
  });
}

/** Pages of records through the export scope (readWhere with `export`), the first one already fetched. */
async function* pages(ctx: Ctx, obj: ObjectDef, q: ListQuery, first: Awaited<ReturnType<typeof listRecords>>) {
  let page = first;
  for (;;) {
    yield page.data;
    if (!page.nextCursor) return;
    page = await listRecords(ctx, obj, { ...q, cursor: page.nextCursor }, 'export');
  }
}

function stamp(tz: string): string {
  const p = wallClock(new Date(), tz);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}${two(p.month)}${two(p.day)}-${two(p.hour)}${two(p.minute)}`;
}

/** "Exported by 张三 at 2026-11-22 14:30": every export carries who took it and when (SEC-14). */
function watermarkText(ctx: Ctx): string {
  const time = new Intl.DateTimeFormat('zh-CN', {
    timeZone: ctx.timezone,
    dateStyle: 'short',
    timeStyle: 'short',
    hourCycle: 'h23',
  }).format(new Date());
  return translate(ctx.locale, 'export.watermark', { name: ctx.actor.name, time });
}

function csvStream(rows: AsyncGenerator<OutCell[][]>, header: string[], watermark: string): Readable {
  // A lone CR or LF inside a cell must be quoted too, or it would end the row in some readers.
  const line = (cells: OutCell[][]) => stringify(cells, { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
  return Readable.from(
    (async function* () {
      yield `\uFEFF${line([header])}`; // the BOM makes Excel read UTF-8 (Chinese) correctly
      for await (const page of rows) yield line(page);
      yield line([[`# ${watermark}`]]);
    })(),
  );
}

function xlsxStream(
  rows: AsyncGenerator<OutCell[][]>,
  header: string[],
  fields: FieldDef[],
  sheet: string,
  watermark: string,
): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = watermark;
  const ws = wb.addWorksheet(sheet.slice(0, 31), {
    headerFooter: {
      oddHeader: `&L${watermark.replace(/&/g, '&&')}`,
      oddFooter: `&L${watermark.replace(/&/g, '&&')}&R&P / &N`,
    },
  });
  ws.columns = fields.map((f) => ({
    width: 18,
    style:
      f.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : f.type === 'datetime' ? { numFmt: 'yyyy-mm-dd hh:mm:ss' } : {},
  }));
  (async () => {
    ws.addRow(header).commit();
    for await (const page of rows) {
      for (const r of page) ws.addRow(r).commit();
      while (out.writableNeedDrain) await once(out, 'drain'); // a slow client must not make the zip buffer grow
    }
    const mark = ws.addRow([watermark]);
    mark.font = { italic: true, color: { argb: 'FF999999' } };
    mark.commit();
    ws.commit();
    await wb.commit();
  })().catch((err) => out.destroy(err));
  return out;
}

/**
 * Stream a filtered list as CSV or xlsx (CUS-11): only with the `export` right, only records inside the export
 * scope, never hidden fields; headers and option values in the caller's language; formula-looking text escaped.
 * Problems with the request (fields, filter, sort) are raised before the first byte is sent.
 */
export async function exportRecords(ctx: Ctx, obj: ObjectDef, req: ExportRequest): Promise<ExportFile> {
  if (ctx.access.scope(obj.name, 'export') === 'none') throw new KehuError('FORBIDDEN');
  const fields = exportColumns(ctx, obj, req.fields);
  const q: ListQuery = { filter: req.filter, sort: req.sort, q: req.q, limit: pageSize };
  const first = await listRecords(ctx, obj, q, 'export');
  const env: ExportEnv = { locale: ctx.locale, timezone: ctx.timezone, format: req.format };
  const header = fields.map((f) => escapeFormula(labelText(f.label, ctx.locale, f.name)));
  async function* cells() {
    for await (const page of pages(ctx, obj, q, first))
      yield page.map((r) => fields.map((f) => exportCell(f, r[f.name], env)));
  }
  const title = labelText(obj.pluralLabel ?? obj.label, ctx.locale, obj.name).replace(/[\\/:*?"<>|\r\n]/g, '_');
  const filename = `${title}-${stamp(ctx.timezone)}.${req.format}`;
  const mark = watermarkText(ctx);
  if (req.format === 'csv')
    return { stream: csvStream(cells(), header, mark), filename, contentType: 'text/csv; charset=utf-8' };
  return {
    stream: xlsxStream(cells(), header, fields, translate(ctx.locale, 'export.sheet'), mark),
    filename,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}
