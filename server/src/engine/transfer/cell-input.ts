import { locales } from '@kehu/common';
import { parseRegion } from '../fields/region.field.ts';
import type { FieldDef } from '../metadata/types.ts';
import { wallClock } from '../time-zone.ts';
import { unescapeFormula } from './formula-escape.ts';
import { type Cell, isBlankCell } from './spreadsheet-reader.ts';

/** Separators people use between several values in one cell. */
export const listSeparator = /[,，;；、|\n]+/;

const trueWords = new Set(['true', 'yes', 'y', '1', '是', '对', '√', '✓']);
const falseWords = new Set(['false', 'no', 'n', '0', '否', '不', '×', '✗']);

const pad = (n: number) => String(n).padStart(2, '0');

/** Offset of a time zone from UTC at an instant, in milliseconds. */
function zoneOffset(utcMs: number, tz: string): number {
  const p = wallClock(new Date(utcMs), tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** A wall-clock time in the company's zone → ISO 8601 in UTC. */
export function zonedIso(y: number, mo: number, d: number, h: number, mi: number, s: number, tz: string): string {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  let t = wall - zoneOffset(wall, tz);
  t = wall - zoneOffset(t, tz);
  return new Date(t).toISOString();
}

/** Excel's day number (1900 system) → the calendar date it shows. */
function excelSerial(n: number): Date | undefined {
  if (!Number.isFinite(n) || n < 1 || n >= 2958466) return undefined;
  return new Date(Math.round((n - 25569) * 86400000));
}

const dateText = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$/;

/** Dates as spreadsheets hold them (Date objects whose UTC parts are the wall time) or as people type them. */
function dateParts(cell: Cell): number[] | undefined {
  const d = cell instanceof Date ? cell : typeof cell === 'number' ? excelSerial(cell) : undefined;
  if (d)
    return [
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
    ];
  if (typeof cell !== 'string') return undefined;
  const m = dateText.exec(cell.trim());
  return m ? m.slice(1).map((x) => Number(x ?? 0)) : undefined;
}

function text(cell: Cell): string {
  if (cell instanceof Date) return cell.toISOString();
  return String(cell ?? '').trim();
}

/** Values of one column the user mapped by hand (value-mapping step): sheet text → option value or record id. */
export type ValueMap = Record<string, string | null>;

/** Take a mapped value when the user mapped this text to something; null or absent keeps it as written. */
const mapped = (values: ValueMap | undefined, v: string) =>
  values && Object.hasOwn(values, v) && values[v] !== null ? (values[v] as string) : v;

/** An option's value for a cell's text: its value or a label in any language, letter case aside. */
export function optionValue(f: FieldDef, value: string): string | undefined {
  const v = value.trim();
  const lower = v.toLowerCase();
  for (const o of f.options ?? []) {
    if (o.value === v) return o.value;
    if (locales.some((l) => o.label[l]?.trim().toLowerCase() === lower)) return o.value;
  }
  return undefined;
}

function option(f: FieldDef, value: string, values?: ValueMap): string {
  const v = mapped(values, value.trim());
  return optionValue(f, v) ?? v;
}

/** "山东省 济南市 历下区 经十路 1 号": the longest leading run of names that is a region, the rest is the street. */
function address(value: string, level: FieldDef['level']): Record<string, unknown> {
  const tokens = value.split(/\s+/).filter(Boolean);
  for (let k = Math.min(3, tokens.length); k >= 1; k--) {
    try {
      const codes = parseRegion(tokens.slice(0, k).join(' '), level);
      return { ...codes, street: tokens.slice(k).join(' ') || null };
    } catch {
      /* try fewer names */
    }
  }
  return { street: value };
}

/**
 * One cell → the value the records pipeline expects from a client, so that imports validate exactly like the
 * API: option labels become option values, dates in any common form become ISO dates, lists are split.
 * Relations stay as text here (names are resolved in batches); blank cells are `undefined` (not given).
 */
export function cellInput(f: FieldDef, raw: Cell, timezone: string, values?: ValueMap): unknown {
  if (isBlankCell(raw)) return undefined;
  const cell = typeof raw === 'string' ? unescapeFormula(raw) : raw;
  switch (f.type) {
    case 'integer':
    case 'decimal':
    case 'money':
    case 'percent':
      if (typeof cell === 'number') return f.type === 'integer' ? cell : String(cell);
      return text(cell)
        .replace(/^[¥￥$]|[%％]$/g, '')
        .replace(/[,，\s]/g, '');
    case 'boolean': {
      if (typeof cell === 'boolean') return cell;
      const t = text(cell).toLowerCase();
      return trueWords.has(t) ? true : falseWords.has(t) ? false : t;
    }
    case 'date': {
      const p = dateParts(cell);
      return p ? `${p[0]}-${pad(p[1])}-${pad(p[2])}` : text(cell);
    }
    case 'datetime': {
      if (typeof cell === 'string' && /(Z|[+-]\d{2}:\d{2})$/.test(cell.trim()))
        return cell.trim().replace(/^(\d{4}-\d{2}-\d{2}) +/, '$1T');
      const p = dateParts(cell);
      return p ? zonedIso(p[0], p[1], p[2], p[3], p[4], p[5], timezone) : text(cell);
    }
    case 'picklist':
      return option(f, text(cell), values);
    case 'multiPicklist':
      return text(cell)
        .split(listSeparator)
        .filter((x) => x.trim())
        .map((x) => option(f, x, values));
    case 'tags':
      return text(cell)
        .split(listSeparator)
        .map((x) => x.trim())
        .filter(Boolean);
    case 'manyToMany':
      return text(cell)
        .split(listSeparator)
        .map((x) => x.trim())
        .filter(Boolean)
        .map((x) => mapped(values, x));
    case 'manyToOne':
    case 'owner':
      return mapped(values, text(cell));
    case 'address':
      return address(text(cell), f.level);
    case 'json':
      try {
        return JSON.parse(text(cell));
      } catch {
        return text(cell);
      }
    case 'phone':
    case 'text':
    case 'longText':
    case 'email':
    case 'url':
      return typeof cell === 'number' ? String(cell) : text(cell);
    default:
      return typeof cell === 'string' ? cell.trim() : text(cell);
  }
}
