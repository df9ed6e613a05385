import type { Ctx } from '../context.ts';
import { records } from '../query/builder.ts';
import { resolveAssignees } from './approvers.ts';
import { holds, type Submitter } from './conditions.ts';
import type { ApprovalMode, FlowNode, FlowTree, StepTimeout } from './tree.ts';

/**
 * The route an instance takes, fixed when it is submitted (the record is locked while it runs, so the conditions
 * cannot change under it): condition nodes are replaced by the branch they take, assignees by people. It is also
 * the predicted path the submitter sees before submitting (WF-2 §3).
 */
export type PlanStep =
  | {
      kind: 'approve';
      nodeId: string;
      name: string;
      mode: ApprovalMode;
      sharePercent?: number;
      approvers: number[];
      onEmpty: 'pass' | 'admin' | 'reject';
      timeout?: StepTimeout;
      /** A 自选 step: the submitter names the approvers. */
      chosen?: { multiple: boolean };
      /** The branch that led here, for the path's display. */
      via?: string;
    }
  | { kind: 'cc'; nodeId: string; name: string; users: number[]; via?: string }
  | { kind: 'parallel'; nodeId: string; name: string; branches: Array<{ name: string; steps: PlanStep[] }> };

export interface PlanInput {
  object: string;
  recordId: number;
  submitter: Submitter;
  chosen: Record<string, number[]>;
}

/** The record's person fields (owner, relations to users) as user ids, for `field` assignees. */
async function peopleOf(ctx: Ctx, object: string, recordId: number): Promise<Record<string, number | null>> {
  const r = records(ctx, object, { internal: true });
  const row = await r.get(recordId);
  const out: Record<string, number | null> = {};
  for (const f of r.object.fields.values()) {
    const isPerson = f.type === 'owner' || (f.type === 'manyToOne' && f.object === 'user');
    if (!isPerson) continue;
    const v = row[f.name] as { id?: number } | number | null | undefined;
    out[f.name] = typeof v === 'number' ? v : (v?.id ?? null);
  }
  return out;
}

export async function buildPlan(ctx: Ctx, tree: FlowTree, input: PlanInput): Promise<PlanStep[]> {
  const people = await peopleOf(ctx, input.object, input.recordId);
  const build = async (nodes: FlowNode[], via?: string): Promise<PlanStep[]> => {
    const out: PlanStep[] = [];
    for (const n of nodes) {
      if (n.type === 'approver' || n.type === 'cc') {
        const users = await resolveAssignees(ctx, n.assignees, {
          submitter: input.submitter.id,
          people,
          chosen: input.chosen,
          nodeId: n.id,
        });
        if (n.type === 'cc') out.push({ kind: 'cc', nodeId: n.id, name: n.name, users, ...(via ? { via } : {}) });
        else {
          const chosen = n.assignees.find((a) => a.kind === 'chosen');
          out.push({
            kind: 'approve',
            nodeId: n.id,
            name: n.name,
            // 逐级主管: the chain approves one after another, whatever the step's mode says.
            mode: n.assignees.some((a) => a.kind === 'superiors') ? 'sequence' : n.mode,
            ...(n.sharePercent ? { sharePercent: n.sharePercent } : {}),
            approvers: users,
            onEmpty: n.onEmpty,
            ...(n.timeout ? { timeout: n.timeout } : {}),
            ...(chosen?.kind === 'chosen' ? { chosen: { multiple: chosen.multiple === true } } : {}),
            ...(via ? { via } : {}),
          });
        }
        via = undefined;
      } else if (n.type === 'condition') {
        for (const b of n.branches) {
          if (!b.when || (await holds(ctx, input.object, input.recordId, b.when, input.submitter))) {
            out.push(...(await build(b.nodes, `${n.name}：${b.name}`)));
            break;
          }
        }
      } else {
        const branches = [];
        for (const b of n.branches) branches.push({ name: b.name, steps: await build(b.nodes) });
        out.push({ kind: 'parallel', nodeId: n.id, name: n.name, branches });
      }
    }
    return out;
  };
  return build(tree.nodes);
}

/** Steps in the order they appear (parallel branches one after another), for display and for 退回. */
export function* stepsOf(plan: PlanStep[]): Generator<PlanStep> {
  for (const s of plan) {
    yield s;
    if (s.kind === 'parallel') for (const b of s.branches) yield* stepsOf(b.steps);
  }
}

/** Everyone a plan names (approvers and CC recipients), for showing their names beside it. */
export const planUsers = (plan: PlanStep[]): number[] => [
  ...new Set([...stepsOf(plan)].flatMap((s) => (s.kind === 'approve' ? s.approvers : s.kind === 'cc' ? s.users : []))),
];

/**
 * The steps that are due now, given the finished ones: the first unfinished step of each running sequence
 * (every branch of a parallel step). Empty when the whole plan is finished.
 */
export function frontier(plan: PlanStep[], done: ReadonlySet<string>): Array<Exclude<PlanStep, { kind: 'parallel' }>> {
  for (const s of plan) {
    if (done.has(s.nodeId)) continue;
    if (s.kind !== 'parallel') return [s];
    const due = s.branches.flatMap((b) => frontier(b.steps, done));
    if (due.length) return due;
  }
  return [];
}

/** Finished steps when going back to `nodeId`: every step before it in the plan's order stays finished. */
export function doneBefore(plan: PlanStep[], done: ReadonlySet<string>, nodeId: string): string[] {
  const order = [...stepsOf(plan)].map((s) => s.nodeId);
  const cut = order.indexOf(nodeId);
  return order.slice(0, Math.max(cut, 0)).filter((id) => done.has(id));
}

/** The approval step that came right before `nodeId` in its sequence (for 同一审批人连续出现). */
export function previousApproveStep(plan: PlanStep[], nodeId: string): string | undefined {
  const find = (steps: PlanStep[]): string | undefined | null => {
    let prev: string | undefined;
    for (const s of steps) {
      if (s.nodeId === nodeId) return prev ?? null;
      if (s.kind === 'approve') prev = s.nodeId;
      if (s.kind === 'parallel') {
        for (const b of s.branches) {
          const r = find(b.steps);
          if (r !== undefined) return r ?? prev ?? null;
        }
      }
    }
    return undefined;
  };
  return find(plan) ?? undefined;
}
