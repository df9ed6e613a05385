import i18next from 'i18next';
import { moduleEn, moduleZh } from '../i18n/modules.ts';

/** Adds the signed-in screens' strings (modules, import wizard) in both languages; the shell calls it on load. */
export function addScreenStrings() {
  i18next.addResourceBundle('zh-CN', 'translation', moduleZh, true, false);
  i18next.addResourceBundle('en-US', 'translation', moduleEn, true, false);
}
