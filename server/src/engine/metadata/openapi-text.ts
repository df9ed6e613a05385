import type { Locale } from '@kehu/common';

/** Summaries of the generated API document in both languages; `{title}` is the object's title. */
const texts = {
  list: { 'zh-CN': '查询{title}列表（筛选、排序、分页）', 'en-US': 'List {title} records (filter, sort, page)' },
  query: {
    'zh-CN': '用 JSON 请求体查询{title}（筛选条件较长时使用）',
    'en-US': 'Query {title} with a JSON body (long filters)',
  },
  get: { 'zh-CN': '读取一条{title}', 'en-US': 'Get one {title} record' },
  create: { 'zh-CN': '新建{title}', 'en-US': 'Create a {title} record' },
  patch: {
    'zh-CN': '修改{title}（带 version 做乐观并发控制）',
    'en-US': 'Update a {title} record (send `version` for optimistic concurrency)',
  },
  delete: { 'zh-CN': '删除{title}（进入回收站）', 'en-US': 'Delete a {title} record (to the recycle bin)' },
  history: { 'zh-CN': '{title}的修改历史', 'en-US': 'Version history of a {title} record' },
  restore: {
    'zh-CN': '恢复{title}的某个版本，或从回收站还原',
    'en-US': 'Restore a version of a {title} record, or take it out of the recycle bin',
  },
  recycle: { 'zh-CN': '{title}回收站', 'en-US': 'Recycle bin of {title}' },
  group: { 'zh-CN': '{title}分组统计', 'en-US': 'Group {title} records and aggregate' },
  bulkUpdate: { 'zh-CN': '批量修改{title}', 'en-US': 'Update many {title} records' },
  bulkDelete: { 'zh-CN': '批量删除{title}', 'en-US': 'Delete many {title} records' },
  import: { 'zh-CN': '导入{title}（CSV / Excel）', 'en-US': 'Import {title} records (CSV / Excel)' },
  export: { 'zh-CN': '导出{title}（CSV / Excel）', 'en-US': 'Export {title} records (CSV / Excel)' },
  ops: { 'zh-CN': '筛选运算符', 'en-US': 'Filter operators' },
  sortable: { 'zh-CN': '可排序字段', 'en-US': 'Sortable fields' },
  groupable: { 'zh-CN': '可分组字段', 'en-US': 'Groupable fields' },
  search: { 'zh-CN': '快速搜索的字段', 'en-US': 'Quick search looks at' },
  scope: { 'zh-CN': '你的数据范围', 'en-US': 'Your data scope' },
} satisfies Record<string, Record<Locale, string>>;

export type TextKey = keyof typeof texts;

export function apiText(locale: Locale, key: TextKey, title = ''): string {
  return texts[key][locale].replace('{title}', title);
}
