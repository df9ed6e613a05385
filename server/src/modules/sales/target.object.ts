import {
  decimal,
  defineObject,
  integer,
  longText,
  manyToOne,
  owner,
  percent,
  picklist,
  text,
} from '../../engine/metadata/define.ts';
import { l, targetLevels, targetMetrics } from './options.ts';

const tier = (n: number) =>
  decimal({ label: l(`目标${n}`, `Tier ${n}`), min: 0, scale: 2, ...(n === 1 ? { required: true } : {}) });
const rate = (n: number) => percent({ label: l(`目标${n}提成比例`, `Tier ${n} commission rate`) });

/**
 * 目标 (DLR-5): one model for the company, regions, offices, dealers and salespeople; annual (no month) or
 * monthly; units, sales amount or collections; three tiers with a commission rate each. The owner is the person
 * the target is for (set by the hook), so scopes decide who sees which targets.
 */
export const salesTargetObject = defineObject({
  name: 'salesTarget',
  label: l('销售目标', 'Sales target'),
  nav: { group: 'sales', order: 40 },
  pluralLabel: l('销售目标', 'Sales targets'),
  icon: 'aim',
  fields: {
    name: text({ label: l('名称', 'Name'), readOnly: true, maxLength: 200 }),
    level: picklist({ fixedOptions: true, label: l('层级', 'Level'), options: targetLevels, required: true }),
    department: manyToOne({ label: l('部门', 'Department'), object: 'department' }),
    user: manyToOne({ label: l('销售员', 'Salesperson'), object: 'user' }),
    dealer: manyToOne({ label: l('经销商', 'Dealer'), object: 'customer' }),
    year: integer({ label: l('年度', 'Year'), required: true, min: 2000, max: 2100 }),
    month: integer({
      label: l('月份', 'Month'),
      min: 1,
      max: 12,
      help: l('留空表示年度目标', 'Empty for an annual target'),
    }),
    metric: picklist({
      fixedOptions: true,
      label: l('指标', 'Metric'),
      options: targetMetrics,
      required: true,
      default: 'amount',
    }),
    tier1: tier(1),
    tier2: tier(2),
    tier3: tier(3),
    rate1: rate(1),
    rate2: rate(2),
    rate3: rate(3),
    owner: owner({ label: l('负责人', 'Owner'), readOnly: true }),
    notes: longText({ label: l('备注', 'Notes') }),
  },
});
