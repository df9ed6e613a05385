import { KehuError } from '../errors.ts';

export type DuplicatePolicy = 'skip' | 'update' | 'create';

export interface ImportOptions {
  /** Sheet header → field name (null or '' leaves the column out). Without it, the suggested mapping is used. */
  mapping?: Record<string, string | null>;
  /** Validate every row as a real import would, then roll everything back. */
  dryRun: boolean;
  /**
   * How a row whose `matchOn` value already exists is treated. Left out, the object's first matcher (a customer's
   * credit code or name) skips duplicates; `null` turns duplicate checks off.
   */
  duplicates?: { matchOn: string; policy: DuplicatePolicy } | null;
  /**
   * Values of mapped columns that are no option (or name no record) → the option value or record id to use, per
   * sheet header: { 客户类型: { 直客: 'direct' } }. Null leaves the value as it is (the row reports it).
   */
  values?: Record<string, Record<string, string | null>>;
  /** `all`: any bad row fails the whole import; `validRows`: the good rows are imported, the bad ones reported. */
  mode: 'all' | 'validRows';
}

/** One problem of one row, as reported to the user: the sheet row, the column and field, and a code. */
export interface RowError {
  row: number;
  column?: string;
  field?: string;
  code: string;
  /** Placeholders of the problem's text (field.notOfParent: which field). */
  params?: Record<string, unknown>;
}

const bad = (detail: string) => new KehuError('BAD_REQUEST', { detail });

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** NUL characters never reach the database (PostgreSQL text and jsonb refuse them); headers are read without them too. */
export function withoutNul<T>(v: T): T {
  if (typeof v === 'string') return v.replaceAll('\u0000', '') as T;
  if (Array.isArray(v)) return v.map(withoutNul) as T;
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [withoutNul(k), withoutNul(x)])) as T;
  return v;
}

function parseValues(v: unknown): ImportOptions['values'] {
  if (!isObject(v) || Object.keys(v).length > 500) throw bad('values');
  for (const byRaw of Object.values(v)) {
    if (!isObject(byRaw) || Object.keys(byRaw).length > 5000) throw bad('values');
    for (const to of Object.values(byRaw))
      if (to !== null && (typeof to !== 'string' || to.length > 200)) throw bad('values');
  }
  return v as ImportOptions['values'];
}

/** The `options` form field (JSON text) → checked options; unknown keys are refused, not ignored. */
export function parseImportOptions(text: string | undefined): ImportOptions {
  let raw: unknown = {};
  if (text !== undefined && text.trim() !== '') {
    try {
      raw = withoutNul(JSON.parse(text));
    } catch {
      throw new KehuError('INVALID_JSON');
    }
  }
  if (!isObject(raw)) throw bad('options must be a JSON object');
  for (const k of Object.keys(raw)) {
    if (!['mapping', 'dryRun', 'duplicates', 'mode', 'values'].includes(k))
      throw new KehuError('UNKNOWN_PARAMETER', { parameter: k.slice(0, 40) });
  }
  const out: ImportOptions = { dryRun: false, mode: 'all' };
  if (raw.mapping !== undefined) {
    if (!isObject(raw.mapping) || Object.keys(raw.mapping).length > 500) throw bad('mapping');
    for (const v of Object.values(raw.mapping)) if (v !== null && typeof v !== 'string') throw bad('mapping');
    out.mapping = raw.mapping as Record<string, string | null>;
  }
  if (raw.dryRun !== undefined) {
    if (typeof raw.dryRun !== 'boolean') throw bad('dryRun');
    out.dryRun = raw.dryRun;
  }
  if (raw.mode !== undefined) {
    if (raw.mode !== 'all' && raw.mode !== 'validRows') throw bad('mode');
    out.mode = raw.mode;
  }
  if (raw.values !== undefined) out.values = parseValues(raw.values);
  if (raw.duplicates === null) out.duplicates = null;
  else if (raw.duplicates !== undefined) {
    const d = raw.duplicates;
    if (!isObject(d) || typeof d.matchOn !== 'string' || !['skip', 'update', 'create'].includes(d.policy as string)) {
      throw bad('duplicates');
    }
    out.duplicates = { matchOn: d.matchOn, policy: d.policy as DuplicatePolicy };
  }
  return out;
}
