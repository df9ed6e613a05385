import type { PicklistOption } from '@kehu/common';

type Choice = [value: string, zh: string, en: string, color?: string];

const options = (list: Choice[]): PicklistOption[] =>
  list.map(([value, zh, en, color]) => ({ value, label: { 'zh-CN': zh, 'en-US': en }, ...(color ? { color } : {}) }));

export const l = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

/** Product categories of a special-vehicle maker (ORD-1); sales processes are chosen per category (SAL-3). */
export const productCategories = options([
  ['refrigerated', '冷藏车', 'Refrigerated truck'],
  ['sanitation', '环卫车', 'Sanitation vehicle'],
  ['truckCrane', '随车吊', 'Truck-mounted crane'],
  ['tanker', '油罐车', 'Tanker'],
  ['van', '厢式车', 'Box van'],
  ['fire', '消防车', 'Fire engine'],
  ['medical', '医疗车', 'Medical vehicle'],
  ['parts', '配件', 'Spare parts'],
  ['service', '服务', 'Service'],
]);

export const units = options([
  ['vehicle', '台', 'vehicle'],
  ['set', '套', 'set'],
  ['piece', '件', 'piece'],
  ['item', '项', 'item'],
]);

/** Opportunity status (SAL-1). */
export const opportunityStatuses = options([
  ['open', '进行中', 'Open', 'blue'],
  ['won', '赢单', 'Won', 'green'],
  ['lost', '输单', 'Lost', 'red'],
  ['abandoned', '放弃', 'Abandoned', 'default'],
]);

/** Why an opportunity was lost or abandoned (required for those statuses). */
export const closeReasons = options([
  ['price', '价格', 'Price'],
  ['competitor', '竞争对手', 'Competitor'],
  ['productFit', '产品不匹配', 'Product fit'],
  ['budget', '预算取消', 'Budget cancelled'],
  ['timing', '时间推迟', 'Postponed'],
  ['relationship', '客户关系', 'Relationship'],
  ['other', '其他', 'Other'],
]);

/** Warnings kept on an opportunity: accepted input that deserves a second look. */
export const opportunityWarnings = options([
  ['closeDatePast', '预计成交日期已过', 'Expected close date has passed', 'orange'],
]);

export const threatLevels = options([
  ['high', '高', 'High', 'red'],
  ['medium', '中', 'Medium', 'orange'],
  ['low', '低', 'Low', 'default'],
]);

export const competitorStatuses = options([
  ['active', '参与中', 'Competing'],
  ['eliminated', '已出局', 'Eliminated'],
  ['winner', '中标', 'Won the deal'],
]);

/** Target levels of the roll-up company → region → office/dealer → salesperson (DLR-5). */
export const targetLevels = options([
  ['company', '公司', 'Company'],
  ['region', '大区', 'Region'],
  ['office', '办事处', 'Office'],
  ['dealer', '经销商', 'Dealer'],
  ['salesperson', '销售员', 'Salesperson'],
]);

export const targetMetrics = options([
  ['units', '台量', 'Units'],
  ['amount', '销售额', 'Sales amount'],
  ['collections', '回款额', 'Collections'],
]);
