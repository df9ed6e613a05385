import { relativePeriods } from '@kehu/common';
import { DatePicker, Input, InputNumber, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useOptionItems } from '../fields/options.ts';
import { FieldInput } from '../fields/registry.tsx';
import type { FieldMeta } from '../metadata.ts';
import type { CondNode } from './filter-model.ts';
import { valueShape } from './filter-model.ts';

type Props = { field: FieldMeta; cond: CondNode; onChange: (v: unknown) => void };

/** `within`: a named period (本月, 上季度 …) or "the last/next N days/weeks/months". */
function PeriodInput({ value, onChange }: { value: unknown; onChange: (v: unknown) => void }) {
  const { t } = useTranslation();
  const rolling = value && typeof value === 'object' ? (value as { last?: number; next?: number; unit: string }) : null;
  const mode = rolling ? (rolling.next !== undefined ? 'next' : 'last') : typeof value === 'string' ? value : undefined;
  return (
    <Space.Compact>
      <Select
        style={{ minWidth: 120 }}
        value={mode}
        placeholder={t('filter.period')}
        onChange={(m: string) =>
          onChange(
            m === 'last' || m === 'next'
              ? { [m]: rolling?.last ?? rolling?.next ?? 30, unit: rolling?.unit ?? 'day' }
              : m,
          )
        }
        options={[
          ...relativePeriods.map((p) => ({ value: p, label: t(`period.${p}`) })),
          { value: 'last', label: t('period.last') },
          { value: 'next', label: t('period.next') },
        ]}
      />
      {rolling && (
        <>
          <InputNumber
            min={1}
            max={3650}
            style={{ width: 80 }}
            value={rolling.last ?? rolling.next}
            onChange={(n) => onChange({ [mode as string]: n ?? 1, unit: rolling.unit })}
          />
          <Select
            style={{ width: 80 }}
            value={rolling.unit}
            onChange={(u) => onChange({ [mode as string]: rolling.last ?? rolling.next, unit: u })}
            options={['day', 'week', 'month', 'year'].map((u) => ({ value: u, label: t(`period.unit.${u}`) }))}
          />
        </>
      )}
    </Space.Compact>
  );
}

/** The operand input for one condition: the field's own input, a list, a range or a period. */
export function ConditionValue({ field, cond, onChange }: Props) {
  const { t } = useTranslation();
  const optionItems = useOptionItems();
  const shape = valueShape(cond.op);
  if (shape === 'none') return null;
  if (shape === 'period') return <PeriodInput value={cond.value} onChange={onChange} />;
  const dateLike =
    field.type === 'date' || field.type === 'datetime' || field.name === 'createdAt' || field.name === 'updatedAt';
  if (shape === 'range') {
    if (dateLike) {
      const v = (cond.value as [string, string] | undefined) ?? [];
      return (
        <DatePicker.RangePicker
          value={v[0] && v[1] ? [dayjs(v[0]), dayjs(v[1])] : null}
          onChange={(r) =>
            onChange(r?.[0] && r[1] ? [r[0].format('YYYY-MM-DD'), r[1].format('YYYY-MM-DD')] : undefined)
          }
        />
      );
    }
    const v = (cond.value as [string, string] | undefined) ?? ['', ''];
    return (
      <Space.Compact>
        <Input style={{ width: 100 }} value={v[0] ?? ''} onChange={(e) => onChange([e.target.value, v[1]])} />
        <Input style={{ width: 100 }} value={v[1] ?? ''} onChange={(e) => onChange([v[0], e.target.value])} />
      </Space.Compact>
    );
  }
  if (shape === 'list') {
    if (field.type === 'manyToOne' || field.type === 'owner' || field.type === 'manyToMany')
      return (
        <div style={{ minWidth: 200 }}>
          <FieldInput
            field={{ ...field, type: 'manyToMany', object: field.object ?? 'user' }}
            value={cond.value}
            onChange={onChange}
          />
        </div>
      );
    return (
      <Select
        mode={field.options ? 'multiple' : 'tags'}
        style={{ minWidth: 200 }}
        value={(cond.value as string[]) ?? []}
        onChange={onChange}
        placeholder={t('filter.values')}
        options={field.options ? optionItems(field.options, cond.value) : undefined}
      />
    );
  }
  // A single operand: the field's own input (text-like ops on any field compare text).
  const asText = ['contains', 'notContains', 'startsWith'].includes(cond.op ?? '');
  const f: FieldMeta = asText
    ? { ...field, type: 'text', maxLength: undefined }
    : field.type === 'multiPicklist' || field.type === 'manyToMany'
      ? { ...field, type: field.type === 'manyToMany' ? 'manyToOne' : 'picklist' }
      : field.type === 'address'
        ? { ...field, type: 'region' }
        : field;
  return (
    <div style={{ minWidth: 160 }}>
      <FieldInput field={{ ...f, required: false, readOnly: false }} value={cond.value} onChange={onChange} />
    </div>
  );
}
