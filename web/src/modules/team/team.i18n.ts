import { workEn, workZh } from './work.i18n.ts';
import { workbenchEn, workbenchZh } from './workbench.i18n.ts';

/** UI strings of the team module (used as t('team.<part>.…')); both languages have the same keys. */
export const zhCN = { ...workZh, ...workbenchZh };
export const enUS: typeof zhCN = { ...workEn, ...workbenchEn };
