/**
 * The menu follows the user's work, not the engine's list of objects: every object and every module page says in
 * which group it belongs and where in it (smaller `order` first). Configuration (rules, processes, stages, users,
 * roles, logs) goes under `settings`, which only those who manage it see.
 */
export const navGroups = ['workbench', 'customers', 'sales', 'team', 'reports', 'settings'] as const;
export type NavGroup = (typeof navGroups)[number];

export interface NavDecl {
  group: NavGroup;
  /** Place in the group, smaller first (module pages and objects share one scale, in steps of 10). */
  order?: number;
}

/** Objects without a declaration (administrators' own objects): business data, after the built-in entries. */
export const defaultNav: NavDecl = { group: 'customers', order: 900 };

export function isNavDecl(v: unknown): v is NavDecl {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const d = v as Record<string, unknown>;
  return (
    navGroups.includes(d.group as NavGroup) &&
    (d.order === undefined || (Number.isInteger(d.order) && Math.abs(d.order as number) < 1e6)) &&
    Object.keys(d).every((k) => k === 'group' || k === 'order')
  );
}
