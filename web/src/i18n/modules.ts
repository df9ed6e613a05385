import * as approvals from '../engine/approvals/approvals.i18n.ts';
import * as dictionary from '../modules/admin/dictionary.i18n.ts';
import * as customers from '../modules/customers/customers.i18n.ts';
import * as sales from '../modules/sales/sales.i18n.ts';
import * as team from '../modules/team/team.i18n.ts';

/** Each web module's strings live beside it and are merged here under the module's name. */
export const moduleZh = {
  approvals: approvals.zhCN,
  customers: customers.zhCN,
  sales: sales.zhCN,
  team: team.zhCN,
  dictionary: dictionary.zhCN,
};
export const moduleEn: typeof moduleZh = {
  approvals: approvals.enUS,
  customers: customers.enUS,
  sales: sales.enUS,
  team: team.enUS,
  dictionary: dictionary.enUS,
};
