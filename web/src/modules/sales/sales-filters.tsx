import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RefSelect, type RefValue } from './ref-select.tsx';
import type { SalesParams } from './sales-api.ts';

/** The filters the sales pages share, kept for the browser tab so that board, funnel and forecast agree. */
export interface SalesFilterState {
  owner?: RefValue;
  department?: RefValue;
  dealer?: RefValue;
  product?: RefValue;
}

const storeKey = 'kehu.sales.filters';
const keys = ['owner', 'department', 'dealer', 'product'] as const;

function load(): SalesFilterState {
  try {
    return JSON.parse(sessionStorage.getItem(storeKey) ?? '{}') as SalesFilterState;
  } catch {
    return {};
  }
}

export function useSalesFilters(): [SalesFilterState, (v: SalesFilterState) => void] {
  const [value, setValue] = useState<SalesFilterState>(load);
  const set = (v: SalesFilterState) => {
    setValue(v);
    sessionStorage.setItem(storeKey, JSON.stringify(v));
  };
  return [value, set];
}

/** The query parameters of the sales API. */
export function salesParams(f: SalesFilterState): SalesParams {
  const out: SalesParams = {};
  for (const k of keys) if (f[k]) out[k] = f[k].id;
  return out;
}

const objectOf = { owner: 'user', department: 'department', dealer: 'customer', product: 'product' } as const;

/** Owner, department/office (with what is below it), dealer, product; `children` adds page-specific controls. */
export function SalesFilters({
  value,
  onChange,
  children,
}: {
  value: SalesFilterState;
  onChange(v: SalesFilterState): void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const placeholders = {
    owner: t('sales.filters.owner'),
    department: t('sales.filters.department'),
    dealer: t('sales.filters.dealer'),
    product: t('sales.filters.product'),
  };
  return (
    <div className="toolbar" data-testid="sales-filters">
      {children}
      {keys.map((k) => (
        <RefSelect
          key={k}
          object={objectOf[k]}
          placeholder={placeholders[k]}
          testId={`filter-${k}`}
          filter={k === 'dealer' ? { field: 'type', op: 'eq', value: 'dealer' } : undefined}
          value={value[k]}
          onChange={(v) => onChange({ ...value, [k]: v })}
        />
      ))}
    </div>
  );
}
