import type { Filter } from '@kehu/common';
import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import { records } from '../../engine/query/builder.ts';
import { readWhere } from '../../engine/query/list.ts';
import { all, type SalesParams, salesFilter } from './filters.ts';
import { ensureFurthest } from './furthest.ts';
import { idOf, meta } from './meta.ts';
import { sum } from './money.ts';
import type { Range } from './period.ts';
import { defaultProcess, processName, stagesOf } from './stages.ts';

/** Opportunities in scope by current stage position (1-based), status and furthest stage order reached. */
interface Cell {
  pos: number | null;
  status: string;
  furthest: number | null;
  n: number;
  amount: string;
  weighted: string;
}

/** Per stage position: days spent there (sum) and the number of stays measured. */
interface Stay {
  pos: number;
  days: number | null;
  n: number;
}

const round4 = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);

/**
 * The funnel of one sales process (SAL-2): open opportunities per stage (count, amount, weighted amount), how many
 * ever reached each stage (the opportunity's `furthestStageOrder`, kept by its before-hook; won ones reached them
 * all), the conversion from each stage to the next (the last one to won), average days spent in each stage (from
 * the stage-change history), and won/lost/abandoned. `period` limits to expected close dates in it. Everything is
 * read inside the caller's scope (the access predicate).
 */
export async function funnel(ctx: Ctx, q: { process?: number; period?: Range; params: SalesParams }) {
  const processId = q.process ?? (await defaultProcess(ctx));
  if (processId === undefined) return { process: null, stages: [], filter: null };
  await ensureFurthest(ctx);
  const stages = await stagesOf(ctx, processId);
  const base = all(
    await salesFilter(ctx, q.params),
    { field: 'process', op: 'eq', value: processId },
    q.period ? { field: 'expectedCloseDate', op: 'between', value: [q.period.from, q.period.to] } : undefined,
  )!;
  const o = meta(ctx, 'opportunity');
  const ch = meta(ctx, 'opportunityStageChange');
  const ids = stages.map((s) => s.id);
  const opportunities = records(ctx, 'opportunity');
  // Amounts only where the caller sees them (a role may hide them); counts always.
  const money = (field: string) => (opportunities.canQuery(field) ? { [field]: `sum:${field}` } : {});
  const cells = await opportunities.aggregate({
    filter: base,
    by: ['stage', 'status', 'furthestStageOrder'],
    measures: { n: 'count', ...money('amount'), ...money('weightedAmount') },
  });
  const cellRows: Cell[] = cells.rows.map(({ key, values }) => {
    const at = ids.indexOf(idOf(key.stage) ?? -1);
    const pos = at < 0 ? null : at + 1;
    // A row without the field yet counts its current stage.
    const furthest = (key.furthestStageOrder as number | null) ?? (pos === null ? null : stages[pos - 1].sortOrder);
    return {
      pos,
      status: String(key.status),
      furthest,
      n: Number(values.n),
      amount: String(values.amount ?? '0'),
      weighted: String(values.weightedAmount ?? '0'),
    };
  });
  // Raw SQL, justified: the stage changes of the opportunities in scope. A change row follows its opportunity's
  // scope (the engine's scopes know owners and creators, not parents), so the opportunity predicate is joined in.
  const where = await readWhere(ctx, o.obj, { filter: base }, 'read', 'o');
  const pos = (e: RawBuilder<unknown>) => sql`array_position(${ids}::bigint[], ${e})`;
  const days = ch.ref('c', 'daysInFromStage');
  const stayRows = await sql<Stay>`select ${pos(ch.ref('c', 'fromStage'))} as pos, sum(${days})::float as days,
      count(${days})::int as n
    from ${ch.table} as c join ${o.table} as o on o.id = ${ch.ref('c', 'opportunity')}
    where c.deleted_at is null and ${ch.ref('c', 'fromStage')} = any(${ids}::bigint[]) and ${where}
    group by 1`.execute(ctx.db);
  const rows = cellRows;
  const stays = stayRows.rows;
  const sumOf = (pick: (c: Cell) => boolean) => {
    const list = rows.filter(pick);
    return {
      count: list.reduce((s, c) => s + c.n, 0),
      // Null where the caller may not see the field (rather than a misleading 0).
      amount: opportunities.canQuery('amount') ? sum(list.map((c) => c.amount)) : null,
      weighted: opportunities.canQuery('weightedAmount') ? sum(list.map((c) => c.weighted)) : null,
    };
  };
  const status = (s: string): Filter => ({ field: 'status', op: 'eq', value: s });
  const reachedCount = (i: number) =>
    rows
      .filter((c) => c.status === 'won' || (c.furthest !== null && c.furthest >= stages[i].sortOrder))
      .reduce((s, c) => s + c.n, 0);
  const avgDays = (position: number) => {
    const stay = stays.find((r) => r.pos === position);
    return stay?.n ? Math.round(((stay.days ?? 0) / stay.n) * 10) / 10 : null;
  };
  const won = sumOf((c) => c.status === 'won');
  const out = stages.map((s, i) => {
    const open = sumOf((c) => c.status === 'open' && c.pos === i + 1);
    const reached = reachedCount(i);
    const next = i + 1 < stages.length ? reachedCount(i + 1) : won.count;
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
