import { describe, expect, test } from 'vitest';
import { enUS, zhCN } from './approvals.i18n.ts';
import { boxes } from './approvals-api.ts';
import { assigneeKinds } from './assignee-editor.tsx';

type Tree = { [k: string]: string | Tree };
const flatten = (t: Tree, prefix = ''): string[] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flatten(v, `${prefix}${k}.`)));

/** Keys the approval screens build at run time (`approvals.state.${state}` …): every value the server sends. */
const built = [
  ...boxes.flatMap((b) => [`box.${b}`, `empty.${b}`]),
  ...['running', 'returned', 'approved', 'rejected', 'withdrawn'].flatMap((s) => [
    `state.${s}`,
    `designer.settings.outcome.${s}`,
  ]),
  ...[
    'pending',
    'waiting',
    'approved',
    'rejected',
    'returned',
    'transferred',
    'passed',
    'cancelled',
    'unread',
    'read',
  ].map((s) => `taskState.${s}`),
  ...['sequence', 'all', 'any', 'share'].flatMap((m) => [`mode.${m}`, `designer.mode.${m}`, `designer.modeHint.${m}`]),
  ...['remind', 'pass', 'reject', 'escalate'].flatMap((a) => [`timeoutAction.${a}`, `designer.timeout.${a}`]),
  ...['pass', 'admin', 'reject'].flatMap((x) => [`path.onEmpty.${x}`, `designer.onEmpty.${x}`]),
  // Every event the engine writes to an instance's timeline, but 'task' (shown by the path) and those described
  // with their details (returned, transferred, addedApprovers, autoPassed, noApprover, cc).
  ...['submitted', 'resubmitted', 'approvedStep', 'rejectedStep', 'commented', 'urged', 'withdrawn', 'approved']
    .concat(['rejected', 'reminded', 'escalated', 'timeoutPassed', 'timeoutRejected'])
    .map((a) => `timeline.${a}`),
  ...['approve', 'reject', 'return', 'transfer', 'addSign', 'withdraw', 'urge', 'comment', 'resubmit'].map(
    (a) => `action.${a}`,
  ),
  ...['approve', 'reject', 'return', 'transfer', 'addSign', 'withdraw', 'urge', 'comment'].map((a) => `done.${a}`),
  ...['approver', 'cc', 'condition', 'parallel'].map((x) => `designer.add.${x}`),
  ...assigneeKinds.map((k) => `designer.assignee.${k}`),
  ...['added', 'removed', 'changed'].map((x) => `designer.diff.${x}`),
  ...['approver', 'cc', 'condition', 'parallel', 'branch'].map((x) => `designer.diff.what.${x}`),
  ...['name', 'assignees', 'mode', 'onEmpty', 'timeout', 'condition', 'place', 'order', 'settings', 'binding']
    .concat(['trigger', 'appliesWhen'])
    .map((x) => `designer.diff.change.${x}`),
  ...['trigger', 'appliesWhen', 'binding'].map((x) => `designer.part.${x}`),
];

describe('OPS-5 the approval screens speak Chinese and English', () => {
  test('both languages have the same keys, and every key built at run time exists', () => {
    const zh = new Set(flatten(zhCN));
    const en = new Set(flatten(enUS));
    expect([...zh].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !zh.has(k))).toEqual([]);
    expect(built.filter((k) => !zh.has(k))).toEqual([]);
  });
});
