import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { seedTeamBench } from './bench-seed.ts';

let k: TestKehu;

beforeAll(async () => {
  k = await startKehu();
});
afterAll(() => k?.close());

describe('TEAM-5 benchmark data', () => {
  test('TEAM-5 the generator gives one salesperson customers and a year of activities, and can top them up', async () => {
    const engine = k.kehu.engine;
    const first = await seedTeamBench(engine, { activities: 1200, customers: 300, password: 'Correct-Horse-42' });
    expect(first).toMatchObject({ customers: 300, activities: 1200 });
    const again = await seedTeamBench(engine, { activities: 100, customers: 300 });
    expect(again).toMatchObject({ user: first.user, customers: 300 });

    const bench = await k.as('bench');
    const total = async (object: string) =>
      (await bench.list(object, { count: 'true', limit: '1' })).body.total as number;
    expect(await total('customer')).toBe(300);
    expect(await total('contact')).toBe(300);
    expect(await total('activity')).toBe(1300);
    const span = await sql<{ days: number; behind: number }>`select
        extract(day from max(time) - min(time))::int as days,
        (select count(*)::int from obj_customer c where c.owner_id = ${first.user} and c.last_contact_at <
          (select max(a.time) from obj_activity a where a.customer_id = c.id)) as behind
      from obj_activity`.execute(engine.db);
    expect(span.rows[0].days).toBeGreaterThan(300);
    expect(span.rows[0].behind).toBe(0);
    const today = await bench.get(
      `/api/calendar?from=${new Date(Date.now() - 7 * 86_400_000).toISOString()}&to=${new Date().toISOString()}`,
    );
    expect(today.body.data.length).toBeGreaterThan(0);
  });
});
