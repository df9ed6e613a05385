import { datetime, defineObject, integer, json, longText, manyToOne, picklist, text } from '../metadata/define.ts';

/**
 * A request to export more rows than the configured limit (SEC-14). Created and decided through
 * `/api/export-requests`; the workflow module can route approvals later. Readable by the requester (scope
 * `own` is the requester) and by approvers.
 */
export const exportRequestObject = defineObject({
  name: 'exportRequest',
  label: { 'zh-CN': '导出申请', 'en-US': 'Export request' },
  nav: { group: 'settings', order: 90 },
  icon: 'export',
  titleField: 'targetObject',
  apiReadOnly: true,
  scopeColumn: 'requester_id',
  fields: {
    requester: manyToOne({ object: 'user', label: { 'zh-CN': '申请人', 'en-US': 'Requester' } }),
    targetObject: text({ label: { 'zh-CN': '导出对象', 'en-US': 'Object' } }),
    query: json({ label: { 'zh-CN': '导出条件', 'en-US': 'Query' } }),
    rowCount: integer({ label: { 'zh-CN': '行数', 'en-US': 'Rows' } }),
    reason: longText({ label: { 'zh-CN': '用途说明', 'en-US': 'Reason' } }),
    status: picklist({
      fixedOptions: true,
      label: { 'zh-CN': '状态', 'en-US': 'Status' },
      default: 'pending',
      options: [
        { value: 'pending', label: { 'zh-CN': '待审批', 'en-US': 'Pending' } },
        { value: 'approved', label: { 'zh-CN': '已批准', 'en-US': 'Approved' } },
        { value: 'rejected', label: { 'zh-CN': '已拒绝', 'en-US': 'Rejected' } },
        { value: 'used', label: { 'zh-CN': '已下载', 'en-US': 'Downloaded' } },
      ],
    }),
    approver: manyToOne({ object: 'user', label: { 'zh-CN': '审批人', 'en-US': 'Approver' } }),
    decidedAt: datetime({ label: { 'zh-CN': '审批时间', 'en-US': 'Decided' } }),
    comment: longText({ label: { 'zh-CN': '审批意见', 'en-US': 'Comment' } }),
  },
});
