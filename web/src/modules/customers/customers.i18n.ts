import { contactsEn, contactsZh } from './contacts.i18n.ts';
import { mergeEn, mergeZh } from './merge.i18n.ts';
import { ownershipEn, ownershipZh } from './ownership.i18n.ts';
import { statsEn, statsZh } from './stats.i18n.ts';

/** UI strings of the customers module (used as t('customers.<part>.…')); both languages have the same keys. */
export const zhCN = { merge: mergeZh, ownership: ownershipZh, contacts: contactsZh, stats: statsZh };
export const enUS: typeof zhCN = { merge: mergeEn, ownership: ownershipEn, contacts: contactsEn, stats: statsEn };
