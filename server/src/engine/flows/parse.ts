import { filterOps } from '@kehu/common';
import { KehuError } from '../errors.ts';
import {
  type Assignee,
  type Branch,
  defaultSettings,
  type FlowCondition,
  type FlowNode,
  type FlowTree,
  type StepTimeout,
} from './tree.ts';

/** One thing wrong with a flow, at a node (or the flow itself when `nodeId` is absent). */
export interface FlowProblem {
  nodeId?: string;
  node?: string;
  code: string;
}

/** FLOW_INVALID naming the first problem's node; every problem is in `params.problems` for the designer. */
export function flowInvalid(problems: FlowProblem[]): KehuError {
  const first = problems[0];
  return new KehuError('FLOW_INVALID', {
    node: first.node ?? first.nodeId ?? '—',
    problem: { key: `flow.problem.${first.code}` },
    problems,
  });
}

const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max = 100): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;
const int = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/**
 * Check a tree's shape from untrusted JSON (the designer, the API) and return it typed. Every problem names its
 * node; nothing unknown is kept. Semantics that need the database (users, roles, fields) are `checkFlow`'s.
 */
export function parseTree(input: unknown): FlowTree {
  const problems: FlowProblem[] = [];
  const ids = new Set<string>();
  const at = (n: Record<string, any>, code: string) =>
    problems.push({
      nodeId: typeof n.id === 'string' ? n.id : undefined,
      node: str(n.name) ? n.name : undefined,
      code,
    });

  const condition = (n: Record<string, any>, v: unknown): FlowCondition | undefined => {
    const groups = isObj(v) && Array.isArray(v.any) ? v.any : undefined;
    if (!groups?.length || groups.length > 20) return void at(n, 'badCondition');
    const out: FlowCondition = { any: [] };
    for (const g of groups) {
      if (!isObj(g) || !Array.isArray(g.all) || g.all.length === 0 || g.all.length > 20)
        return void at(n, 'badCondition');
      const all = [];
      for (const c of g.all) {
        if (!isObj(c) || !str(c.field, 200) || !filterOps.includes(c.op)) return void at(n, 'badCondition');
        all.push({ field: c.field, op: c.op, ...(c.value !== undefined ? { value: c.value } : {}) });
      }
      out.any.push({ all });
    }
    return out;
  };

  const assignees = (n: Record<string, any>): Assignee[] => {
    const list = Array.isArray(n.assignees) ? n.assignees : [];
    const out: Assignee[] = [];
    for (const a of list) {
      if (!isObj(a)) continue;
      if (
        a.kind === 'users' &&
        Array.isArray(a.users) &&
        a.users.every((u: unknown) => int(u, 1, Number.MAX_SAFE_INTEGER))
      )
        out.push({ kind: 'users', users: [...new Set<number>(a.users)] });
      else if (a.kind === 'role' && int(a.role, 1, Number.MAX_SAFE_INTEGER)) out.push({ kind: 'role', role: a.role });
      else if (a.kind === 'deptHead' && int(a.level, 1, 10)) out.push({ kind: 'deptHead', level: a.level });
      else if (a.kind === 'superiors' && int(a.levels, 1, 10)) out.push({ kind: 'superiors', levels: a.levels });
      else if (a.kind === 'chosen') out.push({ kind: 'chosen', multiple: a.multiple === true });
      else if (a.kind === 'field' && str(a.field, 60)) out.push({ kind: 'field', field: a.field });
      else at(n, 'badAssignee');
    }
    if (out.length === 0 || out.some((a) => a.kind === 'users' && a.users.length === 0)) at(n, 'noApprover');
    return out;
  };

  const timeout = (n: Record<string, any>): StepTimeout | undefined => {
    if (n.timeout === undefined || n.timeout === null) return undefined;
    const t = n.timeout;
    if (!isObj(t) || !int(t.hours, 1, 24 * 90) || !['remind', 'pass', 'reject', 'escalate'].includes(t.action))
      return void at(n, 'badTimeout');
    return { hours: t.hours, action: t.action };
  };

  const nodes = (list: unknown, depth: number): FlowNode[] => {
    if (!Array.isArray(list)) return [];
    if (depth > 8) return [];
    const out: FlowNode[] = [];
    for (const n of list) {
      if (!isObj(n)) {
        problems.push({ code: 'shape' });
        continue;
      }
      if (!str(n.id, 40) || !str(n.name)) {
        at(n, 'shape');
        continue;
      }
      // A node that appears twice would make the tree a graph (a loop back to an earlier step).
      if (ids.has(n.id)) at(n, 'duplicateId');
      ids.add(n.id);
      const base = { id: n.id, name: n.name.trim() };
      if (n.type === 'approver') {
        const known = ['sequence', 'all', 'any', 'share'].includes(n.mode);
        if (!known) at(n, 'badMode');
        const mode = known ? n.mode : 'sequence';
        if (mode === 'share' && !int(n.sharePercent, 1, 100)) at(n, 'badShare');
        const onEmpty = ['pass', 'admin', 'reject'].includes(n.onEmpty) ? n.onEmpty : 'admin';
        out.push({
          ...base,
          type: 'approver',
          assignees: assignees(n),
          mode,
          ...(mode === 'share' ? { sharePercent: n.sharePercent } : {}),
          onEmpty,
          ...(n.timeout ? { timeout: timeout(n) } : {}),
        });
      } else if (n.type === 'cc') {
        out.push({ ...base, type: 'cc', assignees: assignees(n) });
      } else if (n.type === 'condition' || n.type === 'parallel') {
        const raw = Array.isArray(n.branches) ? n.branches : [];
        if (raw.length < 2 || raw.length > 10) at(n, 'tooFewBranches');
        const branches: Branch[] = [];
        for (const [i, b] of (raw as unknown[]).entries()) {
          if (!isObj(b) || !str(b.id, 40) || !str(b.name)) {
            at(n, 'shape');
            continue;
          }
          if (ids.has(b.id)) at(b, 'duplicateId');
          ids.add(b.id);
          const branch: Branch = { id: b.id, name: b.name.trim(), nodes: nodes(b.nodes, depth + 1) };
          if (n.type === 'condition') {
            if (b.when === undefined || b.when === null) {
              // Only the last branch may be 其他情况; an else before others makes them unreachable.
              if (i !== raw.length - 1) at(b, 'elseNotLast');
            } else branch.when = condition(b, b.when);
          }
          branches.push(branch);
        }
        if (n.type === 'condition') {
          const seen = new Set<string>();
          for (const b of branches) {
            const key = JSON.stringify(b.when ?? null);
            if (seen.has(key)) problems.push({ nodeId: b.id, node: b.name, code: 'unreachable' });
            seen.add(key);
          }
          out.push({ ...base, type: 'condition', branches });
        } else out.push({ ...base, type: 'parallel', branches: branches.map(({ when: _w, ...b }) => b) });
      } else at(n, 'badType');
    }
    return out;
  };

  if (!isObj(input)) throw flowInvalid([{ code: 'shape' }]);
  const tree: FlowTree = { nodes: nodes(input.nodes, 0), settings: { ...defaultSettings } };
  const s = isObj(input.settings) ? input.settings : {};
  if (s.submitterIsApprover === 'approve') tree.settings.submitterIsApprover = 'approve';
  if (s.repeatApprover === 'approve') tree.settings.repeatApprover = 'approve';
  if (isObj(input.trigger) && isObj(input.trigger.auto)) {
    const on = (Array.isArray(input.trigger.auto.on) ? input.trigger.auto.on : []).filter((x: unknown) =>
      ['create', 'update'].includes(x as string),
    );
    const when = condition({ name: 'trigger' }, input.trigger.auto.when);
    if (on.length === 0) problems.push({ code: 'badTrigger' });
    if (when) tree.trigger = { auto: { on: [...new Set<'create' | 'update'>(on)], when } };
  }
  if (isObj(input.binding)) {
    const b = input.binding;
    tree.binding = {};
    if (b.stateField !== undefined) {
      if (str(b.stateField, 60)) tree.binding.stateField = b.stateField;
      else problems.push({ code: 'badBinding' });
    }
    if (isObj(b.states)) {
      tree.binding.states = {};
      for (const k of ['running', 'approved', 'rejected', 'withdrawn', 'returned'] as const)
        if (str(b.states[k], 60)) tree.binding.states[k] = b.states[k];
    }
  }
  if (input.appliesWhen !== undefined && input.appliesWhen !== null)
    tree.appliesWhen = condition({ name: 'appliesWhen' }, input.appliesWhen);
  if (![...walkApprovers(tree.nodes)].length) problems.push({ code: 'noSteps' });
  if (problems.length) throw flowInvalid(problems);
  return tree;
}

function* walkApprovers(list: FlowNode[]): Generator<FlowNode> {
  for (const n of list) {
    if (n.type === 'approver') yield n;
    if (n.type === 'condition' || n.type === 'parallel') for (const b of n.branches) yield* walkApprovers(b.nodes);
  }
}
