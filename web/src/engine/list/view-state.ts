import type { Filter } from '@kehu/common';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ObjectMeta } from '../metadata.ts';
import { defaultColumns, fieldOf } from '../metadata.ts';

/** What a list shows: the part a saved view stores. */
export interface ListView {
  filter?: Filter;
  sort?: string;
  columns: string[];
  groupBy?: string;
  viewId?: number;
  /** The user chose these columns (else the administrator's list layout, else the defaults). */
  customColumns?: boolean;
}

const key = (object: string) => `kehu.list.${object}`;

const isFilter = (f: unknown): f is Filter => {
  if (typeof f !== 'object' || f === null || Array.isArray(f)) return false;
  const o = f as Record<string, unknown>;
  if ('and' in o || 'or' in o) return Array.isArray(o.and ?? o.or) && ((o.and ?? o.or) as unknown[]).every(isFilter);
  if ('not' in o) return isFilter(o.not);
  return typeof o.field === 'string' && typeof o.op === 'string';
};

/** `?filter=<json>` on a list's URL: a link from a chart or a report opens the list filtered to its records. */
export function filterFromUrl(param: string | null): Filter | undefined {
  if (!param) return undefined;
  try {
    const f: unknown = JSON.parse(param);
    return isFilter(f) ? f : undefined;
  } catch {
    return undefined;
  }
}

/** The list URL that shows `object`'s records matching `filter`. */
export const listUrl = (object: string, filter?: Filter) =>
  `/o/${object}${filter ? `?filter=${encodeURIComponent(JSON.stringify(filter))}` : ''}`;

/**
 * The view a list opens with: the one this browser tab last had (sessionStorage), else the defaults; a linked filter
 * replaces the tab's filter (and grouping, saved view) while columns and sort stay.
 */
export function openingView(meta: ObjectMeta | undefined, linked: Filter | undefined): ListView {
  const withLinked = (v: ListView): ListView =>
    linked ? { ...v, filter: linked, groupBy: undefined, viewId: undefined } : v;
  const base: ListView = { columns: meta ? defaultColumns(meta) : [], sort: '-updatedAt' };
  try {
    const saved = sessionStorage.getItem(key(meta?.name ?? ''));
    return withLinked(saved ? { ...base, ...JSON.parse(saved) } : base);
  } catch {
    return withLinked(base);
  }
}

/** The columns shown: the user's choice, else the administrator's list layout, else the defaults (known fields). */
export function shownColumns(meta: ObjectMeta | undefined, view: ListView, layout?: string[] | null): string[] {
  const known = new Set(meta?.fields.map((f) => f.name));
  const preferred = !view.customColumns && layout?.length ? layout : view.columns;
  const columns = preferred.filter((c) => known.has(c));
  return columns.length ? columns : meta ? defaultColumns(meta) : [];
}

/** The fields a list asks the server for: the title (the link of each row) and the columns shown, nothing else. */
export const listFields = (meta: ObjectMeta, columns: string[]) =>
  [...new Set([meta.titleField || 'name', ...columns])].filter((n) => fieldOf(meta, n));

/** The list's view for this browser tab, kept while the user opens records and comes back. */
export function useListView(meta: ObjectMeta | undefined, layout?: string[] | null): [ListView, (v: ListView) => void] {
  const name = meta?.name ?? '';
  const [params, setParams] = useSearchParams();
  const linked = filterFromUrl(params.get('filter'));
  const initial = () => openingView(meta, linked);
  const [view, setView] = useState<ListView>(initial);
  const [forObject, setForObject] = useState(name);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the object changes
  useEffect(() => {
    if (forObject !== name) {
      setForObject(name);
      setView(initial());
    }
  }, [name]);
  const current = forObject === name ? view : initial();
  const store = (next: ListView) => {
    setView(next);
    sessionStorage.setItem(key(name), JSON.stringify(next));
  };
  const update = (v: ListView) => store({ ...v, customColumns: v.customColumns || v.columns !== shown });
  // Once applied, the linked filter is the tab's view (kept when the user comes back); the URL is the plain list.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the link changes
  useEffect(() => {
    if (!params.has('filter') || !name) return;
    if (linked) store({ ...current, filter: linked, groupBy: undefined, viewId: undefined });
    setParams(
      (p) => {
        p.delete('filter');
        return p;
      },
      { replace: true },
    );
  }, [params, name]);
  const shown = shownColumns(meta, current, layout);
  return [{ ...current, columns: shown }, update];
}

export function sortOf(sort: string | undefined, field: string): 'ascend' | 'descend' | null {
  const first = sort?.split(',')[0];
  if (first === field) return 'ascend';
  if (first === `-${field}`) return 'descend';
  return null;
}
