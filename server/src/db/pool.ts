import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { trackClients } from './copy.ts';

/** Type parsers: bigint ids as numbers when safe, numeric/money exact as strings, dates as 'YYYY-MM-DD'. */
const parsers: Record<number, (v: string) => unknown> = {
  20: (v) => {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : v;
  },
  1082: (v) => v,
  1700: (v) => v,
};

const types = {
  getTypeParser(oid: number, format?: any) {
    return parsers[oid] ?? pg.types.getTypeParser(oid, format);
  },
};

export type Db = Kysely<any>;

export interface Database {
  pool: pg.Pool;
  db: Db;
  url: string;
  close(): Promise<void>;
}

export function openDatabase(url: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max, types: types as any, application_name: 'kehu' });
  pool.on('error', () => undefined); // idle client errors (server restart) must not crash the process
  trackClients(pool); // COPY on a transaction's client (copy.ts)
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  return {
    pool,
    db,
    url,
    async close() {
      await db.destroy();
    },
  };
}

/** The same URL pointing at another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
