import type pg from 'pg';
import type { Captured } from '../measure.ts';

/** Print PostgreSQL's plan of a captured statement, run for real (`explain analyze`). */
export async function printPlan(conn: pg.PoolClient, heading: string, stmt: Captured): Promise<void> {
  const plan = await conn.query(`explain (analyze, buffers) ${stmt.text}`, stmt.values);
  console.log(`\n${heading}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
}
