import * as customers from '../modules/customers/customers.i18n.ts';

/** Each web module's strings live beside it and are merged here under the module's name. */
export const moduleZh = { customers: customers.zhCN };
export const moduleEn: typeof moduleZh = { customers: customers.enUS };
