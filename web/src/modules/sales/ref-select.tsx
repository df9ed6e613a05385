import type { Filter } from '@kehu/common';
import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { api, qs } from '../../engine/api.ts';
import { recordTitle, useObject } from '../../engine/metadata.ts';

export interface RefValue {
  id: number;
  label: string;
}

/**
 * A one-record picker with its own placeholder (the filter bars show several side by side): type-ahead search on
 * the object, inside the caller's scope. Nothing is shown when the user may not read the object.
 */
export function RefSelect({
  object,
  placeholder,
  value,
  onChange,
  filter,
  testId,
  block,
}: {
  object: string;
  placeholder: string;
  value?: RefValue;
  onChange?(v: RefValue | undefined): void;
  filter?: Filter;
  testId?: string;
  /** Full width (in forms) rather than filter-bar width. */
  block?: boolean;
}) {
  const { meta } = useObject(object);
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const h = setTimeout(() => setQ(search), 250);
    return () => clearTimeout(h);
  }, [search]);
  const found = useQuery({
    queryKey: ['lookup', object, q, filter],
    enabled: open && !!meta,
    staleTime: 30_000,
    queryFn: ({ signal }) =>
      api.get<{ data: Record<string, unknown>[] }>(`/api/objects/${object}${qs({ q, filter, limit: 20 })}`, signal),
  });
  if (!meta) return null;
  const options = new Map<number, string>(value ? [[value.id, value.label]] : []);
  for (const r of found.data?.data ?? []) options.set(Number(r.id), recordTitle(meta, r));
  return (
    <Select
      allowClear
      aria-label={placeholder}
      data-testid={testId}
      placeholder={placeholder}
      style={block ? { width: '100%' } : { minWidth: 140, maxWidth: 220 }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={setOpen}
      notFoundContent={found.isFetching ? <Spin size="small" /> : undefined}
      value={value?.id}
      options={[...options].map(([id, label]) => ({ value: id, label }))}
      onChange={(id?: number) => onChange?.(id === undefined ? undefined : { id, label: options.get(id) ?? `#${id}` })}
    />
  );
}
