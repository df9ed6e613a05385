import type { Filter } from '@kehu/common';
import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import { readWhere } from '../../engine/query/list.ts';
import { all, type SalesParams, salesFilter } from './filters.ts';
import { meta } from './meta.ts';
import { sum } from './money.ts';
import type { Range } from './period.ts';
import { defaultProcess, processName, stagesOf } from './stages.ts';

interface Cell {
  /** `cell`: opportunities by current stage position (1-based), status and furthest position reached; `days`: per
   * stage position, days spent there (sum) and the number of stays measured. */
  kind: 'cell' | 'days';
  pos: number | null;
  status: string | null;
  reached: number | null;
  n: number;
  amount: string | null;
  weighted: string | null;
  days: number | null;
}

const round4 = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);

/**
 * The funnel of one sales process (SAL-2): open opportunities per stage (count, amount, weighted amount), how many
 * ever reached each stage according to the stage-change history (won ones reached them all), the conversion from
 * each stage to the next (the last one to won), average days spent in each stage, and won/lost/abandoned. `period`
 * limits to expected close dates in it. Everything is read inside the caller's scope (the access predicate).
 */
export async function funnel(ctx: Ctx, q: { process?: number; period?: Range; params: SalesParams }) {
  const processId = q.process ?? (await defaultProcess(ctx));
  if (processId === undefined) return { process: null, stages: [], filter: null };
  const stages = await stagesOf(ctx, processId);
  const base = all(
    await salesFilter(ctx, q.params),
    { field: 'process', op: 'eq', value: processId },
    q.period ? { field: 'expectedCloseDate', op: 'between', value: [q.period.from, q.period.to] } : undefined,
  )!;
  const o = meta(ctx, 'opportunity');
  const ch = meta(ctx, 'opportunityStageChange');
  const where = await readWhere(ctx, o.obj, { filter: base }, 'read', 'o');
  const ids = stages.map((s) => s.id);
  const pos = (e: RawBuilder<unknown>) => sql`array_position(${ids}::bigint[], ${e})`;
  const days = ch.ref('c', 'daysInFromStage');
  const from = pos(ch.ref('c', 'fromStage'));
  // One pass over the history of the opportunities in scope, grouped by the stage left: days spent there, and the
  // opportunities that left it for an earlier stage. The furthest stage an opportunity reached is its current one or
  // one it moved back from (moving forward always reaches further), so those few are all the history adds.
  const result = await sql<Cell>`with f as materialized (
      select o.id, ${o.ref('o', 'stage')} as stage, ${o.ref('o', 'status')} as status, ${o.ref('o', 'amount')} as amount,
        ${o.ref('o', 'weightedAmount')} as weighted from ${o.table} as o where ${where}
    ), stay as (
      select ${from} as pos, sum(${days})::float as days, count(${days})::int as n,
        array_agg(${ch.ref('c', 'opportunity')}) filter (where ${from} > ${pos(ch.ref('c', 'toStage'))}) as back
      from ${ch.table} as c join f on f.id = ${ch.ref('c', 'opportunity')} where c.deleted_at is null group by 1
    ), back as (
      select x.id, max(stay.pos) as reached from stay, unnest(stay.back) as x(id) group by 1
    )
    select 'cell' as kind, ${pos(sql`f.stage`)} as pos, f.status, greatest(${pos(sql`f.stage`)}, back.reached) as reached,
      count(*)::int as n, coalesce(sum(f.amount), 0)::text as amount, coalesce(sum(f.weighted), 0)::text as weighted,
      null::float as days
    from f left join back on back.id = f.id group by 2, 3, 4
    union all
    select 'days', stay.pos, null, null, stay.n, null, null, stay.days from stay where stay.pos is not null`.execute(
    ctx.db,
  );
  const rows = result.rows.filter((r) => r.kind === 'cell');
  const stays = result.rows.filter((r) => r.kind === 'days');
  const sumOf = (pick: (c: Cell) => boolean) => {
    const list = rows.filter(pick);
    return {
      count: list.reduce((s, c) => s + c.n, 0),
      amount: sum(list.map((c) => c.amount)),
      weighted: sum(list.map((c) => c.weighted)),
    };
  };
  const status = (s: string): Filter => ({ field: 'status', op: 'eq', value: s });
  const reachedCount = (position: number) =>
    rows.filter((c) => c.status === 'won' || (c.reached ?? 0) >= position).reduce((s, c) => s + c.n, 0);
  const avgDays = (position: number) => {
    const stay = stays.find((r) => r.pos === position);
    return stay?.n ? Math.round(((stay.days ?? 0) / stay.n) * 10) / 10 : null;
  };
  const won = sumOf((c) => c.status === 'won');
  const out = stages.map((s, i) => {
    const open = sumOf((c) => c.status === 'open' && c.pos === i + 1);
    const reached = reachedCount(i + 1);
    const next = i + 1 < stages.length ? reachedCount(i + 2) : won.count;
    return {
      stage: { id: s.id, label: s.name },
      sortOrder: s.sortOrder,
      probability: s.probability,
      count: open.count,
      amount: open.amount,
      weightedAmount: open.weighted,
      reached,
      conversion: round4(next, reached),
      avgDays: avgDays(i + 1),
      filter: all(base, status('open'), { field: 'stage', op: 'eq', value: s.id }),
    };
  });
  const closed = (s: string) => {
    const x = sumOf((c) => c.status === s);
    return { count: x.count, amount: x.amount, filter: all(base, status(s)) };
  };
  const open = sumOf((c) => c.status === 'open');
  const first = out[0]?.reached ?? 0;
  return {
    process: { id: processId, label: await processName(ctx, processId) },
    filter: base,
    stages: out,
    open: { count: open.count, amount: open.amount, weightedAmount: open.weighted, filter: all(base, status('open')) },
    won: closed('won'),
    lost: closed('lost'),
    abandoned: closed('abandoned'),
    winRate: round4(won.count, first),
  };
}
