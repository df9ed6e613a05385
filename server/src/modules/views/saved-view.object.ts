import { boolean, defineObject, json, owner, picklist, text } from '../../engine/metadata/define.ts';

/** A named list view (filter, columns, sort, grouping) of one object; personal, or shared with everyone. */
export const savedViewObject = defineObject({
  name: 'savedView',
  label: { 'zh-CN': '视图', 'en-US': 'Saved view' },
  nav: { group: 'settings', order: 140 },
  fields: {
    name: text({ label: { 'zh-CN': '视图名称', 'en-US': 'Name' }, required: true, maxLength: 60 }),
    object: text({ label: { 'zh-CN': '对象', 'en-US': 'Object' }, required: true, maxLength: 40, index: true }),
    filter: json({ label: { 'zh-CN': '筛选条件', 'en-US': 'Filter' } }),
    columns: json({ label: { 'zh-CN': '列', 'en-US': 'Columns' } }),
    sort: text({ label: { 'zh-CN': '排序', 'en-US': 'Sort' }, maxLength: 200 }),
    groupBy: text({ label: { 'zh-CN': '分组', 'en-US': 'Group by' }, maxLength: 100 }),
    shared: boolean({ label: { 'zh-CN': '共享', 'en-US': 'Shared' }, default: false }),
    owner: owner({ label: { 'zh-CN': '所有者', 'en-US': 'Owner' } }),
  },
});

/** Which fields a list, detail page or form shows, in which order, set by administrators per object. */
export const objectLayoutObject = defineObject({
  name: 'objectLayout',
  label: { 'zh-CN': '页面布局', 'en-US': 'Layout' },
  nav: { group: 'settings', order: 50 },
  titleField: 'object',
  fields: {
    object: text({ label: { 'zh-CN': '对象', 'en-US': 'Object' }, required: true, maxLength: 40, index: true }),
    kind: picklist({
      fixedOptions: true,
      label: { 'zh-CN': '类型', 'en-US': 'Kind' },
      required: true,
      options: [
        { value: 'list', label: { 'zh-CN': '列表', 'en-US': 'List' } },
        { value: 'detail', label: { 'zh-CN': '详情', 'en-US': 'Detail' } },
        { value: 'form', label: { 'zh-CN': '表单', 'en-US': 'Form' } },
      ],
    }),
    fields: json({ label: { 'zh-CN': '字段', 'en-US': 'Fields' } }),
  },
});
