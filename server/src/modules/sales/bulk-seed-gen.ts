import type { Random } from '../demo/random.ts';

const day = 86_400_000;
const quantities = [1, 1, 1, 2, 2, 3, 5, 10];

export interface BulkStage {
  id: number;
  probability: number;
  /** The stage's sort order (what `furthestStageOrder` stores). */
  sort: number;
}

/** What the generator draws from: two processes (80 % / 20 % of the opportunities), customers, priced products. */
export interface BulkCatalogue {
  processes: [{ id: number; stages: BulkStage[] }, { id: number; stages: BulkStage[] }];
  customers: Array<{ id: number; owner: number }>;
  products: Array<{ id: number; price: string }>;
}

/** Record inputs of one batch; `opportunity` of lines and changes is the index of their opportunity in the batch. */
export interface BulkBatch {
  opportunities: Array<Record<string, unknown>>;
  lines: Array<Record<string, unknown> & { opportunity: number }>;
  changes: Array<Record<string, unknown> & { opportunity: number }>;
}

const iso = (t: number) => new Date(t).toISOString();
const money = (v: number) => v.toFixed(2);

/**
 * Opportunities `first … first + count - 1` (row numbers, in their names), with their product line, product link and
 * stage history, relative to `now`. Open 60 %, won 25 %, lost 12 %, abandoned 3 %; created 20–420 days ago; the
 * history only moves forward (so the furthest stage reached is the current one) over 80 % of their age, evenly per
 * stage; open ones expect to close between 20 days ago and 250 days ahead.
 */
export function bulkOpportunities(
  r: Random,
  cat: BulkCatalogue,
  first: number,
  count: number,
  now: number,
  timezone: string,
): BulkBatch {
  const dateOf = new Intl.DateTimeFormat('en-CA', { timeZone: timezone });
  const today = Date.parse(`${dateOf.format(new Date(now))}T00:00:00Z`);
  const out: BulkBatch = { opportunities: [], lines: [], changes: [] };
  for (let k = 0; k < count; k++) {
    const i = first + k;
    const process = cat.processes[r.int(10) < 8 ? 0 : 1];
    const stages = process.stages;
    const roll = r.int(100);
    const status = roll < 60 ? 'open' : roll < 85 ? 'won' : roll < 97 ? 'lost' : 'abandoned';
    const idx = status === 'won' ? stages.length - 1 : r.int(stages.length);
    const stage = stages[idx];
    const customer = r.pick(cat.customers);
    const product = r.pick(cat.products);
    const quantity = r.pick(quantities);
    const ahead = r.int(270) - 20;
    const created = now - (20 + r.int(400)) * day;
    const span = (now - created) * 0.8;
    const step = span / (idx + 1);
    const closedAt = created + span;
    const open = status === 'open';
    const amount = money(Number(product.price) * quantity);
    const owner = customer.owner;
    const audit = (at: number) => ({ owner, createdAt: iso(at), createdBy: owner });
    out.opportunities.push({
      name: `商机 ${i}`,
      customer: customer.id,
      process: process.id,
      stage: stage.id,
      probability: open ? stage.probability : status === 'won' ? 100 : 0,
      amount,
      expectedCloseDate: open ? iso(today + ahead * day).slice(0, 10) : dateOf.format(new Date(closedAt)),
      committed: open && idx === stages.length - 1 && r.int(2) === 0,
      status,
      closeReason: status === 'lost' ? 'price' : status === 'abandoned' ? 'budget' : undefined,
      closedOn: open ? undefined : dateOf.format(new Date(closedAt)),
      stageEnteredAt: iso(created + step * idx),
      warnings: open && ahead < 0 ? ['closeDatePast'] : [],
      furthestStageOrder: stage.sort,
      products: [product.id],
      ...audit(created),
    });
    out.lines.push({
      name: '产品',
      opportunity: k,
      product: product.id,
      quantity,
      unitPrice: product.price,
      ...audit(created),
    });
    const days = (step / day).toFixed(2);
    for (let j = 0; j <= idx; j++) {
      const at = created + step * j;
      out.changes.push({
        opportunity: k,
        process: process.id,
        fromStage: j > 0 ? stages[j - 1].id : undefined,
        toStage: stages[j].id,
        fromStatus: j > 0 ? 'open' : undefined,
        toStatus: 'open',
        changedAt: iso(at),
        changedBy: owner,
        daysInFromStage: j > 0 ? days : undefined,
        amount,
        probability: stages[j].probability,
        ...audit(at),
      });
    }
    if (!open)
      out.changes.push({
        opportunity: k,
        process: process.id,
        fromStage: stage.id,
        toStage: stage.id,
        fromStatus: 'open',
        toStatus: status,
        changedAt: iso(closedAt),
        changedBy: owner,
        daysInFromStage: days,
        amount,
        probability: status === 'won' ? 100 : 0,
        ...audit(closedAt),
      });
  }
  // Written grouped by the stage they leave, as the earlier generator laid them out: the funnel reads the history
  // through the from-stage index, and the benchmark's figures stay comparable from one version to the next.
  out.changes.sort((a, b) => Number(a.fromStage ?? 0) - Number(b.fromStage ?? 0));
  return out;
}
