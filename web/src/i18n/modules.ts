import * as approvals from '../engine/approvals/approvals.i18n.ts';
import { importEn, importZh } from '../engine/transfer/import.i18n.ts';
import * as dictionary from '../modules/admin/dictionary.i18n.ts';
import * as customers from '../modules/customers/customers.i18n.ts';
import * as sales from '../modules/sales/sales.i18n.ts';
import * as team from '../modules/team/team.i18n.ts';

/**
 * The strings of the signed-in screens that sign-in does not show: each web module's (kept beside it, merged here
 * under the module's name), the approvals' and the import wizard's. They are added with the shell
 * (app/screen-strings.ts).
 */
export const moduleZh = {
  approvals: approvals.zhCN,
  customers: customers.zhCN,
  sales: sales.zhCN,
  team: team.zhCN,
  dictionary: dictionary.zhCN,
  import: importZh,
};
export const moduleEn: typeof moduleZh = {
  approvals: approvals.enUS,
  customers: customers.enUS,
  sales: sales.enUS,
  team: team.enUS,
  dictionary: dictionary.enUS,
  import: importEn,
};
