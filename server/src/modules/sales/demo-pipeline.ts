import { coreName } from '../customers/name-core.ts';
import type { Random } from '../demo/random.ts';

const day = 86_400_000;

export interface DemoCustomerRef {
  id: number;
  name: string;
  type: string;
  industry: string | null;
  owner: number;
  /** When the customer was created (ms): its opportunities come after. */
  createdAt?: number;
}

export interface DemoProductRef {
  id: number;
  name: string;
  model: string;
  category: string;
  price: number;
  unit: string;
}

export interface DemoStageRef {
  id: number;
  name: string;
  probability: number;
  requiredFields: string[];
  requiredTasks: string[];
}

export interface DemoProcessRef {
  id: number;
  categories: string[];
  stages: DemoStageRef[];
}

export interface SimOpportunity {
  input: Record<string, unknown>;
  owner: number;
  lines: Array<{ product: DemoProductRef; quantity: number; unitPrice: number }>;
  changes: Array<{
    at: number;
    from: DemoStageRef | null;
    to: DemoStageRef;
    fromStatus: string | null;
    toStatus: string;
    days: number | null;
    probability: number;
  }>;
  tasks: Array<{ stage: number; title: string; done: boolean; doneAt: number | null }>;
  competitors: Array<{ customer: DemoCustomerRef; price: number; threat: string; status: string }>;
}

export interface PipelineInput {
  customers: DemoCustomerRef[];
  dealers: DemoCustomerRef[];
  competitors: DemoCustomerRef[];
  products: DemoProductRef[];
  vehicleProcess: DemoProcessRef;
  tenderProcess: DemoProcessRef;
}

const publicSector = new Set(['sanitation', 'municipal', 'fire', 'medical', 'police']);
const sources = ['exhibition', 'website', 'phone', 'referral', 'tender', 'visit', 'dealer'];
const lossReasons: Array<[string, number]> = [
  ['price', 5],
  ['competitor', 4],
  ['productFit', 1],
  ['budget', 2],
  ['timing', 2],
];
const iso = (t: number) => new Date(t).toISOString();
const dateOf = (t: number) => iso(t).slice(0, 10);

/** Lines of 1–2 products fitting the process, vehicles in small numbers, parts and services in larger ones. */
function linesFor(r: Random, p: PipelineInput, process: DemoProcessRef) {
  const fit = p.products.filter((x) => process.categories.includes(x.category));
  const vehicles = fit.filter((x) => x.unit === 'vehicle');
  const first = r.pick(vehicles.length ? vehicles : fit);
  const quantity = (x: DemoProductRef) =>
    x.unit === 'vehicle'
      ? r.weighted<number>([
          [1, 4],
          [2, 4],
          [3, 3],
          [5, 2],
          [10, 1],
          [20, 1],
        ])
      : r.between(2, 20);
  // List price less 0–10 %, in hundreds of yuan.
  const price = (x: DemoProductRef) => Math.round((x.price * (90 + r.int(11))) / 100 / 100) * 100;
  const lines = [{ product: first, quantity: quantity(first), unitPrice: price(first) }];
  const extra = fit.filter((x) => x.unit !== 'vehicle');
  if (extra.length && r.chance(0.25)) {
    const x = r.pick(extra);
    lines.push({ product: x, quantity: quantity(x), unitPrice: price(x) });
  }
  return lines;
}

/**
 * One opportunity's life, simulated from its creation up to now: a few days to weeks in each stage, a chance of
 * being lost or abandoned at every step, won after the last stage. Requirements of every stage passed are met (the
 * demo data obeys the gate), so the history and the funnel's conversion rates look like a real year.
 */
export function simulate(r: Random, p: PipelineInput, now: number): SimOpportunity {
  const c = r.pick(p.customers);
  const process = publicSector.has(c.industry ?? '') ? p.tenderProcess : p.vehicleProcess;
  const stages = process.stages;
  const lines = linesFor(r, p, process);
  // Within the last 400 days, and never before the customer existed.
  const since = Math.max(now - 400 * day, (c.createdAt ?? 0) + day);
  const created = since < now ? now - r.int(now - since) : now;
  const changes: SimOpportunity['changes'] = [];
  let t = created;
  let idx = 0;
  let status = 'open';
  let entered = created;
  changes.push({
    at: t,
    from: null,
    to: stages[0],
    fromStatus: null,
    toStatus: 'open',
    days: null,
    probability: stages[0].probability,
  });
  const slow = process === p.tenderProcess ? 1.6 : 1;
  for (;;) {
    const next = t + Math.round((3 + r.int(30)) * slow * day) + r.int(day);
    if (next > now) break;
    t = next;
    const days = Math.round(((t - entered) / day) * 100) / 100;
    const roll = r.next();
    if (roll < 0.1 + 0.025 * idx || roll > 0.97) {
      status = roll > 0.97 ? 'abandoned' : 'lost';
      changes.push({
        at: t,
        from: stages[idx],
        to: stages[idx],
        fromStatus: 'open',
        toStatus: status,
        days,
        probability: 0,
      });
      break;
    }
    if (idx === stages.length - 1) {
      status = 'won';
      changes.push({
        at: t,
        from: stages[idx],
        to: stages[idx],
        fromStatus: 'open',
        toStatus: 'won',
        days,
        probability: 100,
      });
      break;
    }
    idx++;
    entered = t;
    changes.push({
      at: t,
      from: stages[idx - 1],
      to: stages[idx],
      fromStatus: 'open',
      toStatus: 'open',
      days,
      probability: stages[idx].probability,
    });
  }
  const stage = stages[idx];
  const tasks: SimOpportunity['tasks'] = [];
  stages.slice(0, idx + 1).forEach((s, i) => {
    const leftAt = changes.find((x) => x.from?.id === s.id)?.at ?? null;
    for (const title of s.requiredTasks) {
      const done = i < idx || status === 'won' || (status === 'open' && r.chance(0.5));
      tasks.push({ stage: s.id, title, done, doneAt: done ? (leftAt ?? now - r.int(3) * day) - r.int(day) : null });
    }
  });
  const passedAnalysis = stages.findIndex((s) => s.requiredFields.includes('competitorAnalysis'));
  const analysed = idx > passedAnalysis || status === 'won' || r.chance(0.2);
  const competitors =
    analysed && p.competitors.length
      ? [...new Set([r.pick(p.competitors), r.pick(p.competitors)])].slice(0, r.between(1, 2)).map((x) => ({
          customer: x,
          price: Math.round((lines[0].unitPrice * (0.9 + r.int(15) / 100)) / 100) * 100,
          threat: r.pick(['high', 'medium', 'medium', 'low']),
          status: status === 'lost' && r.chance(0.6) ? 'winner' : status === 'won' ? 'eliminated' : 'active',
        }))
      : [];
  const amount = lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
  const closed = status !== 'open';
  const closeAt = changes[changes.length - 1].at;
  const expected = closed
    ? closeAt
    : now + (r.chance(0.08) ? -r.between(3, 40) : r.between(5, 60 + 30 * (stages.length - idx))) * day;
  const dealer = c.type !== 'dealer' && p.dealers.length && r.chance(0.2) ? r.pick(p.dealers).id : null;
  const winner = competitors.find((x) => x.status === 'winner');
  const productName = lines[0].product.name;
  return {
    owner: c.owner,
    lines,
    changes,
    tasks,
    competitors,
    input: {
      name: `${coreName(c.name)} ${productName} ${lines[0].quantity} ${lines[0].product.unit === 'vehicle' ? '台' : '套'}`,
      customer: c.id,
      dealer,
      process: process.id,
      stage: stage.id,
      probability: status === 'won' ? 100 : closed ? 0 : stage.probability,
      amount: String(amount),
      expectedCloseDate: dateOf(expected),
      committed: status === 'open' && idx >= stages.length - 2 && r.chance(idx === stages.length - 1 ? 0.6 : 0.2),
      status,
      closeReason:
        status === 'lost'
          ? winner
            ? 'competitor'
            : r.weighted(lossReasons)
          : status === 'abandoned'
            ? 'budget'
            : undefined,
      closedOn: closed ? dateOf(closeAt) : undefined,
      lostTo: winner?.customer.id,
      source: process === p.tenderProcess ? 'tender' : r.pick(sources),
      owner: c.owner,
      competitorAnalysis: competitors.length
        ? `${competitors.map((x) => x.customer.name).join('、')}参与竞争；我方优势在上装质量和售后网点。`
        : undefined,
      stageEnteredAt: iso(changes.filter((x) => x.from?.id !== x.to.id).pop()!.at),
      warnings: status === 'open' && expected < now - day ? ['closeDatePast'] : [],
      createdAt: iso(created),
      createdBy: c.owner,
    },
  };
}
