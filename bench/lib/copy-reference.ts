import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { clientOf, copyIn, copyOut } from '../../server/src/db/copy.ts';
import type { Db } from '../../server/src/db/pool.ts';

/**
 * The yardstick of the import benchmarks: plain PostgreSQL COPY of the same rows into a table of the same shape.
 * The rows `table` holds now (what an import has just written; stored columns only, generated ones are computed by
 * the COPY as by any insert) are copied out to memory, then copied from the client (COPY … FROM STDIN, as an
 * application would) into a new table `LIKE` the record table with everything it has: defaults, generated columns,
 * constraints (foreign keys too) and every index. Returns rows per second of that COPY; the table is dropped afterwards.
 */
export async function copyRowsPerSecond(
  db: Db,
  table: string,
  /** COPY runs, each into a fresh table; the median is returned (the figure of a busy machine varies). */
  runs = 3,
): Promise<{ rows: number; perSecond: number; all: number[] }> {
  const cols = await sql<{ name: string }>`select attname as name from pg_attribute
    where attrelid = ${table}::regclass and attnum > 0 and not attisdropped and attgenerated = ''
    order by attnum`.execute(db);
  const list = cols.rows.map((c) => `"${c.name}"`).join(', ');
  return db.connection().execute(async (conn) => {
    const client = await clientOf(conn);
    const data = await copyOut(client, `copy (select ${list} from "${table}") to stdout`);
    const fks = await sql<{ def: string }>`select pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = ${table}::regclass and contype = 'f'`.execute(conn);
    try {
      const all: number[] = [];
      let rows = 0;
      for (let i = 0; i < runs; i++) {
        await sql`drop table if exists kehu_copy_reference`.execute(conn);
        await sql`create table kehu_copy_reference (like ${sql.table(table)} including all)`.execute(conn);
        // LIKE leaves foreign keys out; they are part of the table's shape (the owner of every row is checked).
        for (const fk of fks.rows) await sql`alter table kehu_copy_reference add ${sql.raw(fk.def)}`.execute(conn);
        await sql`checkpoint`.execute(conn);
        const t0 = performance.now();
        rows = await copyIn(client, `copy kehu_copy_reference (${list}) from stdin`, [data]);
        all.push(rows / ((performance.now() - t0) / 1000));
      }
      const sorted = [...all].sort((a, b) => a - b);
      return { rows, perSecond: sorted[Math.floor(sorted.length / 2)], all };
    } finally {
      await sql`drop table if exists kehu_copy_reference`.execute(conn);
    }
  });
}
