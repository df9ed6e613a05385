/**
 * A relation value as the API sends it (many-to-one, owner, each item of many-to-many, a relation's group key):
 * `{ id, label }`, or `{ id, label: null, restricted: true }` when the caller may not read the target record.
 */
export interface RelationValue {
  id: number;
  label?: string | null;
  restricted?: boolean;
}

/** The target's label is withheld from this caller: show 「无权查看」, never a link and never the id. */
export const isRestricted = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && (v as RelationValue).restricted === true;

/** A relation value as text: its label, 「无权查看」 when withheld, `fallback` (default `#id`) when it has none. */
export function relationText(v: RelationValue, t: (key: string) => string, fallback = `#${v.id}`): string {
  if (isRestricted(v)) return t('field.restricted');
  return v.label || fallback;
}
