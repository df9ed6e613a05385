import type { Filter } from '@kehu/common';
import { useEffect, useState } from 'react';
import type { ObjectMeta } from '../metadata.ts';
import { defaultColumns } from '../metadata.ts';

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

/** The list's view for this browser tab, kept while the user opens records and comes back. */
export function useListView(meta: ObjectMeta | undefined, layout?: string[] | null): [ListView, (v: ListView) => void] {
  const name = meta?.name ?? '';
  const initial = (): ListView => {
    const base: ListView = { columns: meta ? defaultColumns(meta) : [], sort: '-updatedAt' };
    try {
      const saved = sessionStorage.getItem(key(name));
      return saved ? { ...base, ...JSON.parse(saved) } : base;
    } catch {
      return base;
    }
  };
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
  const update = (v: ListView) => {
    const next = { ...v, customColumns: v.customColumns || v.columns !== shown };
    setView(next);
    sessionStorage.setItem(key(name), JSON.stringify(next));
  };
  const known = new Set(meta?.fields.map((f) => f.name));
  const preferred = !current.customColumns && layout?.length ? layout : current.columns;
  const columns = preferred.filter((c) => known.has(c));
  const shown = columns.length ? columns : meta ? defaultColumns(meta) : [];
  return [{ ...current, columns: shown }, update];
}

export function sortOf(sort: string | undefined, field: string): 'ascend' | 'descend' | null {
  const first = sort?.split(',')[0];
  if (first === field) return 'ascend';
  if (first === `-${field}`) return 'descend';
  return null;
}
