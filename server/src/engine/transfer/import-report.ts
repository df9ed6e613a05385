import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { labelText, translate } from '@kehu/common';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { escapeFormula } from './formula-escape.ts';
import type { ImportOptions, RowError } from './import-options.ts';

/** One problem of a row in the caller's language: the problem, the field's label, and a sentence naming the column. */
export function describeError(ctx: Ctx, object: string, e: RowError) {
  const obj = ctx.registry.has(object) ? ctx.registry.get(object) : undefined;
  const f = e.field ? obj?.fields.get(e.field) : undefined;
  const fieldLabel = f ? labelText(f.label, ctx.locale, f.name) : undefined;
  const key = /^[a-z]/.test(e.code) ? `field.${e.code}` : `error.${e.code}`;
  const problem = translate(ctx.locale, key, {
    field: fieldLabel ?? '',
    detail: '',
    fields: fieldLabel ?? '',
    ...e.params,
  });
  const message = e.column
    ? translate(
        ctx.locale,
        fieldLabel && fieldLabel !== e.column ? 'import.problemInColumn' : 'import.problemInColumnOnly',
        {
          column: e.column,
          label: fieldLabel ?? '',
          problem,
        },
      )
    : fieldLabel
      ? translate(ctx.locale, 'import.problemInField', { label: fieldLabel, problem })
      : problem;
  return { ...e, fieldLabel: fieldLabel ?? null, problem, message };
}

/** What a match was made on, as users know it: the field's label, or the matcher's. */
function byLabel(ctx: Ctx, object: string, by: string | null): string | null {
  if (!by || !ctx.registry.has(object)) return by;
  const obj = ctx.registry.get(object);
  const f = obj.fields.get(by);
  if (f) return labelText(f.label, ctx.locale, f.name);
  const m = ctx.registry.importMatchers.get(object, by);
  return m ? labelText(m.label, ctx.locale, m.name) : by;
}

/** Skipped and updated rows of a job with the record each matched and why, a page at a time (row order). */
export async function importMatches(ctx: Ctx, object: string, id: number, offset: number, limit: number) {
  const r = await sql<Record<string, any>>`select row, outcome, record_id, record_label, matched_by, same_as_row,
      count(*) over () as total
    from sys_import_row where import_id = ${id} and outcome in ('skipped', 'updated')
    order by row offset ${offset} limit ${limit}`.execute(ctx.db);
  return {
    total: r.rows.length ? Number(r.rows[0].total) : 0,
    data: r.rows.map((x) => ({
      row: x.row as number,
      outcome: x.outcome as 'skipped' | 'updated',
      recordId: Number(x.record_id),
      recordLabel: (x.record_label as string | null) ?? null,
      matchedBy: x.matched_by as string,
      matchedByLabel: byLabel(ctx, object, x.matched_by),
      sameAsRow: (x.same_as_row as number | null) ?? null,
    })),
  };
}

const cellOf = (c: unknown) => {
  if (c && typeof c === 'object' && '$date' in c) return new Date(String((c as { $date: string }).$date));
  return typeof c === 'string' ? escapeFormula(c) : c;
};

/**
 * Every failed row of a job as an xlsx workbook (CUS-11): the sheet's own header and cells as they were read,
 * plus a column with all of the row's errors in the caller's language — to fix and import again.
 */
export function errorsWorkbook(ctx: Ctx, object: string, id: number, header: string[]): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(translate(ctx.locale, 'import.errorsSheet').slice(0, 31));
  (async () => {
    const title = ws.addRow([...header.map(escapeFormula), translate(ctx.locale, 'import.errorsColumn')]);
    title.font = { bold: true };
    title.commit();
    let after = 0;
    for (;;) {
      const r = await sql<{ row: number; cells: unknown[] | null; errors: RowError[] | null }>`select row, cells, errors
        from sys_import_row where import_id = ${id} and outcome = 'failed' and row > ${after}
        order by row limit 1000`.execute(ctx.db);
      for (const x of r.rows) {
        const cells = Array.from({ length: header.length }, (_, i) => cellOf(x.cells?.[i] ?? null));
        const text = (x.errors ?? []).map((e) => describeError(ctx, object, e).message).join('；');
        ws.addRow([...cells, text]).commit();
        while (out.writableNeedDrain) await once(out, 'drain');
      }
      if (r.rows.length < 1000) break;
      after = r.rows[r.rows.length - 1].row;
    }
    ws.commit();
    await wb.commit();
  })().catch((err) => out.destroy(err));
  return out;
}

/**
 * The caller's choices of a previous import of this object with (mostly) the same columns — column mapping,
 * value mapping and duplicate check — offered again for the same headers.
 */
export async function savedChoices(ctx: Ctx, object: string, header: string[]) {
  const r = await sql<{ options: ImportOptions; header: string[] | null }>`select options, header from sys_import
    where user_id = ${ctx.actor.userId} and object = ${object} and header is not null
    order by id desc limit 20`.execute(ctx.db);
  const mine = new Set(header.filter(Boolean));
  const overlap = (h: string[]) => h.filter((x) => mine.has(x)).length;
  const best = r.rows
    .filter((x) => x.options.mapping && overlap(x.header ?? []) * 2 >= mine.size)
    .sort((a, b) => overlap(b.header ?? []) - overlap(a.header ?? []))[0];
  if (!best) return null;
  const keep = <T>(o: Record<string, T> | undefined) =>
    Object.fromEntries(Object.entries(o ?? {}).filter(([h]) => mine.has(h)));
  return {
    mapping: keep(best.options.mapping),
    values: keep(best.options.values),
    duplicates: best.options.duplicates ?? null,
  };
}
