import { useState } from 'react';
import { RelationInput } from '../fields/relation-input.tsx';
import type { RelationValue } from '../fields/relation-value.ts';
import type { FieldMeta } from '../metadata.ts';
import { useRecordNames } from './record-names.ts';

interface Props {
  /** `user`, `role` or `department`. */
  object?: string;
  value?: number[];
  onChange?: (ids: number[]) => void;
  multiple?: boolean;
  id?: string;
  disabled?: boolean;
}

const fieldFor = (object: string, multiple: boolean): FieldMeta => ({
  name: object,
  type: multiple ? 'manyToMany' : 'manyToOne',
  object,
  label: { 'zh-CN': '' },
  required: false,
  readOnly: false,
  ops: [],
  sortable: false,
  groupable: false,
  aggregates: [],
});

/**
 * Choose people (or roles, departments) by typing their name, kept as ids as the approval API wants them. The
 * engine's relation input does the searching, within what the chooser may read.
 */
export function PeoplePicker({ object = 'user', value, onChange, multiple = true, id, disabled }: Props) {
  const ids = value ?? [];
  const names = useRecordNames(object, ids);
  // Names of people just picked, so that they show at once rather than after the look-up.
  const [picked, setPicked] = useState<Record<number, string>>({});
  const refs: RelationValue[] = ids.map((i) => ({ id: i, label: names[i] ?? picked[i] ?? null }));
  return (
    <RelationInput
      id={id}
      disabled={disabled}
      field={fieldFor(object, multiple)}
      value={multiple ? refs : (refs[0] ?? null)}
      onChange={(v: RelationValue | RelationValue[] | null) => {
        const list = Array.isArray(v) ? v : v ? [v] : [];
        setPicked((p) => ({ ...p, ...Object.fromEntries(list.map((r) => [r.id, r.label ?? ''])) }));
        onChange?.(list.map((r) => r.id));
      }}
    />
  );
}
