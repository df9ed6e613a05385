export type UiLocale = 'zh-CN' | 'en-US';
export const localeKey = 'kehu.locale';

/** The language this browser chose (OPS-5): Simplified Chinese unless English was picked. */
export function initialLocale(): UiLocale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(localeKey) : null;
  return saved === 'en-US' ? 'en-US' : 'zh-CN';
}
