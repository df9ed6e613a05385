import { datetime, defineObject, integer, manyToOne, text } from '../metadata/define.ts';

/** Operation log (SEC-11): one row per data-changing API call. Written by the engine, never by clients. */
export const operationLogObject = defineObject({
  name: 'operationLog',
  label: { 'zh-CN': '操作日志', 'en-US': 'Operation log' },
  nav: { group: 'settings', order: 100 },
  icon: 'audit',
  titleField: 'action',
  noHistory: true,
  apiReadOnly: true,
  fields: {
    at: datetime({ label: { 'zh-CN': '时间', 'en-US': 'Time' }, index: true }),
    actor: manyToOne({ object: 'user', label: { 'zh-CN': '用户', 'en-US': 'User' } }),
    onBehalfOf: manyToOne({ object: 'user', label: { 'zh-CN': '代理谁', 'en-US': 'On behalf of' } }),
    ip: text({ label: { 'zh-CN': 'IP 地址', 'en-US': 'IP address' } }),
    userAgent: text({ label: { 'zh-CN': '设备', 'en-US': 'Device' }, maxLength: 500 }),
    method: text({ label: { 'zh-CN': '方法', 'en-US': 'Method' } }),
    action: text({ label: { 'zh-CN': '功能', 'en-US': 'Function' }, search: 'fuzzy' }),
    path: text({ label: { 'zh-CN': '路径', 'en-US': 'Path' }, maxLength: 500 }),
    targetObject: text({ label: { 'zh-CN': '对象', 'en-US': 'Object' } }),
    recordId: integer({ label: { 'zh-CN': '记录', 'en-US': 'Record' } }),
    status: integer({ label: { 'zh-CN': '结果', 'en-US': 'Status' } }),
    detail: text({ label: { 'zh-CN': '详情', 'en-US': 'Detail' }, maxLength: 500 }),
  },
});
