import { FieldProblem } from '../errors.ts';
import type { FieldType } from './field-type.ts';
import { arrayOps, isEmptyArray } from './multi-picklist.field.ts';

const maxTagLength = 40;
const maxTags = 50;

function cleanTag(v: unknown): string {
  if (typeof v !== 'string' && typeof v !== 'number') throw new FieldProblem('type');
  // Spreadsheet cells and pasted text bring odd spacing; one space between words is what users mean.
  const tag = String(v).normalize('NFC').replace(/\s+/g, ' ').trim();
  if (/[\p{Cc}\p{Cf}]/u.test(tag)) throw new FieldProblem('format');
  if (tag.length > maxTagLength) throw new FieldProblem('tooLong');
  return tag;
}

/** Free tags: trimmed, empty ones dropped, duplicates (ignoring case) removed keeping the first spelling. */
export function parseTags(v: unknown): string[] {
  // "重点, VIP；华东" from imports is accepted as a list.
  const items = typeof v === 'string' ? v.split(/[,，;；、\n]/) : v;
  if (!Array.isArray(items) || items.length > maxTags * 4) throw new FieldProblem('type');
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of items) {
    const tag = cleanTag(item);
    const key = tag.toLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  if (out.length > maxTags) throw new FieldProblem('tooLarge');
  return out;
}

/** Free-form labels (text[] with a GIN index). */
export const tagsField: FieldType = {
  name: 'tags',
  kind: 'array',
  columns: (f) => [{ name: f.column!, sql: 'text[]', index: 'gin' }],
  writable: true,
  parse: (v, ctx) => ({ [ctx.field.column!]: parseTags(v) }),
  isEmpty: (v) => isEmptyArray(v) || (Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() === '')),
  format: (row, f) => row[f.column!] ?? [],
  ops: arrayOps,
  filterValue: cleanTag,
  sortable: false,
  groupable: false,
  aggregates: ['count'],
  jsonSchema: () => ({
    type: 'array',
    maxItems: maxTags,
    items: { type: 'string', maxLength: maxTagLength },
  }),
};
