import { designerEn, designerZh } from './designer.i18n.ts';
import { inboxEn, inboxZh } from './inbox.i18n.ts';

/** The approvals' UI strings (used as t('approvals.…')); both languages have the same keys. */
export const zhCN = { ...inboxZh, designer: designerZh };
export const enUS: typeof zhCN = { ...inboxEn, designer: designerEn };
