import { isActiveOption, type PicklistOption } from '@kehu/common';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../metadata.ts';

const held = (current: unknown) =>
  new Set(Array.isArray(current) ? current : current === null || current === undefined ? [] : [current]);

/**
 * What a picker offers (WF-7): the active options, and an option an administrator deactivated only while the value
 * being edited holds it, so that a record keeps showing it; new choices are never offered inactive options.
 */
export function pickable(options: PicklistOption[] | undefined, current?: unknown): PicklistOption[] {
  const keep = held(current);
  return (options ?? []).filter((o) => isActiveOption(o) || keep.has(o.value));
}

export interface OptionItem {
  value: string;
  label: string;
  className?: string;
}

/** antd Select items of `pickable` options, an inactive one greyed and marked 「已停用」. */
export function useOptionItems(): (options: PicklistOption[] | undefined, current?: unknown) => OptionItem[] {
  const label = useLabel();
  const { t } = useTranslation();
  const text = (o: PicklistOption) =>
    isActiveOption(o) ? label(o.label) : t('common.inactiveOption', { label: label(o.label) });
  return (options, current) =>
    pickable(options, current).map((o) => ({
      value: o.value,
      label: text(o),
      ...(isActiveOption(o) ? {} : { className: 'option-inactive' }),
    }));
}

/** The option of a value, for displays: inactive ones too (records that hold them still show their label). */
export const optionOf = (options: PicklistOption[] | undefined, value: unknown) =>
  options?.find((o) => o.value === value);
