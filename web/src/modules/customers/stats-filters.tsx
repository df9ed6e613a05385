import { Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOptionItems } from '../../engine/fields/options.ts';
import { RelationInput } from '../../engine/fields/relation-input.tsx';
import { type ObjectMeta, useLabel } from '../../engine/metadata.ts';
import { type Period, periods, type StatsFilter } from './stats-model.ts';

/** The statistics page's optional filter: customer type, owner, creation period. */
export function StatsFilters({
  meta,
  value,
  onChange,
}: {
  meta: ObjectMeta;
  value: StatsFilter;
  onChange(v: StatsFilter): void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const optionItems = useOptionItems();
  const typeField = meta.fields.find((f) => f.name === 'type');
  const ownerField = meta.fields.find((f) => f.name === 'owner');
  // The owner's name as picked (the filter itself keeps only the id).
  const [owner, setOwner] = useState<{ id: number; label?: string } | null>(null);
  return (
    <Space wrap size={8}>
      {typeField && (
        <Select
          allowClear
          aria-label={label(typeField.label)}
          style={{ minWidth: 140 }}
          placeholder={t('customers.stats.allTypes')}
          value={value.type}
          onChange={(type?: string) => onChange({ ...value, type })}
          options={optionItems(typeField.options, value.type)}
        />
      )}
      {ownerField && (
        <div style={{ minWidth: 160 }}>
          <RelationInput
            field={ownerField}
            value={owner}
            onChange={(v) => {
              const ref = (v as { id: number; label?: string } | null) ?? null;
              setOwner(ref);
              onChange({ ...value, owner: ref?.id });
            }}
          />
        </div>
      )}
      <Select
        allowClear
        aria-label={t('customers.stats.period')}
        style={{ minWidth: 120 }}
        placeholder={t('customers.stats.allTime')}
        value={value.period}
        onChange={(period?: Period) => onChange({ ...value, period })}
        options={periods.map((p) => ({ value: p, label: t(`customers.stats.periods.${p}`) }))}
      />
    </Space>
  );
}
