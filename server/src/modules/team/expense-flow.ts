import type { FlowTemplate } from '../../engine/flows/templates.ts';

/**
 * 费用报销 (WF-3, TEAM-6): the claimant's manager approves; above ¥5,000 the head of the department above too. The
 * expense's status follows the approval; an approved expense is then paid by someone else (/api/expenses/:id/pay).
 */
export const expenseFlow: FlowTemplate = {
  key: 'expenseClaim',
  object: 'expense',
  name: { 'zh-CN': '费用报销', 'en-US': 'Expense claim' },
  description: {
    'zh-CN': '直属主管审批；金额超过 5,000 元再由上级部门负责人审批',
    'en-US': 'The manager approves; above ¥5,000 the head of the department above too',
  },
  tree: {
    nodes: [
      {
        id: 'manager',
        type: 'approver',
        name: '直属主管审批',
        assignees: [{ kind: 'superiors', levels: 1 }],
        mode: 'sequence',
        onEmpty: 'admin',
        timeout: { hours: 48, action: 'remind' },
      },
      {
        id: 'amount',
        type: 'condition',
        name: '报销金额',
        branches: [
          {
            id: 'large',
            name: '超过 5,000 元',
            when: { any: [{ all: [{ field: 'amount', op: 'gt', value: '5000' }] }] },
            nodes: [
              {
                id: 'head',
                type: 'approver',
                name: '上级部门负责人审批',
                assignees: [{ kind: 'deptHead', level: 2 }],
                mode: 'sequence',
                onEmpty: 'admin',
              },
            ],
          },
          { id: 'normal', name: '其他情况', nodes: [] },
        ],
      },
    ],
    binding: {
      stateField: 'status',
      states: {
        running: 'submitted',
        approved: 'approved',
        rejected: 'rejected',
        withdrawn: 'draft',
        returned: 'draft',
      },
    },
  },
};
