import type { FieldErrorCode } from '@kehu/common';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';

/** Labels for a validation message; never for `unknown` names (a hidden field's label would betray it). */
export function labelsOf(obj: ObjectDef, problems: Record<string, FieldErrorCode | string>) {
  const labels: Record<string, FieldDef['label']> = {};
  for (const [name, problem] of Object.entries(problems)) {
    const f = obj.fields.get(name);
    if (f && problem !== 'unknown') labels[name] = f.label;
  }
  return labels;
}
