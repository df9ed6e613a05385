import type { FilterOp } from '@kehu/common';
import { FieldProblem } from '../errors.ts';
import type { FieldType } from './field-type.ts';
import { orderAggregates } from './scalar-ops.ts';

const maxLength = 2000;

/**
 * A web address → canonical http(s) URL, or null. A bare `www.example.com` gets `https://`; any other scheme
 * (javascript:, data:, file:) is refused because these values end up as links in the browser.
 */
export function normalizeUrl(text: string): string | null {
  let raw = text.trim();
  if (raw.length === 0 || raw.length > maxLength || /[\s\p{Cc}]/u.test(raw)) return null;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(raw)) {
    if (raw.startsWith('//') || !/^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+(:\d+)?([/?#]|$)/u.test(raw)) return null;
    raw = `https://${raw}`;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // user:password@host is how phishing links disguise their real host.
  if (url.username || url.password) return null;
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') return null;
  return url.href.length <= maxLength ? url.href : null;
}

export function parseUrl(v: unknown): string {
  if (typeof v !== 'string') throw new FieldProblem('type');
  const url = normalizeUrl(v);
  if (!url) throw new FieldProblem('invalidUrl');
  return url;
}

const urlOps: readonly FilterOp[] = ['eq', 'ne', 'contains', 'notContains', 'startsWith', 'isEmpty', 'isNotEmpty'];

/** A web address (http or https only). */
export const urlField: FieldType = {
  name: 'url',
  kind: 'text',
  columns: (f) => [{ name: f.column!, sql: 'text' }],
  writable: true,
  parse: (v, ctx) => ({ [ctx.field.column!]: parseUrl(v) }),
  format: (row, f) => row[f.column!] ?? null,
  ops: urlOps,
  filterValue: (v) => {
    if (typeof v !== 'string') throw new FieldProblem('type');
    return v.trim();
  },
  sortable: true,
  groupable: false,
  aggregates: orderAggregates,
  jsonSchema: () => ({ type: 'string', format: 'uri', maxLength }),
};
