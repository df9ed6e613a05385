import type { Label, PicklistOption } from '@kehu/common';

type Choice = [value: string, zh: string, en: string, color?: string];

export const l = (zh: string, en: string): Label => ({ 'zh-CN': zh, 'en-US': en });

const options = (list: Choice[]): PicklistOption[] =>
  list.map(([value, zh, en, color]) => ({ value, label: l(zh, en), ...(color ? { color } : {}) }));

/** 活动类型 (TEAM-2). */
export const activityTypes = options([
  ['call', '电话', 'Call', 'blue'],
  ['fax', '传真', 'Fax', 'cyan'],
  ['email', '邮件', 'Email', 'geekblue'],
  ['visit', '拜访', 'Visit', 'green'],
  ['meeting', '会议', 'Meeting', 'purple'],
  ['other', '其他', 'Other'],
]);

/** 任务优先级 (TEAM-3). */
export const taskPriorities = options([
  ['high', '高', 'High', 'red'],
  ['normal', '中', 'Normal', 'blue'],
  ['low', '低', 'Low'],
]);

/** 任务状态 (TEAM-3). */
export const taskStatuses = options([
  ['todo', '待办', 'To do', 'default'],
  ['doing', '进行中', 'In progress', 'blue'],
  ['done', '已完成', 'Done', 'green'],
  ['cancelled', '已取消', 'Cancelled', 'gray'],
]);

/** 报告类型 (TEAM-4). */
export const reportKinds = options([
  ['daily', '日报', 'Daily'],
  ['weekly', '周报', 'Weekly'],
]);

export const reportStatuses = options([
  ['draft', '草稿', 'Draft', 'default'],
  ['submitted', '已提交', 'Submitted', 'green'],
]);

/** 费用类别 (TEAM-6). */
export const expenseCategories = options([
  ['travel', '差旅', 'Travel'],
  ['transport', '交通', 'Transport'],
  ['accommodation', '住宿', 'Accommodation'],
  ['meals', '餐费', 'Meals'],
  ['entertainment', '招待', 'Entertainment'],
  ['gifts', '礼品', 'Gifts'],
  ['communication', '通讯', 'Communication'],
  ['office', '办公', 'Office'],
  ['other', '其他', 'Other'],
]);

/**
 * Reimbursement status (TEAM-6). Users move draft ⇄ submitted; approved, rejected and paid are set by the approval
 * workflow (WF) through internal writes.
 */
export const expenseStatuses = options([
  ['draft', '草稿', 'Draft', 'default'],
  ['submitted', '已提交', 'Submitted', 'blue'],
  ['approved', '已批准', 'Approved', 'green'],
  ['rejected', '已驳回', 'Rejected', 'red'],
  ['paid', '已报销', 'Paid', 'purple'],
]);

/** A label in the caller's locale. */
export function optionLabel(list: PicklistOption[], value: unknown, locale: 'zh-CN' | 'en-US'): string {
  const o = list.find((x) => x.value === value);
  return o ? (o.label[locale] ?? o.label['zh-CN']) : String(value ?? '');
}
