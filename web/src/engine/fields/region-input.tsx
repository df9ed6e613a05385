import { useQuery } from '@tanstack/react-query';
import { Cascader, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import type { InputProps } from './basic-inputs.tsx';

interface RegionNode {
  value: string;
  label: string;
  children?: RegionNode[];
}
type RegionValue = {
  province?: string | null;
  city?: string | null;
  district?: string | null;
  street?: string | null;
  label?: string;
};

/** The national division tree, fetched once and only by screens that show a region input. */
export function useRegions() {
  return useQuery({
    queryKey: ['regions'],
    queryFn: () => api.get<{ data: RegionNode[] }>('/api/regions').then((r) => r.data),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function labelOf(tree: RegionNode[], path: string[]): string {
  const names: string[] = [];
  let level = tree;
  for (const code of path) {
    const n = level.find((x) => x.value === code);
    if (!n) break;
    names.push(n.label);
    level = n.children ?? [];
  }
  return names.join(' ');
}

function RegionCascader({ field, value, onChange, id, disabled }: InputProps<RegionValue | null>) {
  const { t } = useTranslation();
  const regions = useRegions();
  const path = [value?.province, value?.city, value?.district].filter((x): x is string => !!x);
  const depth = field.level === 'province' ? 1 : field.level === 'city' ? 2 : 3;
  const trim = (nodes: RegionNode[], d: number): RegionNode[] =>
    nodes.map((n) =>
      d <= 1 || !n.children ? { value: n.value, label: n.label } : { ...n, children: trim(n.children, d - 1) },
    );
  const options = regions.data ? (depth < 3 ? trim(regions.data, depth) : regions.data) : [];
  return (
    <Cascader
      id={id}
      disabled={disabled}
      style={{ width: '100%' }}
      options={options}
      loading={regions.isLoading}
      changeOnSelect
      showSearch
      placeholder={t('field.regionPlaceholder')}
      value={path}
      onChange={(p) => {
        const codes = (p ?? []) as string[];
        if (!codes.length) return onChange?.(value?.street ? { street: value.street } : null);
        onChange?.({
          ...value,
          province: codes[0] ?? null,
          city: codes[1] ?? null,
          district: codes[2] ?? null,
          label: labelOf(regions.data ?? [], codes),
        });
      }}
    />
  );
}

export function RegionInput(props: InputProps<RegionValue | null>) {
  const { t } = useTranslation();
  if (props.field.type === 'region') return <RegionCascader {...props} />;
  const v = props.value ?? {};
  return (
    <Space.Compact orientation="vertical" style={{ width: '100%' }}>
      <RegionCascader
        {...props}
        id={undefined}
        onChange={(r) => props.onChange?.({ ...(r ?? {}), street: v.street ?? null })}
      />
      <Input
        id={props.id}
        disabled={props.disabled}
        placeholder={t('field.streetPlaceholder')}
        value={v.street ?? ''}
        onChange={(e) => props.onChange?.({ ...v, street: e.target.value })}
      />
    </Space.Compact>
  );
}
