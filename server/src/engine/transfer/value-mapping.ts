import { isActiveOption, labelText } from '@kehu/common';
import type { Ctx } from '../context.ts';
import type { FieldDef } from '../metadata/types.ts';
import { listRecords } from '../query/list.ts';
import { cellInput, optionValue } from './cell-input.ts';
import type { MappedColumn } from './mapping.ts';
import { RelationLookup, relationTypes } from './relation-lookup.ts';
import { isBlankCell, readSheet, type SheetFormat } from './spreadsheet-reader.ts';
import { suggestOption } from './value-suggest.ts';
import { isWatermarkRow } from './watermark-row.ts';

const pickTypes = new Set(['picklist', 'multiPicklist']);
const activeValue = (f: FieldDef, v: string | undefined) =>
  v !== undefined && (f.options ?? []).some((o) => o.value === v && isActiveOption(o));
/** Distinct values kept per column while the file is read, and listed (most frequent first). */
const maxDistinct = 2000;
const maxListed = 200;
/** Relation values that get record suggestions (one search each). */
const maxSearched = 50;

export interface ValueChoice {
  value: string;
  label: string;
}

export interface UnmatchedValue {
  /** The text as the sheet has it. */
  text: string;
  /** Rows holding it. */
  count: number;
  /** The option (or record id) suggested for it, if one is close. */
  suggestion: string | null;
  /** Relations: records the text may stand for (options of picklists are listed once, on the column). */
  candidates?: ValueChoice[];
  /** Relations: the text names several records. */
  ambiguous?: boolean;
}

export interface ValueColumn {
  header: string;
  field: string;
  fieldLabel: string;
  type: string;
  /** Picklists: every option, for the user's choice. */
  options?: ValueChoice[];
  values: UnmatchedValue[];
  /** More distinct values than listed. */
  truncated: boolean;
}

/** The texts of one cell that a column's value mapping applies to: options for picklists, names for relations. */
function texts(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => String(x).trim()).filter(Boolean);
}

/**
 * The values of the mapped picklist and relation columns that match no option (or name no record the caller may
 * read), over the whole file, each with how often it occurs and a suggestion: by similarity and pinyin for options,
 * by the engine's search (access-checked) for records.
 */
export async function unmatchedValues(
  ctx: Ctx,
  file: string,
  format: SheetFormat,
  headerRow: number,
  columns: MappedColumn[],
): Promise<ValueColumn[]> {
  const cols = columns.filter((c) => !c.matchOnly && (pickTypes.has(c.field.type) || relationTypes.has(c.field.type)));
  const counts = cols.map(() => new Map<string, number>());
  const full = cols.map(() => false);
  for await (const r of readSheet(file, format)) {
    if (r.row <= headerRow || r.cells.every(isBlankCell) || isWatermarkRow(r.cells)) continue;
    cols.forEach((c, i) => {
      for (const t of texts(cellInput(c.field, r.cells[c.index] ?? null, ctx.timezone))) {
        // A deactivated option (WF-7) is listed too: new writes refuse it, so the user maps it to an active one.
        if (pickTypes.has(c.field.type) && activeValue(c.field, optionValue(c.field, t))) continue;
        const m = counts[i];
        if (m.has(t)) m.set(t, m.get(t)! + 1);
        else if (m.size < maxDistinct) m.set(t, 1);
        else full[i] = true;
      }
    });
  }
  const lookup = new RelationLookup(ctx);
  const out: ValueColumn[] = [];
  for (const [i, c] of cols.entries()) {
    const f = c.field;
    let entries = [...counts[i].entries()];
    const base = { header: c.header, field: f.name, fieldLabel: labelText(f.label, ctx.locale, f.name), type: f.type };
    if (pickTypes.has(f.type)) {
      const active = (f.options ?? []).filter(isActiveOption);
      const options = active.map((o) => ({
        value: o.value,
        label: labelText(o.label, ctx.locale, o.value),
      }));
      entries.sort((a, b) => b[1] - a[1]);
      const values = entries.slice(0, maxListed).map(([text, count]) => ({
        text,
        count,
        suggestion: suggestOption(text, active)?.value ?? null,
      }));
      if (values.length) out.push({ ...base, options, values, truncated: full[i] || entries.length > maxListed });
      continue;
    }
    await lookup.load(
      ctx.db,
      f,
      entries.map(([t]) => t),
    );
    entries = entries.filter(([t]) => {
      const r = lookup.get(f, t);
      return r === 'notFound' || r === 'ambiguous';
    });
    entries.sort((a, b) => b[1] - a[1]);
    const values: UnmatchedValue[] = [];
    for (const [n, [text, count]] of entries.slice(0, maxListed).entries()) {
      const candidates = n < maxSearched ? await recordChoices(ctx, f, text) : [];
      const ambiguous = lookup.get(f, text) === 'ambiguous';
      values.push({
        text,
        count,
        suggestion: ambiguous ? null : (candidates[0]?.value ?? null),
        candidates,
        ambiguous,
      });
    }
    if (values.length) out.push({ ...base, values, truncated: full[i] || entries.length > maxListed });
  }
  return out;
}

/** Records of a relation's target that a name may stand for, best first, among those the caller may read. */
async function recordChoices(ctx: Ctx, f: FieldDef, text: string): Promise<ValueChoice[]> {
  const target = ctx.registry.get(f.type === 'owner' ? 'user' : f.object!);
  if (ctx.access.scope(target.name, 'read') === 'none') return [];
  const page = await listRecords(ctx, target, { q: text, limit: 5 });
  return page.data.map((r) => ({
    value: String(r.id),
    label: String(r[target.titleField] ?? r.id),
  }));
}
