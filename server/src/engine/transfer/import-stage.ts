import { type RawBuilder, sql } from 'kysely';
import { clientOf, copyIn, copyLine } from '../../db/copy.ts';
import type { Ctx } from '../context.ts';
import { isBuiltin } from '../metadata/registry.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { asText } from '../records/bulk-load.ts';
import type { StagedRows } from '../records/hooks.ts';
import type { Cell } from './spreadsheet-reader.ts';

/** One validated create, ready to be staged: its column values (before-hooks applied), links and cells. */
export interface StagedCreate {
  row: number;
  values: Record<string, unknown>;
  links: Array<{ field: FieldDef; value: unknown }>;
  cells: Cell[];
}

const table = sql.table('kehu_import_stage');
const pendingTable = sql.table('kehu_import_pending');
const passTable = sql.table('kehu_import_pass');
/** A text[] literal (codes: letters, digits and punctuation of a pattern; quoted all the same). */
const arrayText = (list: Array<string | null>) =>
  `{${list.map((x) => (x === null ? 'NULL' : `"${x.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
/** A date cell keeps its type through JSON (as the stored row outcomes do). */
const cellJson = (c: unknown) => (c instanceof Date ? { $date: c.toISOString() } : c);

/**
 * The staging table of a set-based import (CUS-11): a temporary table of the import's transaction with one row per
 * validated create — the sheet row, its cells (for the error file, should a set-based check refuse it) and every
 * stored column of the object as text, cast to the column's type on insert. Rows arrive by COPY as the file is read
 * and are never changed: which rows are still to be written is known here (`pending`) and given to the database as
 * a narrow table of row numbers (`kehu_import_pending`), and the rows of one write pass with their record ids and
 * codes as another (`kehu_import_pass`) — temporary tables that are only ever filled by COPY and emptied, never
 * updated. Links (many-to-many) wait in memory.
 */
export class ImportStage {
  /** Stored columns of the object → SQL type. */
  readonly types = new Map<string, string>();
  /** Columns that some staged row has a value for: the ones the INSERT writes. */
  readonly used = new Set<string>();
  readonly links = new Map<FieldDef, Array<{ row: number; ids: number[] }>>();
  /** Sheet rows staged and neither written nor refused yet, in sheet order. */
  pending: number[] = [];

  private constructor(readonly obj: ObjectDef) {
    for (const f of obj.fields.values()) {
      if (isBuiltin(f)) continue;
      for (const c of f.impl.columns(f)) if (!c.generated) this.types.set(c.name, c.sql);
    }
  }

  static async open(tx: Ctx, obj: ObjectDef): Promise<ImportStage> {
    const stage = new ImportStage(obj);
    const cols = [...stage.types.keys()].map((c) => sql`${sql.ref(c)} text`);
    await sql`create temp table ${table} (kehu_row integer not null, kehu_cells text, ${sql.join(cols)})
      on commit drop`.execute(tx.db);
    await sql`create temp table ${pendingTable} (kehu_row integer not null) on commit drop`.execute(tx.db);
    await sql`create temp table ${passTable} (kehu_row integer not null, kehu_n integer not null,
      kehu_id bigint not null, kehu_codes text[]) on commit drop`.execute(tx.db);
    return stage;
  }

  /** Append validated creates (one COPY). */
  async append(tx: Ctx, rows: StagedCreate[]): Promise<void> {
    if (rows.length === 0) return;
    const cols = [...this.types.keys()];
    const lines = rows.map((r) => {
      for (const c of Object.keys(r.values)) if (this.types.has(c)) this.used.add(c);
      for (const l of r.links) {
        const list = this.links.get(l.field) ?? [];
        list.push({ row: r.row, ids: (l.value as unknown[]).map(Number) });
        this.links.set(l.field, list);
      }
      return copyLine([
        String(r.row),
        JSON.stringify(r.cells.map(cellJson)),
        ...cols.map((c) => asText(r.values[c], this.types.get(c)!)),
      ]);
    });
    const names = ['kehu_row', 'kehu_cells', ...cols].map((c) => `"${c}"`).join(', ');
    await copyIn(await clientOf(tx.db), `copy kehu_import_stage (${names}) from stdin`, lines);
    for (const r of rows) this.pending.push(r.row);
  }

  /** The pending rows, as a set-based check reads them (`offer` them first). */
  rows(): StagedRows {
    return {
      object: this.obj,
      from: sql`(select x.* from ${table} as x where x.kehu_row in (select kehu_row from ${pendingTable})) as s`,
      value: (field: string) => this.value(field),
      row: sql.ref('s.kehu_row'),
    };
  }

  /** Tell the database which rows are pending. */
  async offer(tx: Ctx): Promise<void> {
    await sql`truncate ${pendingTable}`.execute(tx.db);
    await copyIn(
      await clientOf(tx.db),
      'copy kehu_import_pending (kehu_row) from stdin',
      this.pending.map((r) => `${r}\n`),
    );
    await sql`analyze ${pendingTable}`.execute(tx.db);
  }

  /**
   * Number `rows` (sheet order) for one write pass: record ids drawn from the table's sequence, system-assigned
   * codes by number (one list per auto-number column), in the pass table.
   */
  async number(tx: Ctx, rows: number[], codes: string[][]): Promise<void> {
    await sql`truncate ${passTable}`.execute(tx.db);
    if (rows.length === 0) return;
    const ids = await sql<{ id: string }>`select nextval(pg_get_serial_sequence(${this.obj.table}, 'id'))::text as id
      from generate_series(1, ${rows.length})`.execute(tx.db);
    const lines = rows.map((r, i) => {
      const own = codes.map((list) => list[i] ?? null);
      return copyLine([String(r), String(i + 1), ids.rows[i].id, codes.length ? arrayText(own) : null]);
    });
    await copyIn(
      await clientOf(tx.db),
      'copy kehu_import_pass (kehu_row, kehu_n, kehu_id, kehu_codes) from stdin',
      lines,
    );
    await sql`analyze ${passTable}`.execute(tx.db);
  }

  /** Rows no longer pending (written or refused). */
  settle(rows: Iterable<number>): void {
    const done = new Set(rows);
    this.pending = this.pending.filter((r) => !done.has(r));
  }

  /** `s.<column>` cast to its type. */
  value(field: string): RawBuilder<unknown> {
    const f = this.obj.fields.get(field);
    if (!f?.column || !this.types.has(f.column)) throw new Error(`staged ${this.obj.name} has no column for ${field}`);
    return this.cast(f.column);
  }

  cast(column: string): RawBuilder<unknown> {
    return sql`${sql.ref(`s.${column}`)}::${sql.raw(this.types.get(column)!)}`;
  }

  /** The cells of staged rows (refused by a set-based step). */
  async cells(tx: Ctx, rows: number[]): Promise<Map<number, Cell[]>> {
    const r = await sql<{ kehu_row: number; kehu_cells: string }>`select kehu_row, kehu_cells from ${table}
      where kehu_row = any(${rows}::int[])`.execute(tx.db);
    const out = new Map<number, Cell[]>();
    for (const x of r.rows) {
      const cells = (JSON.parse(x.kehu_cells) as unknown[]).map((c) =>
        c && typeof c === 'object' && '$date' in c ? new Date((c as { $date: string }).$date) : c,
      );
      out.set(Number(x.kehu_row), cells as Cell[]);
    }
    return out;
  }
}
