import type { PicklistOption } from '@kehu/common';

type Choice = [value: string, zh: string, en: string, color?: string];

const options = (list: Choice[]): PicklistOption[] =>
  list.map(([value, zh, en, color]) => ({ value, label: { 'zh-CN': zh, 'en-US': en }, ...(color ? { color } : {}) }));

/** Options module code compares with: the data dictionary may rename them, never deactivate them (WF-7). */
const lock = (list: PicklistOption[], values: string[]) =>
  list.map((o) => (values.includes(o.value) ? { ...o, locked: true } : o));

/**
 * 客户类型 (CUS-1); a dealer is a customer of type dealer (DLR-1): dealer tabs, targets and actuals look for
 * `dealer`, an opportunity's competitors must be of type `competitor`.
 */
export const customerTypes = lock(
  options([
    ['direct', '直接客户', 'Direct customer', 'blue'],
    ['dealer', '经销商', 'Dealer', 'purple'],
    ['prospect', '潜在客户', 'Prospect', 'gold'],
    ['competitor', '竞争对手', 'Competitor', 'red'],
    ['partner', '合作伙伴', 'Partner', 'green'],
  ]),
  ['dealer', 'competitor'],
);

/** Industries that buy special-purpose vehicles (专用车). */
export const industries = options([
  ['sanitation', '环卫', 'Sanitation'],
  ['municipal', '市政', 'Municipal services'],
  ['logistics', '物流', 'Logistics'],
  ['construction', '建筑工程', 'Construction'],
  ['fire', '消防', 'Fire and rescue'],
  ['medical', '医疗', 'Medical'],
  ['petrochemical', '石油化工', 'Petrochemicals'],
  ['power', '电力', 'Power'],
  ['agriculture', '农业', 'Agriculture'],
  ['police', '公安', 'Police'],
  ['other', '其他', 'Other'],
]);

/** 客户属性: the kind of organisation. */
export const attributes = options([
  ['stateOwned', '国有企业', 'State-owned enterprise'],
  ['private', '民营企业', 'Private enterprise'],
  ['foreign', '外资企业', 'Foreign-invested enterprise'],
  ['government', '政府机关', 'Government agency'],
  ['institution', '事业单位', 'Public institution'],
  ['individual', '个体/个人', 'Individual'],
]);

/** 客户分类: the customer's role in the trade. */
export const categories = options([
  ['endUser', '终端用户', 'End user'],
  ['fleet', '车队/运输公司', 'Fleet operator'],
  ['leasing', '租赁公司', 'Leasing company'],
  ['bodyBuilder', '改装厂', 'Body builder'],
  ['trader', '贸易商', 'Trader'],
  ['procurement', '政府采购', 'Public procurement'],
]);

export const levels = options([
  ['VIP', 'VIP', 'VIP', 'magenta'],
  ['A', 'A 类', 'A', 'red'],
  ['B', 'B 类', 'B', 'orange'],
  ['C', 'C 类', 'C', 'default'],
]);

export const sources = options([
  ['exhibition', '展会', 'Trade fair'],
  ['website', '官网', 'Website'],
  ['phone', '电话咨询', 'Phone enquiry'],
  ['referral', '客户介绍', 'Referral'],
  ['tender', '招投标', 'Tender'],
  ['advertising', '广告', 'Advertising'],
  ['visit', '陌生拜访', 'Cold visit'],
  ['dealer', '经销商推荐', 'Dealer lead'],
  ['other', '其他', 'Other'],
]);

/** 信用评估. */
export const creditRatings = options([
  ['AAA', 'AAA 优秀', 'AAA excellent'],
  ['AA', 'AA 良好', 'AA good'],
  ['A', 'A 一般', 'A fair'],
  ['B', 'B 较差', 'B poor'],
  ['C', 'C 差', 'C bad'],
]);

/** 价值评估 (which 20% make 80% of the profit). */
export const valueRatings = options([
  ['high', '高价值', 'High value'],
  ['medium', '中等价值', 'Medium value'],
  ['low', '低价值', 'Low value'],
]);

/** 关系等级. */
export const relationshipLevels = options([
  ['close', '密切', 'Close'],
  ['good', '良好', 'Good'],
  ['normal', '一般', 'Normal'],
  ['new', '初步接触', 'New'],
  ['tense', '紧张', 'Tense'],
]);

/** 联系人的决策角色 (CUS-10). */
export const decisionRoles = options([
  ['decisionMaker', '决策者', 'Decision maker'],
  ['influencer', '影响者', 'Influencer'],
  ['user', '使用者', 'User'],
  ['purchaser', '采购', 'Purchaser'],
  ['technical', '技术把关', 'Technical gatekeeper'],
  ['other', '其他', 'Other'],
]);

export const genders = options([
  ['male', '男', 'Male'],
  ['female', '女', 'Female'],
]);
