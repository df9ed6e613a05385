import { formatPhone, type Locale, labelText, translate } from '@kehu/common';
import type { FieldDef } from '../metadata/types.ts';
import { wallClock } from '../time-zone.ts';
import { escapeCell } from './formula-escape.ts';
import type { SheetFormat } from './spreadsheet-reader.ts';

export type OutCell = string | number | Date | null;

export interface ExportEnv {
  locale: Locale;
  timezone: string;
  format: SheetFormat;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall-clock parts of an instant in the company's time zone. */
function wallParts(iso: string, tz: string): number[] {
  const p = wallClock(new Date(iso), tz);
  return [p.year, p.month, p.day, p.hour, p.minute, p.second];
}

const labelOf = (v: unknown): string => {
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return String(o.label ?? o.name ?? o.id ?? '');
  }
  return String(v ?? '');
};

/** A record value → what a person reads in a spreadsheet cell (before formula escaping). */
function plain(f: FieldDef, v: unknown, env: ExportEnv): OutCell {
  const sep = env.locale === 'zh-CN' ? '、' : ', ';
  const option = (x: unknown) => {
    const o = f.options?.find((opt) => opt.value === x);
    return o ? labelText(o.label, env.locale, String(x)) : String(x);
  };
  switch (f.type) {
    case 'picklist':
      return option(v);
    case 'multiPicklist':
      return (v as unknown[]).map(option).join(sep);
    case 'tags':
      return (v as unknown[]).map(String).join(sep);
    case 'manyToMany':
    case 'attachments':
      return (v as unknown[]).map(labelOf).join(sep);
    case 'manyToOne':
    case 'owner':
    case 'region':
    case 'address':
      return labelOf(v);
    case 'boolean':
      return translate(env.locale, v ? 'export.yes' : 'export.no');
    case 'integer':
    case 'percent':
      return typeof v === 'number' ? v : String(v);
    case 'decimal':
    case 'money':
      return env.format === 'xlsx' && Number.isFinite(Number(v)) ? Number(v) : String(v);
    case 'date':
      return env.format === 'xlsx' ? new Date(`${v}T00:00:00Z`) : String(v);
    case 'datetime': {
      const [y, mo, d, h, mi, s] = wallParts(String(v), env.timezone);
      if (env.format === 'xlsx') return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
      return `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
    }
    case 'richText':
      return String(v)
        .replace(/<br\s*\/?>|<\/p>/gi, '\n')
        .replace(/<[^>]*>/g, '')
        .replace(/&nbsp;/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
        .trim();
    case 'json':
      return JSON.stringify(v);
    case 'phone':
      // As people write it (0532-8688 1234); read back by an import, it normalises to the same number.
      return formatPhone(String(v));
    default:
      return typeof v === 'number' ? v : typeof v === 'object' ? labelOf(v) : String(v);
  }
}

/** One exported cell: labels instead of codes, and text that a spreadsheet would run as a formula escaped. */
export function exportCell(f: FieldDef, v: unknown, env: ExportEnv): OutCell {
  if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return null;
  const out = plain(f, v, env);
  return typeof out === 'string' ? escapeCell(out, f.impl.kind === 'number') : out;
}
