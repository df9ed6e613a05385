import type { Locale } from '../metadata.ts';
import { enUS } from './en-US.ts';
import { zhCN } from './zh-CN.ts';

const catalogs: Record<Locale, Record<string, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

/** Translate a server message key, filling `{name}` placeholders. */
export function translate(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  const text = catalogs[locale]?.[key] ?? catalogs['zh-CN'][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) =>
    name in params ? paramText(params[name], locale) : `{${name}}`,
  );
}

/** A parameter is text, or a label in several languages (`{ 'zh-CN': '电话', 'en-US': 'Phone' }`). */
function paramText(v: unknown, locale: Locale): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    // A message of its own: `{ key: 'flow.problem.noApprover', params }`.
    const m = v as { key?: unknown; params?: Record<string, unknown> };
    if (typeof m.key === 'string') return translate(locale, m.key, m.params ?? {});
    const l = v as Partial<Record<Locale, string>>;
    return String(l[locale] ?? l['zh-CN'] ?? Object.values(l)[0] ?? '');
  }
  return String(v);
}

export function catalogKeys(locale: Locale): string[] {
  return Object.keys(catalogs[locale]);
}
