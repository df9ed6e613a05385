import { defineObject, manyToOne, picklist, text } from '../metadata/define.ts';

/** The organisation tree: headquarters, regional offices (办事处), teams (SEC-1). */
export const departmentObject = defineObject({
  name: 'department',
  label: { 'zh-CN': '部门', 'en-US': 'Department' },
  nav: { group: 'settings', order: 20 },
  fields: {
    name: text({ label: { 'zh-CN': '部门名称', 'en-US': 'Name' }, required: true, search: 'fuzzy' }),
    code: text({ label: { 'zh-CN': '部门编码', 'en-US': 'Code' }, unique: true, maxLength: 40 }),
    parent: manyToOne({ object: 'department', label: { 'zh-CN': '上级部门', 'en-US': 'Parent' } }),
    // Company, region and office drive roll-ups (targets, organisation): renamed, never deactivated (WF-7).
    kind: picklist({
      label: { 'zh-CN': '类型', 'en-US': 'Kind' },
      default: 'department',
      options: [
        { value: 'company', locked: true, label: { 'zh-CN': '公司', 'en-US': 'Company' } },
        { value: 'region', locked: true, label: { 'zh-CN': '大区', 'en-US': 'Region' } },
        { value: 'office', locked: true, label: { 'zh-CN': '办事处', 'en-US': 'Office' } },
        { value: 'department', label: { 'zh-CN': '部门', 'en-US': 'Department' } },
        { value: 'team', label: { 'zh-CN': '小组', 'en-US': 'Team' } },
      ],
    }),
    head: manyToOne({ object: 'user', label: { 'zh-CN': '负责人', 'en-US': 'Head' } }),
  },
});
