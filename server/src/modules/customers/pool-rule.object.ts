import {
  boolean,
  defineObject,
  integer,
  longText,
  manyToOne,
  multiPicklist,
  owner,
  text,
} from '../../engine/metadata/define.ts';
import { customerTypes } from './options.ts';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

/**
 * 公海规则 (CUS-7): a shared pool serving a department and its sub-departments. Its customers are shared with that
 * department (read-only) so the salespeople there see them; claim limits and the automatic return live here too.
 */
export const poolRuleObject = defineObject({
  name: 'customerPoolRule',
  label: l('公海规则', 'Pool rule'),
  nav: { group: 'settings', order: 60 },
  pluralLabel: l('公海规则', 'Pool rules'),
  icon: 'inbox',
  titleField: 'name',
  fields: {
    name: text({ label: l('公海名称', 'Pool name'), required: true, maxLength: 60 }),
    department: manyToOne({
      label: l('服务部门', 'Department served'),
      object: 'department',
      required: true,
      help: l(
        '本部门及下级部门的人员可以看到并领取公海客户',
        'People of this department and its sub-departments see and claim its customers',
      ),
    }),
    customerTypes: multiPicklist({
      optionsFrom: 'customer.type',
      label: l('适用客户类型', 'Customer types'),
      options: customerTypes,
      help: l('留空表示全部类型', 'Empty means every type'),
    }),
    returnAfterDays: integer({
      label: l('未跟进退回天数', 'Return after days without activity'),
      min: 1,
      help: l(
        '负责人超过此天数未联系客户，客户自动退回公海；留空表示不自动退回',
        'Customers nobody contacted for this many days return to the pool; empty = never',
      ),
    }),
    maxHeld: integer({ label: l('每人最多持有', 'Max customers per person'), min: 1 }),
    maxClaimsPerDay: integer({ label: l('每人每日最多领取', 'Max claims per person per day'), min: 1 }),
    active: boolean({ label: l('启用', 'Active'), default: true }),
    notes: longText({ label: l('说明', 'Notes') }),
  },
});

/** 领取记录: who claimed which customer from which pool, and when (the daily claim limit counts these). */
export const poolClaimObject = defineObject({
  name: 'customerPoolClaim',
  label: l('公海领取记录', 'Pool claim'),
  pluralLabel: l('公海领取记录', 'Pool claims'),
  icon: 'history',
  apiReadOnly: true,
  noHistory: true,
  fields: {
    customer: manyToOne({ label: l('客户', 'Customer'), object: 'customer', required: true }),
    pool: manyToOne({ label: l('公海', 'Pool'), object: 'customerPoolRule' }),
    owner: owner({ label: l('领取人', 'Claimed by') }),
  },
});
