import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import { records } from '../../engine/query/builder.ts';
import { idOf, meta } from './meta.ts';
import { stagesOf } from './stages.ts';

/**
 * The furthest stage order an opportunity (alias `o`) reached in its current process, from its history: the
 * highest sortOrder among its current stage and the live stages of that process it moved from or to.
 */
function fromHistorySql(ctx: Pick<Ctx, 'registry'>): RawBuilder<number | null> {
  const o = meta(ctx, 'opportunity');
  const s = meta(ctx, 'salesStage');
  const c = meta(ctx, 'opportunityStageChange');
  return sql<number | null>`(select max(coalesce(${s.ref('s', 'sortOrder')}, 0)) from ${s.table} as s
    where s.deleted_at is null and ${s.ref('s', 'process')} = ${o.ref('o', 'process')}
      and (s.id = ${o.ref('o', 'stage')} or exists (select 1 from ${c.table} as c
        where ${c.ref('c', 'opportunity')} = o.id and c.deleted_at is null
          and s.id in (${c.ref('c', 'fromStage')}, ${c.ref('c', 'toStage')}))))`;
}

/**
 * The same rule for one stored opportunity (its stored process and stage), for rows written before the field
 * existed. Bookkeeping of a write: its history is read as the engine, whoever writes.
 */
export async function furthestFromHistory(
  ctx: Ctx,
  o: { id: number; process: number | null; stage: number | null },
): Promise<number | null> {
  if (o.process === null) return null;
  const changes = await records(ctx, 'opportunityStageChange', { internal: true }).all({
    filter: { field: 'opportunity', op: 'eq', value: o.id },
  });
  const seen = new Set([o.stage, ...changes.flatMap((c) => [idOf(c.fromStage), idOf(c.toStage)])]);
  const orders = (await stagesOf(ctx, o.process)).filter((s) => seen.has(s.id)).map((s) => s.sortOrder);
  return orders.length ? Math.max(...orders) : null;
}

/**
 * One-off backfill of `furthestStageOrder` for opportunities stored without it (databases seeded before the field,
 * demo data). Idempotent; cheap when nothing is null. Also used right after the demo inserts its opportunities.
 */
export async function backfillFurthest(ctx: Ctx): Promise<number> {
  const o = meta(ctx, 'opportunity');
  const col = sql.ref(o.c('furthestStageOrder'));
  // Raw SQL, justified: a set-based backfill of a derived column over every stored row (like the bulk seed, it
  // moves to the engine's bulk-load helper); it reads no records for anyone and returns only a row count.
  const r = await sql`update ${o.table} as o set ${col} = ${fromHistorySql(ctx)}
    where ${o.ref('o', 'furthestStageOrder')} is null and ${o.ref('o', 'stage')} is not null`.execute(ctx.db);
  return Number(r.numAffectedRows ?? 0);
}

// Once per engine (registry) and process start: the funnel reads the field, so old rows get it before the first read.
const done = new WeakSet<object>();

export async function ensureFurthest(ctx: Ctx): Promise<void> {
  if (done.has(ctx.registry)) return;
  await backfillFurthest(ctx);
  done.add(ctx.registry);
}
