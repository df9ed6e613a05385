import { importEn, importZh } from '../engine/transfer/import.i18n.ts';
import * as customers from '../modules/customers/customers.i18n.ts';
import * as sales from '../modules/sales/sales.i18n.ts';
import * as team from '../modules/team/team.i18n.ts';

/**
 * The strings of the signed-in screens that sign-in does not show: each web module's (kept beside it, merged here
 * under the module's name) and the import wizard's. They are added with the shell (app/screen-strings.ts).
 */
export const moduleZh = { customers: customers.zhCN, sales: sales.zhCN, team: team.zhCN, import: importZh };
export const moduleEn: typeof moduleZh = {
  customers: customers.enUS,
  sales: sales.enUS,
  team: team.enUS,
  import: importEn,
};
