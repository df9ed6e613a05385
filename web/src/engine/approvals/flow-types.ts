import type { FilterOp } from '@kehu/common';

/**
 * The approval flow as the server keeps it (server/src/engine/flows/tree.ts, WF-2): steps top to bottom, condition
 * branches (the first whose condition holds; the last may be 其他情况 without one) and parallel branches.
 */
export type FlowNode = ApproverNode | CcNode | ConditionNode | ParallelNode;
export type NodeType = FlowNode['type'];

export type Assignee =
  | { kind: 'users'; users: number[] }
  | { kind: 'role'; role: number }
  | { kind: 'deptHead'; level: number }
  | { kind: 'superiors'; levels: number }
  | { kind: 'chosen'; multiple?: boolean }
  | { kind: 'field'; field: string };
export type AssigneeKind = Assignee['kind'];

/** 依次 · 会签 · 或签 · 票签. */
export type ApprovalMode = 'sequence' | 'all' | 'any' | 'share';
export type OnEmpty = 'pass' | 'admin' | 'reject';
export type TimeoutAction = 'remind' | 'pass' | 'reject' | 'escalate';

export interface StepTimeout {
  hours: number;
  action: TimeoutAction;
}

export interface ApproverNode {
  id: string;
  type: 'approver';
  name: string;
  assignees: Assignee[];
  mode: ApprovalMode;
  sharePercent?: number;
  onEmpty: OnEmpty;
  timeout?: StepTimeout;
}

export interface CcNode {
  id: string;
  type: 'cc';
  name: string;
  assignees: Assignee[];
}

/** One clause; while the administrator is still typing it, field and operator may be missing. */
export interface FlowClause {
  field: string;
  op?: FilterOp;
  value?: unknown;
}

/** Any of the groups, each all of its clauses (OR of AND). */
export interface FlowCondition {
  any: Array<{ all: FlowClause[] }>;
}

export interface Branch {
  id: string;
  name: string;
  when?: FlowCondition;
  nodes: FlowNode[];
}

export interface ConditionNode {
  id: string;
  type: 'condition';
  name: string;
  branches: Branch[];
}

export interface ParallelNode {
  id: string;
  type: 'parallel';
  name: string;
  branches: Branch[];
}

export interface FlowSettings {
  submitterIsApprover: 'pass' | 'approve';
  repeatApprover: 'pass' | 'approve';
}

export type FlowOutcome = 'running' | 'approved' | 'rejected' | 'withdrawn' | 'returned';

export interface FlowTree {
  nodes: FlowNode[];
  settings: FlowSettings;
  trigger?: { auto?: { on: Array<'create' | 'update'>; when: FlowCondition } };
  binding?: { stateField?: string; states?: Partial<Record<FlowOutcome, string>> };
  appliesWhen?: FlowCondition;
}

export const defaultSettings: FlowSettings = { submitterIsApprover: 'pass', repeatApprover: 'pass' };

/** A step of an instance's fixed route, or of the predicted path (server: engine/flows/plan.ts). */
export type PlanStep =
  | {
      kind: 'approve';
      nodeId: string;
      name: string;
      mode: ApprovalMode;
      sharePercent?: number;
      approvers: number[];
      onEmpty: OnEmpty;
      timeout?: StepTimeout;
      chosen?: { multiple: boolean };
      via?: string;
    }
  | { kind: 'cc'; nodeId: string; name: string; users: number[]; via?: string }
  | { kind: 'parallel'; nodeId: string; name: string; branches: Array<{ name: string; steps: PlanStep[] }> };

/** One thing wrong with a draft, at a node or branch (its id) or at the flow (`trigger`, `binding` …). */
export interface FlowProblem {
  nodeId?: string;
  node?: string;
  code: string;
  message: string;
}
