import { type RawBuilder, sql } from 'kysely';
import { clientOf, copyIn, copyLine } from '../../db/copy.ts';
import type { Ctx } from '../context.ts';
import { isBuiltin } from '../metadata/registry.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { asText } from '../records/bulk-load.ts';
import type { StagedRows } from '../records/hooks.ts';
import type { Cell } from './spreadsheet-reader.ts';

/** A staged row's state: still to be written, being written by this pass, written, refused, or left for later. */
export const staged = { pending: 0, writing: 1, written: 2, refused: 3, later: 4 } as const;

/** One validated create, ready to be staged: its column values (before-hooks applied), links and cells. */
export interface StagedCreate {
  row: number;
  values: Record<string, unknown>;
  links: Array<{ field: FieldDef; value: unknown }>;
  cells: Cell[];
}

const table = sql.table('kehu_import_stage');
const state = sql.table('kehu_import_state');
/** A date cell keeps its type through JSON (as the stored row outcomes do). */
const cellJson = (c: unknown) => (c instanceof Date ? { $date: c.toISOString() } : c);

/**
 * The staging table of a set-based import (CUS-11): a temporary table of the import's transaction with one row per
 * validated create — the sheet row, its cells (for the error file, should a set-based check refuse it) and every
 * stored column of the object as text, cast to the column's type on insert. Rows arrive by COPY as the file is read
 * and are never changed; their state, number and record id are kept in a narrow table beside (`kehu_import_state`),
 * so that moving a row from state to state rewrites a few bytes, not the row. Links (many-to-many) wait in memory.
 */
export class ImportStage {
  /** Stored columns of the object → SQL type. */
  readonly types = new Map<string, string>();
  /** Columns that some staged row has a value for: the ones the INSERT writes. */
  readonly used = new Set<string>();
  readonly links = new Map<FieldDef, Array<{ row: number; ids: number[] }>>();
  size = 0;

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
    await sql`create temp table ${state} (kehu_row integer primary key, kehu_state smallint not null default 0,
      kehu_n integer, kehu_id bigint, kehu_codes text[]) on commit drop`.execute(tx.db);
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
    const client = await clientOf(tx.db);
    await copyIn(client, `copy kehu_import_stage (${names}) from stdin`, lines);
    await copyIn(
      client,
      'copy kehu_import_state (kehu_row) from stdin',
      rows.map((r) => `${r.row}\n`),
    );
    this.size += rows.length;
  }

  /** The rows of a state, as a set-based check reads them. */
  rows(which: number = staged.pending): StagedRows {
    return {
      object: this.obj,
      from: sql`(select x.* from ${table} as x join ${state} as r on r.kehu_row = x.kehu_row
        where r.kehu_state = ${which}) as s`,
      value: (field: string) => this.value(field),
      row: sql.ref('s.kehu_row'),
    };
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

  /** Move the given rows (all rows of state `from`, without `rows`) to state `to`. */
  async mark(tx: Ctx, to: number, rows: number[] | null, from: number = staged.pending): Promise<void> {
    if (rows?.length === 0) return;
    await sql`update ${state} set kehu_state = ${to} where kehu_state = ${from}
      ${rows ? sql`and kehu_row = any(${rows}::int[])` : sql``}`.execute(tx.db);
  }

  /** Number the pending rows in sheet order and give each its record id; they are being written now. */
  async number(tx: Ctx): Promise<number> {
    // Ids drawn in sheet order (the sequence is read row by row over the numbered, ordered rows).
    const r = await sql`update ${state} s set kehu_state = ${staged.writing}, kehu_n = o.n, kehu_id = o.id
      from (select x.kehu_row, x.n, nextval(pg_get_serial_sequence(${this.obj.table}, 'id')) as id
        from (select kehu_row, row_number() over (order by kehu_row) as n from ${state}
          where kehu_state = ${staged.pending} order by kehu_row) as x) as o
      where s.kehu_row = o.kehu_row`.execute(tx.db);
    return Number(r.numAffectedRows ?? 0);
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
