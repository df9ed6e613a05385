import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLocale } from '../engine/api.ts';
import { enUS } from '../i18n/en-US.ts';
import { zhCN } from '../i18n/zh-CN.ts';

export type UiLocale = 'zh-CN' | 'en-US';
const storageKey = 'kehu.locale';

export function initialLocale(): UiLocale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(storageKey) : null;
  return saved === 'en-US' ? 'en-US' : 'zh-CN';
}

/** Simplified Chinese by default; English on the switch (OPS-5). The API is asked for messages in the same language. */
export function initI18n(locale: UiLocale = initialLocale()) {
  setApiLocale(locale);
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  void i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
    lng: locale,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

export async function switchLocale(locale: UiLocale) {
  localStorage.setItem(storageKey, locale);
  setApiLocale(locale);
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
  await i18next.changeLanguage(locale);
}
