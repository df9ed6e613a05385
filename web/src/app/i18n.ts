import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLocale } from '../engine/api.ts';
import { zhCN } from '../i18n/zh-CN.ts';
import { initialLocale, localeKey, type UiLocale } from './locale.ts';

export { initialLocale, type UiLocale };

let english: Promise<void> | undefined;

/** The English strings are fetched when English is chosen: most users never need them (zh-CN is built in). */
function loadStrings(locale: UiLocale): Promise<void> {
  if (locale === 'zh-CN') return Promise.resolve();
  english ??= import('../i18n/en-US.ts').then(({ enUS }) => {
    i18next.addResourceBundle('en-US', 'translation', enUS, true, false);
  });
  return english;
}

/**
 * Simplified Chinese by default; English on the switch (OPS-5). The API is asked for messages in the same language.
 * Resolves once the language's strings are there (at once for Chinese).
 */
export function initI18n(locale: UiLocale = initialLocale()): Promise<void> {
  setApiLocale(locale);
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  void i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN } },
    lng: locale,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return loadStrings(locale);
}

export async function switchLocale(locale: UiLocale) {
  await loadStrings(locale);
  localStorage.setItem(localeKey, locale);
  setApiLocale(locale);
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
  await i18next.changeLanguage(locale);
}
