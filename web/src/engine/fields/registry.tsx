import type { FieldTypeName } from '@kehu/common';
import type { ComponentType } from 'react';
import { AttachmentsInput } from './attachments-input.tsx';
import {
  BooleanInput,
  ChoiceInput,
  DateInput,
  type InputProps,
  JsonInput,
  NumberInput,
  TextInput,
} from './basic-inputs.tsx';
import { RegionInput } from './region-input.tsx';
import { RelationInput } from './relation-input.tsx';
import { RichTextInput } from './rich-text-input.tsx';

/** One input per field type; displays are in display.tsx. Types without an input are not editable in forms. */
export const inputs: Partial<Record<FieldTypeName, ComponentType<InputProps>>> = {
  text: TextInput,
  longText: TextInput,
  email: TextInput,
  phone: TextInput,
  url: TextInput,
  password: TextInput,
  richText: RichTextInput,
  integer: NumberInput,
  decimal: NumberInput,
  money: NumberInput,
  percent: NumberInput,
  boolean: BooleanInput,
  date: DateInput,
  datetime: DateInput,
  picklist: ChoiceInput,
  multiPicklist: ChoiceInput,
  tags: ChoiceInput,
  region: RegionInput,
  address: RegionInput,
  manyToOne: RelationInput,
  owner: RelationInput,
  manyToMany: RelationInput,
  attachments: AttachmentsInput,
  json: JsonInput,
};

export function FieldInput(props: InputProps) {
  const C = inputs[props.field.type] ?? TextInput;
  return <C {...props} />;
}
