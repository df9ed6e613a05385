import type { PlanStep } from './flow-types.ts';

/** Every step of a plan in order, parallel steps followed by the steps of their branches. */
export function flatSteps(plan: PlanStep[]): PlanStep[] {
  return plan.flatMap((s) => (s.kind === 'parallel' ? [s, ...s.branches.flatMap((b) => flatSteps(b.steps))] : [s]));
}
