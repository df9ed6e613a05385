import type { FlowTemplate } from '../../engine/flows/templates.ts';

/**
 * 客户新建审批 (WF-3): a new dealer is approved by the creator's manager before it is worked on (the record is locked
 * while the approval runs). Installed switched off: an administrator turns it on when the company wants it.
 */
export const customerCreationFlow: FlowTemplate = {
  key: 'customerCreation',
  object: 'customer',
  name: { 'zh-CN': '客户新建审批', 'en-US': 'New customer approval' },
  description: {
    'zh-CN': '新建经销商时由直属主管审批（默认停用）',
    'en-US': "A new dealer is approved by the creator's manager (off by default)",
  },
  inactive: true,
  tree: {
    nodes: [
      {
        id: 'manager',
        type: 'approver',
        name: '直属主管审批',
        assignees: [{ kind: 'superiors', levels: 1 }],
        mode: 'sequence',
        onEmpty: 'admin',
      },
    ],
    trigger: { auto: { on: ['create'], when: { any: [{ all: [{ field: 'type', op: 'eq', value: 'dealer' }] }] } } },
  },
};
