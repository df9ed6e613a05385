import { type FieldErrorCode, locales } from '@kehu/common';
import { isBuiltin } from '../metadata/registry.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import type { ValueMap } from './cell-input.ts';
import type { ImportMatcher } from './import-matchers.ts';

/** What the caller may do with a field (Access.canReadField / canWriteField bound to the object). */
export interface FieldGates {
  canRead(f: FieldDef): boolean;
  canWrite(f: FieldDef): boolean;
  /** Seen in the clear (not masked): only such a field may identify duplicates, or matching would be an oracle. */
  canQuery?(f: FieldDef): boolean;
}

/** Types whose values cannot come from one spreadsheet cell (or are set by the system). */
const notImportable = new Set(['oneToMany', 'attachments', 'computed', 'autoNumber', 'password']);

/** A field an import may write: visible, writable for the caller, and expressible as a cell. */
export function importableField(f: FieldDef, gates: FieldGates): boolean {
  return (
    !isBuiltin(f) &&
    f.impl.writable &&
    !f.readOnly &&
    !f.impl.secret &&
    !notImportable.has(f.type) &&
    gates.canRead(f) &&
    gates.canWrite(f)
  );
}

/** A field that can identify an existing record (duplicate policy): a single text-like column, an integer, or the id. */
export function matchableField(f: FieldDef, gates: FieldGates): boolean {
  if (f.impl.secret || !gates.canRead(f) || !(gates.canQuery?.(f) ?? true) || !f.column) return false;
  if (f.name === 'id' || f.type === 'integer') return true;
  // Search shadows (pinyin, bigrams) sit beside the value; only the value column counts.
  const cols = f.impl.columns(f).filter((c) => !c.shadow);
  return f.impl.kind === 'text' && cols.length === 1 && cols[0].name === f.column && f.type !== 'richText';
}

/** Header text compared loosely: case, spaces, required-markers and trailing notes in brackets do not matter. */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFKC') // full-width brackets and letters become ASCII
    .toLowerCase()
    .replace(/[\s*:]/g, '')
    .replace(/\([^)]*\)$/, '')
    .replace(/[_-]/g, '');
}

/** Headers matched to fields by name or by label in any language; each field is used once. */
export function suggestMapping(headers: string[], obj: ObjectDef, gates: FieldGates): Record<string, string> {
  const byKey = new Map<string, string>();
  for (const f of obj.fields.values()) {
    if (!importableField(f, gates) && !(f.type === 'autoNumber' && matchableField(f, gates))) continue;
    const keys = [f.name, ...locales.map((l) => f.label[l]).filter((x): x is string => !!x)];
    for (const k of keys) if (!byKey.has(normalizeHeader(k))) byKey.set(normalizeHeader(k), f.name);
  }
  const out: Record<string, string> = {};
  const used = new Set<string>();
  for (const h of headers) {
    const name = byKey.get(normalizeHeader(h));
    if (!h || !name || used.has(name) || h in out) continue;
    out[h] = name;
    used.add(name);
  }
  return out;
}

export interface MappedColumn {
  /** Position of the column in the sheet. */
  index: number;
  header: string;
  field: FieldDef;
  /** Used only to find the existing record (e.g. a system-assigned code); never written. */
  matchOnly: boolean;
  /** Values the user mapped by hand for this column (value-mapping step). */
  values?: ValueMap;
}

export interface ResolvedMapping {
  columns: MappedColumn[];
  matchOn?: FieldDef;
  /** A module's matcher named by `matchOn` instead of a field. */
  matcher?: ImportMatcher;
  /** Problems keyed by header (or `matchOn`), in the API's field-error vocabulary. */
  problems: Record<string, FieldErrorCode>;
}

/**
 * Check a `{ header: field }` mapping against the sheet's headers and the caller's field rights. Unknown headers,
 * hidden fields and read-only fields are refused before the import starts, so rows never fail for them.
 */
export function resolveMapping(
  headers: string[],
  mapping: Record<string, string | null>,
  obj: ObjectDef,
  gates: FieldGates,
  matchOnName?: string,
  matchers: readonly ImportMatcher[] = [],
): ResolvedMapping {
  const problems: Record<string, FieldErrorCode> = {};
  const columns: MappedColumn[] = [];
  const used = new Set<string>();
  let matchOn: FieldDef | undefined;
  // A matcher reads stored values of its fields: only for callers who may read them all.
  const matcher = matchers.find((m) => m.name === matchOnName);
  const readable = (name: string) => {
    const f = obj.fields.get(name);
    return !!f && gates.canRead(f) && (gates.canQuery?.(f) ?? true) && !f.impl.secret;
  };
  if (matcher) {
    if (!matcher.fields.every(readable)) problems.matchOn = 'unknown';
  } else if (matchOnName !== undefined) {
    const f = obj.fields.get(matchOnName);
    if (!f || !gates.canRead(f) || f.impl.secret) problems.matchOn = 'unknown';
    else if (!matchableField(f, gates)) problems.matchOn = 'invalidOption';
    else matchOn = f;
  }
  for (const [header, name] of Object.entries(mapping)) {
    if (name === null || name === '') continue; // column deliberately left out
    const key = header.slice(0, 100);
    const index = headers.indexOf(header);
    const f = typeof name === 'string' ? obj.fields.get(name) : undefined;
    if (index < 0) problems[key] = 'unknown';
    else if (!f || f.impl.secret || !gates.canRead(f)) problems[key] = 'unknown';
    else if (used.has(f.name)) problems[key] = 'duplicate';
    else if (importableField(f, gates)) columns.push({ index, header, field: f, matchOnly: false });
    else if (f === matchOn) columns.push({ index, header, field: f, matchOnly: true });
    else problems[key] = 'readOnly';
    if (f) used.add(f.name);
  }
  if (matchOn && !columns.some((c) => c.field === matchOn) && !problems.matchOn) problems.matchOn = 'required';
  if (matcher && !columns.some((c) => matcher.fields.includes(c.field.name)) && !problems.matchOn)
    problems.matchOn = 'required';
  return { columns, matchOn, matcher: matcher && !problems.matchOn ? matcher : undefined, problems };
}
