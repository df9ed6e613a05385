import type { Filter } from '@kehu/common';
import type { KeyboardEvent, RefObject } from 'react';
import { useEffect } from 'react';
import type { FieldMeta, ObjectMeta } from '../metadata.ts';

const refId = (v: unknown): number | undefined => {
  const id = v && typeof v === 'object' ? (v as { id?: unknown }).id : v;
  return typeof id === 'number' || (typeof id === 'string' && id !== '') ? Number(id) : undefined;
};

/**
 * What the picker of a field that depends on another (`dependsOn`) offers: the target records that share the
 * chosen value (an opportunity's contacts of its customer, stages of its process; the record's value when the other
 * field is not on the form), or nothing until that value is chosen on the form (`waitingFor`, its label).
 */
export function dependencyProps(
  f: FieldMeta,
  values: Record<string, unknown>,
  onForm: ReadonlySet<string>,
  labelOf: (name: string) => string,
): { filter?: Filter; waitingFor?: string } {
  const dep = f.dependsOn;
  if (!dep) return {};
  const id = refId(values[dep.field]);
  if (id !== undefined) return { filter: { field: dep.targetField, op: 'eq', value: id } };
  return onForm.has(dep.field) ? { waitingFor: labelOf(dep.field) } : {};
}

/** Fields to empty after these changed: their value depended on a changed field and may no longer match. */
export function dependentsOf(meta: ObjectMeta, changed: Record<string, unknown>): string[] {
  return meta.fields
    .filter((f) => f.dependsOn && f.dependsOn.field in changed && !(f.name in changed))
    .map((f) => f.name);
}

/**
 * Enter in a date box, a drop-down or a region picker confirms what is typed there and never submits the whole form
 * (a browser submits a form on Enter in any of its inputs). Single-line text boxes keep the usual behaviour.
 */
export function keepEnterInPickers(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Enter') return;
  const target = e.target as HTMLElement | null;
  if (target?.closest('.ant-picker, .ant-select, .ant-cascader')) e.preventDefault();
}

/**
 * Focus the first field the user has to fill (skipping ones already filled in for them, e.g. the parent record when
 * a contact is created from its customer) when the form opens.
 */
export function useFirstFieldFocus(root: RefObject<HTMLElement | null>, skip: readonly string[]): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the form opens
  useEffect(() => {
    const items = [...(root.current?.querySelectorAll<HTMLElement>('[data-field]') ?? [])];
    const first = items.find((el) => !skip.includes(el.dataset.field ?? '')) ?? items[0];
    const input = first?.querySelector<HTMLElement>(
      'input:not([type=hidden]):not([disabled]), textarea:not([disabled]), [role=switch]',
    );
    input?.focus({ preventScroll: true });
  }, []);
}
