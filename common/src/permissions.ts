/** Permission vocabulary (SEC-2). */

export const operations = ['create', 'read', 'update', 'delete', 'export', 'import', 'assign'] as const;
export type Operation = (typeof operations)[number];

/** Data scopes, narrowest first. */
export const scopes = ['none', 'own', 'subordinates', 'department', 'departmentTree', 'all'] as const;
export type Scope = (typeof scopes)[number];

/** A role's grants: object name (or "*") → operation → scope. */
export type Grants = Record<string, Partial<Record<Operation, Scope>>>;

export function widerScope(a: Scope, b: Scope): Scope {
  return scopes.indexOf(a) >= scopes.indexOf(b) ? a : b;
}
