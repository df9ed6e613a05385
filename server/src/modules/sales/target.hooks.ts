import { type Filter, labelText } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import { records } from '../../engine/query/builder.ts';
import { fetchFull } from '../../engine/records/fetch.ts';
import type { WriteEvent } from '../../engine/records/hooks.ts';
import { idOf } from './meta.ts';
import { targetMetrics } from './options.ts';
import { customerFacts, isTrusted, titleOf } from './trust.ts';
import { WriteState } from './write-state.ts';

/** Which field names the subject of a target at each level. */
export const subjectField: Record<string, 'department' | 'user' | 'dealer' | null> = {
  company: null,
  region: 'department',
  office: 'department',
  dealer: 'dealer',
  salesperson: 'user',
};

const num = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));

/** Tier 2 may not be below tier 1, nor tier 3 below the tier before it (DLR-5). */
function checkTiers(w: WriteState) {
  const [t1, t2, t3] = ['tier1', 'tier2', 'tier3'].map((f) => num(w.get(f)));
  if (t1 !== null && t2 !== null && t2 < t1) w.problems.tier2 = 'belowPreviousTier';
  const below = t2 ?? t1;
  if (below !== null && t3 !== null && t3 < below) w.problems.tier3 = 'belowPreviousTier';
}

/** The person a target is for: the salesperson, the dealer's owner, the department's head; else unchanged. */
async function ownerFor(w: WriteState, level: string, subject: number | null): Promise<number | null | undefined> {
  if (subject === null) return undefined;
  if (level === 'salesperson') return subject;
  if (level === 'dealer') return (await customerFacts(w.ctx, subject)).owner ?? undefined;
  if (level === 'region' || level === 'office') {
    const { record } = await fetchFull(w.ctx, w.ctx.registry.get('department'), subject);
    return idOf(record.head) ?? undefined;
  }
  return undefined;
}

/** Another live target for the same level, subject, period and metric? A rule: read as the engine, whoever writes. */
async function duplicate(w: WriteState, level: string, field: string | null, subject: number | null) {
  const month = w.get('month');
  const same: Filter[] = [
    { field: 'id', op: 'ne', value: w.e.id ?? 0 },
    { field: 'level', op: 'eq', value: level },
    { field: 'year', op: 'eq', value: w.get('year') },
    { field: 'metric', op: 'eq', value: w.get('metric') },
    month === null ? { field: 'month', op: 'isEmpty' } : { field: 'month', op: 'eq', value: month },
  ];
  if (field) same.push({ field, op: 'eq', value: subject });
  return (await records(w.ctx, 'salesTarget', { internal: true }).count({ and: same })) > 0;
}

/** Target rules (DLR-5): the subject its level needs, tiers in order, one target per subject and period. */
export async function beforeTarget(ctx: Ctx, e: WriteEvent): Promise<void> {
  if (e.action === 'delete' || e.action === 'undelete') return;
  const w = new WriteState(ctx, e, 'salesTarget');
  const level = String(w.get('level'));
  const field = subjectField[level];
  const subject = field ? w.id(field) : null;
  if (field && subject === null) w.problems[field] = 'required';
  if (level === 'dealer' && subject !== null && (await customerFacts(ctx, subject)).type !== 'dealer')
    w.problems.dealer = 'invalidOption';
  checkTiers(w);
  w.throwProblems();
  if (await duplicate(w, level, field, subject)) w.problems.metric = 'duplicate';
  w.throwProblems();
  const owner = await ownerFor(w, level, subject);
  if (owner !== undefined && owner !== w.get('owner')) {
    const op = w.creating ? 'create' : 'assign';
    if (!isTrusted(ctx) && !(await ctx.access.allowsOwner(w.m.obj, op, owner))) throw new KehuError('FORBIDDEN');
    w.set('owner', owner);
  }
  const month = w.get('month');
  const metric = targetMetrics.find((o) => o.value === w.get('metric'));
  const period = month === null ? String(w.get('year')) : `${w.get('year')}-${String(month).padStart(2, '0')}`;
  const who = field && subject !== null ? await titleOf(ctx, field === 'dealer' ? 'customer' : field, subject) : '';
  w.set('name', `${period} ${labelText(metric?.label, ctx.locale)} ${who}`.trim().slice(0, 200));
}
