import type { Metric, RollupNode, Tiers } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { type Actuals, actualsSource } from './actuals.ts';
import { add, cents, ratio, sum } from './money.ts';
import { type Dept, readOrg } from './org.ts';
import type { Period } from './period.ts';
import { periodTargets, readTargets, subjectKey, tierReached } from './targets.service.ts';

function sumTiers(list: Tiers[]): Tiers | null {
  if (list.length === 0) return null;
  const tier = (k: 'tier1' | 'tier2' | 'tier3') => {
    const v = list.map((t) => t[k]).filter((x): x is string => x !== null);
    return v.length ? sum(v) : null;
  };
  return { tier1: tier('tier1'), tier2: tier('tier2'), tier3: tier('tier3'), rate1: null, rate2: null, rate3: null };
}

function finish(node: Omit<RollupNode, 'achievement' | 'tierReached' | 'commissionRate' | 'commission'>): RollupNode {
  const t = node.target ?? node.childTarget;
  const reached = tierReached(node.actual, node.target ?? node.childTarget);
  return {
    ...node,
    achievement: t?.tier1 && node.actual !== null ? ratio(node.actual, t.tier1) : null,
    ...reached,
  };
}

const levelOf = (kind: string | null) => (kind === 'company' || kind === 'region' ? kind : 'office');

/**
 * Targets against actuals (DLR-5), rolled up company → region → office/dealer → salesperson along the department
 * tree. Only targets and opportunities in the caller's scope count, so a salesperson sees their own branch.
 */
export async function targetRollup(ctx: Ctx, period: Period, metric: Metric) {
  const targets = periodTargets(await readTargets(ctx, period.year, metric), period);
  const source = actualsSource(metric);
  const actuals: Actuals | null = await source.load(ctx, period, metric);
  // The department tree is the frame (see readOrg); a node shows only where the caller's targets or actuals are.
  const { depts, users } = await readOrg(ctx);
  const roots = depts.filter((d) => d.parent === null || !depts.some((p) => p.id === d.parent));
  const company = roots.find((d) => d.kind === 'company') ?? roots[0];
  const dealers = [...targets.values()].filter((t) => t.level === 'dealer');
  const visible = (n: RollupNode) => n.target !== null || n.children.length > 0 || cents(n.actual) !== 0n;

  const build = (d: Dept): RollupNode => {
    const children: RollupNode[] = [];
    for (const c of depts.filter((x) => x.parent === d.id)) children.push(build(c));
    for (const u of users.filter((x) => x.department === d.id)) {
      const target = targets.get(subjectKey('salesperson', u.id))?.tiers ?? null;
      const actual = actuals ? (actuals.byOwner.get(u.id) ?? '0.00') : null;
      const subject = { id: u.id, label: u.name };
      children.push(
        finish({ type: 'salesperson', level: 'salesperson', subject, target, childTarget: null, actual, children: [] }),
      );
    }
    for (const t of dealers.filter((x) => (x.department ?? company?.id) === d.id)) {
      const actual = actuals ? (actuals.byDealer.get(t.subject!.id) ?? '0.00') : null;
      children.push(
        finish({
          type: 'dealer',
          level: 'dealer',
          subject: t.subject,
          target: t.tiers,
          childTarget: null,
          actual,
          children: [],
        }),
      );
    }
    const kept = children.filter(visible);
    const level = levelOf(d.kind);
    const own =
      targets.get(subjectKey('region', d.id)) ??
      targets.get(subjectKey('office', d.id)) ??
      (d.id === company?.id ? targets.get(subjectKey('company', null)) : undefined);
    const rolled = kept.filter((c) => c.type !== 'dealer').flatMap((c) => c.target ?? c.childTarget ?? []);
    const actual = actuals
      ? kept.filter((c) => c.type !== 'dealer').reduce((s, c) => add(s, c.actual ?? '0'), '0.00')
      : null;
    return finish({
      type: 'department',
      level,
      subject: { id: d.id, label: d.name },
      target: own?.tiers ?? null,
      childTarget: sumTiers(rolled),
      actual,
      children: kept,
    });
  };
  return {
    period: { from: period.from, to: period.to, label: period.label },
    metric,
    actualsSource: actuals ? source.name : null,
    roots: roots.map(build).filter(visible),
  };
}
