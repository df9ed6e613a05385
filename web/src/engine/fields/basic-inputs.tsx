import type { Filter } from '@kehu/common';
import { DatePicker, Input, InputNumber, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldMeta } from '../metadata.ts';
import { useOptionItems } from './options.ts';

export interface InputProps<T = any> {
  field: FieldMeta;
  value?: T;
  onChange?: (v: T) => void;
  id?: string;
  disabled?: boolean;
  /** Relation pickers: offer only the target records matching this (a declared dependency, `dependsOn`). */
  filter?: Filter;
  /** Relation pickers: the label of the field that must be chosen first (the picker waits for it). */
  waitingFor?: string;
}

export function TextInput({ field, value, onChange, id, disabled }: InputProps<string>) {
  const common = { id, disabled, value: value ?? '', maxLength: field.maxLength };
  if (field.type === 'longText')
    return (
      <Input.TextArea {...common} autoSize={{ minRows: 3, maxRows: 10 }} onChange={(e) => onChange?.(e.target.value)} />
    );
  if (field.type === 'password')
    return <Input.Password {...common} autoComplete="new-password" onChange={(e) => onChange?.(e.target.value)} />;
  const mode = { email: 'email', phone: 'tel', url: 'url' }[field.type as string] as
    | 'email'
    | 'tel'
    | 'url'
    | undefined;
  return (
    <Input
      {...common}
      type={mode === 'tel' ? 'tel' : 'text'}
      inputMode={mode}
      onChange={(e) => onChange?.(e.target.value)}
    />
  );
}

/** Numbers stay strings (money is exact decimal text, never a float). */
export function NumberInput({ field, value, onChange, id, disabled }: InputProps<string | number>) {
  const money = field.type === 'money';
  return (
    <InputNumber<string>
      id={id}
      disabled={disabled}
      stringMode
      style={{ width: '100%' }}
      value={value === null || value === undefined ? null : String(value)}
      precision={field.type === 'integer' ? 0 : money ? 2 : undefined}
      min={field.min !== undefined ? String(field.min) : undefined}
      max={field.max !== undefined ? String(field.max) : undefined}
      prefix={money ? '¥' : undefined}
      suffix={field.type === 'percent' ? '%' : undefined}
      formatter={(v, info) => {
        let text = v === undefined || v === null ? '' : String(v);
        // Money shows two decimals once the user stops typing ("1234.5" → "1,234.50").
        if (money && !info.userTyping && /^-?\d+(\.\d*)?$/.test(text)) {
          const [int, frac = ''] = text.split('.');
          text = `${int}.${(frac + '00').slice(0, 2)}`;
        }
        const [int, frac] = text.split('.');
        return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
      }}
      parser={(v) => (v ?? '').replace(/[,¥%\s]/g, '')}
      onChange={(v) => onChange?.(field.type === 'integer' && v !== null ? Number(v) : (v as string))}
    />
  );
}

export function DateInput({ field, value, onChange, id, disabled }: InputProps<string | null>) {
  const withTime = field.type === 'datetime';
  return (
    <DatePicker
      id={id}
      disabled={disabled}
      style={{ width: '100%' }}
      showTime={withTime ? { format: 'HH:mm' } : false}
      format={withTime ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD'}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? (withTime ? d.toISOString() : d.format('YYYY-MM-DD')) : null)}
    />
  );
}

export function BooleanInput({ value, onChange, id, disabled }: InputProps<boolean>) {
  return <Switch id={id} disabled={disabled} checked={!!value} onChange={(v) => onChange?.(v)} />;
}

export function ChoiceInput({ field, value, onChange, id, disabled }: InputProps) {
  const { t } = useTranslation();
  const items = useOptionItems();
  const mode = field.type === 'multiPicklist' ? 'multiple' : field.type === 'tags' ? 'tags' : undefined;
  return (
    <Select
      id={id}
      disabled={disabled}
      mode={mode}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('common.select')}
      value={value ?? (mode ? [] : undefined)}
      onChange={(v) => onChange?.(v ?? null)}
      options={items(field.options, value)}
    />
  );
}

/** JSON fields edited as text; the value is only replaced when the text parses. */
export function JsonInput({ value, onChange, id, disabled }: InputProps) {
  const [text, setText] = useState(() => (value === undefined || value === null ? '' : JSON.stringify(value, null, 2)));
  return (
    <Input.TextArea
      id={id}
      disabled={disabled}
      autoSize={{ minRows: 3, maxRows: 12 }}
      value={text}
      style={{ fontFamily: 'monospace' }}
      onChange={(e) => {
        setText(e.target.value);
        try {
          onChange?.(e.target.value.trim() ? JSON.parse(e.target.value) : null);
        } catch {
          /* keep typing */
        }
      }}
    />
  );
}
