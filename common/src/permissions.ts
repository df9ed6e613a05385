/** Permission vocabulary (SEC-2). */

/** `share`: share records with others (SEC-4); owners share their own records without it. */
export const operations = ['create', 'read', 'update', 'delete', 'export', 'import', 'assign', 'share'] as const;
export type Operation = (typeof operations)[number];

/** Data scopes, narrowest first. */
export const scopes = ['none', 'own', 'subordinates', 'department', 'departmentTree', 'all'] as const;
export type Scope = (typeof scopes)[number];

/** A role's grants: object name (or "*") → operation → scope. */
export type Grants = Record<string, Partial<Record<Operation, Scope>>>;

export function widerScope(a: Scope, b: Scope): Scope {
  return scopes.indexOf(a) >= scopes.indexOf(b) ? a : b;
}

/** Field-level rights (SEC-3), per object and field; fields a role does not mention are editable. */
/** `masked`: phone numbers and emails shown partly, with an audited reveal (SEC-14); never writable. */
export const fieldRightNames = ['hidden', 'masked', 'readOnly', 'editable'] as const;
export type FieldRight = (typeof fieldRightNames)[number];
export type FieldRights = Record<string, Record<string, FieldRight>>;

/** Of several roles' field rights, the most permissive wins (as with scopes). */
export function widerFieldRight(a: FieldRight, b: FieldRight): FieldRight {
  return fieldRightNames.indexOf(a) >= fieldRightNames.indexOf(b) ? a : b;
}
