import type { Locale } from '../metadata.ts';
import { enUS } from './en-US.ts';
import { zhCN } from './zh-CN.ts';

const catalogs: Record<Locale, Record<string, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

/** Translate a server message key, filling `{name}` placeholders. */
export function translate(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  const text = catalogs[locale]?.[key] ?? catalogs['zh-CN'][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

export function catalogKeys(locale: Locale): string[] {
  return Object.keys(catalogs[locale]);
}
