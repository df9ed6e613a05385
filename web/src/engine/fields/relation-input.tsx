import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../api.ts';
import { naturalSort, recordTitle, useObject } from '../metadata.ts';
import type { InputProps } from './basic-inputs.tsx';
import { type RelationValue as Ref, relationText } from './relation-value.ts';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

/**
 * Many-to-one and many-to-many: type-ahead search on the target object (the server applies the caller's scope), in
 * the target's natural order when it declares one, limited by `filter` (what the field depends on).
 */
export function RelationInput({
  field,
  value,
  onChange,
  id,
  disabled,
  filter,
  waitingFor,
}: InputProps<Ref | Ref[] | null>) {
  const { t } = useTranslation();
  const target = field.object ?? 'user';
  const { meta } = useObject(target);
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const [open, setOpen] = useState(false);
  const sort = naturalSort(meta);
  const results = useQuery({
    queryKey: ['lookup', target, q, filter, sort],
    enabled: open && !!meta && !waitingFor,
    queryFn: ({ signal }) =>
      api.get<{ data: Record<string, unknown>[] }>(
        `/api/objects/${target}${qs({ q, limit: 20, filter, sort })}`,
        signal,
      ),
    staleTime: 30_000,
  });
  const multiple = field.type === 'manyToMany';
  const selected: Ref[] = multiple ? ((value as Ref[] | null) ?? []) : value ? [value as Ref] : [];
  // A value whose target the user may not read shows 「无权查看」, not its id, and stays as it came.
  const options = new Map<number, string>(selected.map((r) => [r.id, relationText(r, t)]));
  for (const r of results.data?.data ?? []) options.set(Number(r.id), meta ? recordTitle(meta, r) : `#${r.id}`);
  const toRef = (o: { value: number; label?: unknown }): Ref =>
    selected.find((r) => r.id === o.value && r.restricted) ?? {
      id: o.value,
      label: String(options.get(o.value) ?? o.label),
    };
  return (
    <Select
      id={id}
      disabled={disabled || (!!waitingFor && selected.length === 0)}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      labelInValue
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={waitingFor ? t('form.chooseFirst', { field: waitingFor }) : t('common.typeToSearch')}
      onOpenChange={setOpen}
      notFoundContent={results.isFetching ? <Spin size="small" /> : undefined}
      value={
        multiple
          ? selected.map((r) => ({ value: r.id, label: relationText(r, t) }))
          : selected[0]
            ? { value: selected[0].id, label: relationText(selected[0], t) }
            : undefined
      }
      options={[...options].map(([value, label]) => ({ value, label }))}
      onChange={(v: any) => {
        if (multiple) onChange?.(((v ?? []) as Array<{ value: number }>).map(toRef));
        else onChange?.(v ? toRef(v) : null);
      }}
    />
  );
}
