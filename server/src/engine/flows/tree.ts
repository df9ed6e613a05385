import type { FilterOp } from '@kehu/common';

/**
 * An approval flow as data (WF-2), the tree Chinese users know from DingTalk and Feishu approvals: the steps run
 * top to bottom; a condition node takes the first branch whose condition holds (the last branch may have none:
 * 其他情况); a parallel node runs all its branches and goes on when every one has finished.
 */
export type FlowNode = ApproverNode | CcNode | ConditionNode | ParallelNode;

/** Who approves or is copied. */
export type Assignee =
  | { kind: 'users'; users: number[] }
  | { kind: 'role'; role: number }
  /** The head of the submitter's department (level 1), of its parent (2) … */
  | { kind: 'deptHead'; level: number }
  /** The submitter's manager, then that manager's manager … up to `levels` (逐级主管), one after another. */
  | { kind: 'superiors'; levels: number }
  /** Chosen by the submitter when submitting (发起人自选). */
  | { kind: 'chosen'; multiple?: boolean }
  /** A person field of the record (`owner`, `customer.owner` is not allowed: one level). */
  | { kind: 'field'; field: string };

/** 依次 one after another · 会签 all of them · 或签 any one · 票签 a share of them. */
export type ApprovalMode = 'sequence' | 'all' | 'any' | 'share';

export interface StepTimeout {
  hours: number;
  /** Remind every `hours`, or decide by itself, or hand the task to the administrators. */
  action: 'remind' | 'pass' | 'reject' | 'escalate';
}

export interface ApproverNode {
  id: string;
  type: 'approver';
  name: string;
  assignees: Assignee[];
  mode: ApprovalMode;
  /** For `share`: the percentage of approvals that passes the step (1–100). */
  sharePercent?: number;
  /** When nobody can approve (a role without members, a field left empty): pass, go to the admins, or reject. */
  onEmpty: 'pass' | 'admin' | 'reject';
  timeout?: StepTimeout;
}

export interface CcNode {
  id: string;
  type: 'cc';
  name: string;
  assignees: Assignee[];
}

/**
 * A condition: any of the groups, each all of its conditions (OR of AND). Fields are the record's (through
 * the engine's filter language) or the submitter's: `$submitter.department` (with the departments under it),
 * `$submitter.role`, `$submitter.id`.
 */
export interface FlowCondition {
  any: Array<{ all: FlowClause[] }>;
}

export interface FlowClause {
  field: string;
  op: FilterOp;
  value?: unknown;
}

export interface Branch {
  id: string;
  name: string;
  /** Absent on the last branch of a condition node: 其他情况 (else). */
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
  branches: Array<Omit<Branch, 'when'>>;
}

export interface FlowSettings {
  /** The submitter is an approver of a step: the step passes for them by itself, or they approve it. */
  submitterIsApprover: 'pass' | 'approve';
  /** Someone approved the step just before: their task passes by itself, or they approve again. */
  repeatApprover: 'pass' | 'approve';
}

/** When a flow starts: only by 提交审批, or also by itself when a saved record meets the condition. */
export interface FlowTrigger {
  auto?: { on: Array<'create' | 'update'>; when: FlowCondition };
}

/** How the flow's outcome shows on the record: a picklist field and its values (all optional). */
export interface FlowBinding {
  stateField?: string;
  states?: Partial<Record<'running' | 'approved' | 'rejected' | 'withdrawn' | 'returned', string>>;
}

export interface FlowTree {
  nodes: FlowNode[];
  settings: FlowSettings;
  trigger?: FlowTrigger;
  binding?: FlowBinding;
  /** Who may submit: condition on the submitter and record; empty = everyone who may update the record. */
  appliesWhen?: FlowCondition;
}

export const defaultSettings: FlowSettings = { submitterIsApprover: 'pass', repeatApprover: 'pass' };

/** Every node of a tree, depth first, with the branch path above it. */
export function* walk(nodes: FlowNode[]): Generator<FlowNode> {
  for (const n of nodes) {
    yield n;
    if (n.type === 'condition' || n.type === 'parallel') for (const b of n.branches) yield* walk(b.nodes);
  }
}

export function findNode(tree: FlowTree, id: string): FlowNode | undefined {
  for (const n of walk(tree.nodes)) if (n.id === id) return n;
  return undefined;
}
