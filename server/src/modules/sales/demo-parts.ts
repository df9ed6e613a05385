import type { Ctx } from '../../engine/context.ts';
import { loadRecords } from '../../engine/records/bulk-load.ts';
import type { SimOpportunity } from './demo-pipeline.ts';

const iso = (t: number) => new Date(t).toISOString();

/** Lines, stage history, checklist tasks and competitors of the simulated opportunities (ids in the same order). */
export async function insertParts(ctx: Ctx, sims: SimOpportunity[], ids: number[]): Promise<void> {
  const common = (s: SimOpportunity, i: number, at: number) => ({
    opportunity: ids[i],
    owner: s.owner,
    createdAt: iso(at),
    createdBy: s.owner,
  });
  const created = (s: SimOpportunity) => s.changes[0].at;
  await loadRecords(
    ctx,
    'opportunityLine',
    sims.flatMap((s, i) =>
      s.lines.map((l) => ({
        ...common(s, i, created(s)),
        name: `${l.product.name} ${l.product.model}`,
        product: l.product.id,
        quantity: l.quantity,
        unitPrice: String(l.unitPrice),
      })),
    ),
  );
  await loadRecords(
    ctx,
    'opportunityStageChange',
    sims.flatMap((s, i) =>
      s.changes.map((c) => ({
        ...common(s, i, c.at),
        process: s.input.process,
        fromStage: c.from?.id,
        toStage: c.to.id,
        fromStatus: c.fromStatus ?? undefined,
        toStatus: c.toStatus,
        changedAt: iso(c.at),
        changedBy: s.owner,
        daysInFromStage: c.days === null ? undefined : c.days.toFixed(2),
        amount: s.input.amount,
        probability: c.probability,
      })),
    ),
  );
  await loadRecords(
    ctx,
    'opportunityTask',
    sims.flatMap((s, i) =>
      s.tasks.map((t) => ({
        ...common(s, i, created(s)),
        stage: t.stage,
        title: t.title,
        done: t.done,
        doneAt: t.doneAt === null ? undefined : iso(t.doneAt),
        doneBy: t.done ? s.owner : undefined,
      })),
    ),
  );
  await loadRecords(
    ctx,
    'opportunityCompetitor',
    sims.flatMap((s, i) =>
      s.competitors.map((c) => ({
        ...common(s, i, created(s)),
        name: c.customer.name,
        competitor: c.customer.id,
        price: String(c.price),
        threat: c.threat,
        status: c.status,
      })),
    ),
  );
}
