import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import { reserveCodes } from '../../engine/fields/auto-number.field.ts';
import type { Engine } from '../../engine/kernel.ts';
import { bulkParts } from './bulk-seed-parts.ts';
import { contactsSql, customersSql, type Owners } from './bulk-seed-sql.ts';

export const bulkMarker = 'kehu bulk seed';

export interface BulkSeedOptions {
  customers: number;
  contactsPerCustomer?: number;
  log?: (line: string) => void;
}

const batch = 100_000;

async function owners(db: Db): Promise<Owners> {
  const r = await sql<{ id: string; name: string }>`select id, name from obj_user
    where deleted_at is null and active order by id`.execute(db);
  return { ids: r.rows.map((x) => Number(x.id)), names: r.rows.map((x) => x.name) };
}

/** Secondary indexes of the tables: dropped during a large load and built again at the end (much faster). */
async function secondaryIndexes(db: Db, tables: string[]): Promise<Array<{ name: string; def: string }>> {
  const r = await sql<{ name: string; def: string }>`select i.relname as name, pg_get_indexdef(x.indexrelid) as def
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
    where t.relname = any(${tables}::text[]) and t.relnamespace = current_schema()::regnamespace
      and not x.indisprimary`.execute(db);
  return r.rows;
}

/**
 * Generated customers for benchmarks (`npm run seed -- --customers 1000000`): bulk SQL, pinyin shadows from
 * pre-computed name parts, a version 1 history entry per record, owners spread over the existing users.
 * Each batch of 100,000 commits on its own; for large loads the tables' indexes are rebuilt at the end (while
 * that runs, searches are slow: a tool for benchmark databases, not for a busy installation).
 */
export async function seedCustomers(
  engine: Engine,
  opts: BulkSeedOptions,
): Promise<{ customers: number; contacts: number }> {
  const log = opts.log ?? (() => undefined);
  const perCustomer = opts.contactsPerCustomer ?? 1;
  const parts = bulkParts();
  const obj = engine.registry.get('customer');
  const code = obj.fields.get('code')!;
  return engine.db.connection().execute(async (db) => {
    const people = await owners(db);
    if (people.ids.length === 0) throw new Error('no users to own the customers: start Kehu once first');
    await sql`set maintenance_work_mem = '1GB'`.execute(db);
    await sql`set synchronous_commit = off`.execute(db);
    const large = opts.customers >= 50_000;
    const indexes = large ? await secondaryIndexes(db, ['obj_customer', 'obj_contact']) : [];
    for (const ix of indexes) await sql`drop index if exists ${sql.ref(ix.name)}`.execute(db);
    const start = await sql<{ n: number }>`select coalesce(max(id), 0)::int as n from obj_customer`.execute(db);
    // Row numbers continue after existing data, so that credit codes and hashes stay unique across runs.
    const base = start.rows[0].n + 1;
    let contacts = 0;
    for (let from = base; from < base + opts.customers; from += batch) {
      const to = Math.min(from + batch - 1, base + opts.customers - 1);
      const t = Date.now();
      const { ids, contactCount } = await db.transaction().execute(async (tx) => {
        const codes = await reserveCodes(tx, obj.name, code, engine.timezone, to - from + 1);
        const before = await sql<{ n: number }>`select coalesce(max(id), 0)::int as n from obj_customer`.execute(tx);
        await customersSql(parts, people, codes, from, to, bulkMarker).execute(tx);
        const after = await sql<{ n: number }>`select coalesce(max(id), 0)::int as n from obj_customer`.execute(tx);
        let n = 0;
        if (perCustomer > 0) {
          const r = await contactsSql(parts, before.rows[0].n + 1, after.rows[0].n, perCustomer, bulkMarker).execute(
            tx,
          );
          n = Number(r.numAffectedRows ?? 0);
        }
        return { ids: to - from + 1, contactCount: n };
      });
      contacts += contactCount;
      log(
        `  ${(to - base + 1).toLocaleString('en')} customers (${ids.toLocaleString('en')} in ${((Date.now() - t) / 1000).toFixed(1)} s)`,
      );
    }
    if (indexes.length) log(`  building ${indexes.length} indexes …`);
    for (const ix of indexes) await sql.raw(ix.def).execute(db);
    await sql`analyze obj_customer`.execute(db);
    await sql`analyze obj_contact`.execute(db);
    return { customers: opts.customers, contacts };
  });
}
