import type { FieldTypeName } from '@kehu/common';
import { addressField } from './address.field.ts';
import { attachmentsField } from './attachments.field.ts';
import { autoNumberField } from './auto-number.field.ts';
import { booleanField } from './boolean.field.ts';
import { computedField } from './computed.field.ts';
import { dateField, datetimeField } from './date.field.ts';
import { emailField } from './email.field.ts';
import type { FieldType } from './field-type.ts';
import { jsonField } from './json.field.ts';
import { manyToManyField } from './many-to-many.field.ts';
import { multiPicklistField } from './multi-picklist.field.ts';
import { decimalField, integerField, moneyField, percentField } from './number.field.ts';
import { oneToManyField } from './one-to-many.field.ts';
import { passwordField } from './password.field.ts';
import { phoneField } from './phone.field.ts';
import { picklistField } from './picklist.field.ts';
import { regionField } from './region.field.ts';
import { manyToOneField, ownerField } from './relation.field.ts';
import { richTextField } from './rich-text.field.ts';
import { tagsField } from './tags.field.ts';
import { longTextField, textField } from './text.field.ts';
import { urlField } from './url.field.ts';

/** Every field type the engine knows, by name. */
export const fieldTypes: Record<FieldTypeName, FieldType> = {
  text: textField,
  longText: longTextField,
  richText: richTextField,
  integer: integerField,
  decimal: decimalField,
  money: moneyField,
  percent: percentField,
  boolean: booleanField,
  date: dateField,
  datetime: datetimeField,
  picklist: picklistField,
  multiPicklist: multiPicklistField,
  tags: tagsField,
  phone: phoneField,
  email: emailField,
  url: urlField,
  region: regionField,
  address: addressField,
  manyToOne: manyToOneField,
  oneToMany: oneToManyField,
  manyToMany: manyToManyField,
  owner: ownerField,
  attachments: attachmentsField,
  autoNumber: autoNumberField,
  computed: computedField,
  json: jsonField,
  password: passwordField,
};

export function fieldType(name: string): FieldType | undefined {
  return Object.hasOwn(fieldTypes, name) ? fieldTypes[name as FieldTypeName] : undefined;
}
