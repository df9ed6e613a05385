import type { Random } from '../demo/random.ts';
import type { SimOpportunity } from './demo-pipeline.ts';

export interface OrgRef {
  users: Array<{ id: number; name: string; department: number | null }>;
  departments: Array<{ id: number; name: string; kind: string | null; parent: number | null; head: number | null }>;
  dealers: Array<{ id: number; name: string; owner: number }>;
}

const round = (n: number, to: number) => Math.max(to, Math.round(n / to) * to);
const tiers = (base: number, to: number) => ({
  tier1: String(round(base, to)),
  tier2: String(round(base * 1.2, to)),
  tier3: String(round(base * 1.5, to)),
});
const rates = { rate1: 1, rate2: 1.5, rate3: 2 };

/**
 * This year's targets (DLR-5) from last year's simulated results: salespeople (annual and monthly amount, annual
 * units), offices and regions (the sum below them, plus a little), the company, and the larger dealers.
 */
export function demoTargets(r: Random, org: OrgRef, sims: SimOpportunity[], now: number, year: number) {
  const since = now - 365 * 86_400_000;
  const won = new Map<number, { amount: number; units: number }>();
  for (const s of sims) {
    if (s.input.status !== 'won' || Date.parse(String(s.input.closedOn)) < since) continue;
    const w = won.get(s.owner) ?? { amount: 0, units: 0 };
    w.amount += Number(s.input.amount);
    w.units += s.lines.reduce((n, l) => n + (l.product.unit === 'vehicle' ? l.quantity : 0), 0);
    won.set(s.owner, w);
  }
  const out: Record<string, unknown>[] = [];
  const byDept = new Map<number, number>();
  const sellers = org.users.filter((u) => won.has(u.id) || sims.some((s) => s.owner === u.id));
  for (const u of sellers) {
    const base = Math.max((won.get(u.id)?.amount ?? 0) * (1.05 + r.int(20) / 100), 1_500_000);
    out.push({
      level: 'salesperson',
      user: u.id,
      year,
      metric: 'amount',
      ...tiers(base, 100_000),
      ...rates,
      owner: u.id,
    });
    for (let month = 1; month <= 12; month++) {
      // Spring and the fourth quarter sell more special vehicles.
      const season = [0.6, 0.5, 1, 1.1, 1.1, 1, 0.9, 0.8, 1, 1, 1.3, 1.6][month - 1];
      out.push({
        level: 'salesperson',
        user: u.id,
        year,
        month,
        metric: 'amount',
        ...tiers((base * season) / 12, 10_000),
        ...rates,
        owner: u.id,
      });
    }
    const units = Math.max(Math.round((won.get(u.id)?.units ?? 0) * 1.1), 6);
    out.push({ level: 'salesperson', user: u.id, year, metric: 'units', ...tiers(units, 1), ...rates, owner: u.id });
    if (u.department !== null) byDept.set(u.department, (byDept.get(u.department) ?? 0) + base);
  }
  // Offices, then regions, then the company: each the sum below it, a little raised.
  const depts = [...org.departments].sort(
    (a, b) =>
      (a.kind === 'office' ? 0 : a.kind === 'region' ? 1 : 2) - (b.kind === 'office' ? 0 : b.kind === 'region' ? 1 : 2),
  );
  for (const d of depts) {
    const base = byDept.get(d.id);
    if (!base) continue;
    const raised = base * 1.05;
    if (d.parent !== null) byDept.set(d.parent, (byDept.get(d.parent) ?? 0) + raised);
    const level = d.kind === 'company' ? 'company' : d.kind === 'region' ? 'region' : 'office';
    out.push({
      level,
      department: d.id,
      year,
      metric: 'amount',
      ...tiers(raised, 100_000),
      ...rates,
      ...(d.head ? { owner: d.head } : {}),
    });
  }
  for (const d of org.dealers.slice(0, 12)) {
    const office = org.users.find((u) => u.id === d.owner)?.department ?? null;
    out.push({
      level: 'dealer',
      dealer: d.id,
      department: office,
      year,
      metric: 'amount',
      ...tiers(1_000_000 + r.int(30) * 100_000, 100_000),
      rate1: 2,
      rate2: 3,
      rate3: 4,
      owner: d.owner,
    });
    out.push({
      level: 'dealer',
      dealer: d.id,
      department: office,
      year,
      metric: 'units',
      ...tiers(4 + r.int(10), 1),
      rate1: 2,
      rate2: 3,
      rate3: 4,
      owner: d.owner,
    });
  }
  return out;
}
