import type { FieldTypeName } from '@kehu/common';
import { autoNumberField } from './auto-number.field.ts';
import { booleanField } from './boolean.field.ts';
import { dateField, datetimeField } from './date.field.ts';
import type { FieldType } from './field-type.ts';
import { jsonField } from './json.field.ts';
import { decimalField, integerField, moneyField, percentField } from './number.field.ts';
import { passwordField } from './password.field.ts';
import { picklistField } from './picklist.field.ts';
import { manyToOneField, ownerField } from './relation.field.ts';
import { longTextField, textField } from './text.field.ts';

/** Every field type the engine knows, by name. */
export const fieldTypes: Partial<Record<FieldTypeName, FieldType>> = {
  text: textField,
  longText: longTextField,
  integer: integerField,
  decimal: decimalField,
  money: moneyField,
  percent: percentField,
  boolean: booleanField,
  date: dateField,
  datetime: datetimeField,
  picklist: picklistField,
  manyToOne: manyToOneField,
  owner: ownerField,
  autoNumber: autoNumberField,
  json: jsonField,
  password: passwordField,
};

export function fieldType(name: string): FieldType | undefined {
  return Object.hasOwn(fieldTypes, name) ? fieldTypes[name as FieldTypeName] : undefined;
}
