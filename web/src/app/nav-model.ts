import { defaultNav, navGroups, type Scope } from '@kehu/common';
import type { NavEntry, NavEnv } from '../engine/extensions.ts';
import type { ObjectMeta } from '../engine/metadata.ts';

/** One line of the menu: an object's record list or a page. */
export type NavLine = { key: string; order: number } & (
  | { kind: 'object'; object: ObjectMeta }
  | { kind: 'page'; entry: NavEntry }
);

export interface NavSection {
  group: string;
  /** i18n key of the group title. */
  labelKey: string;
  lines: NavLine[];
}

/** Objects never listed on their own: saved views are reached from the lists that own them. */
const neverListed = new Set(['savedView']);

const narrow = (s: Scope | undefined) => s === undefined || s === 'none' || s === 'own';

/**
 * Does the user manage this object (configuration they see beyond their own records and may change, or a log
 * they read beyond their own)? Administrators manage everything. This decides what a non-administrator sees under
 * settings: a sales manager who may edit the department's pool rules sees them; a salesperson, who may read the
 * sales stages to work with them, does not.
 */
export function manages(o: ObjectMeta | undefined, isAdmin: boolean): boolean {
  if (isAdmin) return true;
  if (!o || narrow(o.rights.read)) return false;
  return !!o.readOnly || !narrow(o.rights.update);
}

/**
 * The menu as the user's work is organised: workbench, customers, sales, team, reports, settings (then any group a
 * module adds),
 * each holding the objects and module pages that declare it, in their declared order. Objects the user cannot read
 * are not in `objects` at all (the server lists only readable ones); configuration only for those who manage it.
 */
export function buildNav(
  env: NavEnv,
  entries: readonly NavEntry[],
  hidden: ReadonlySet<string> = new Set(),
): NavSection[] {
  const pages = entries.filter((e) => e.visible?.(env) ?? true);
  const replaced = new Set(pages.flatMap((e) => (e.replaces ? [e.replaces] : [])));
  const lines = new Map<string, NavLine[]>();
  const labels = new Map<string, string>();
  const add = (group: string, line: NavLine) => {
    if (!lines.has(group)) lines.set(group, []);
    lines.get(group)!.push(line);
  };
  for (const o of env.objects) {
    if (hidden.has(o.name) || neverListed.has(o.name) || replaced.has(o.name)) continue;
    const nav = o.nav ?? defaultNav;
    if (nav.group === 'settings' && !manages(o, env.isAdmin)) continue;
    add(nav.group, { kind: 'object', key: `/o/${o.name}`, order: nav.order ?? 900, object: o });
  }
  for (const e of pages) {
    add(e.group, { kind: 'page', key: e.path, order: e.order ?? 500, entry: e });
    if (e.groupLabelKey && !labels.has(e.group)) labels.set(e.group, e.groupLabelKey);
  }
  const known = navGroups as readonly string[];
  const order = [...known, ...[...lines.keys()].filter((g) => !known.includes(g))];
  return order
    .filter((g) => lines.get(g)?.length)
    .map((g) => ({
      group: g,
      labelKey: known.includes(g) ? `nav.groups.${g}` : (labels.get(g) ?? g),
      // Stable: equal orders keep the order of declaration (objects first, then pages).
      lines: lines.get(g)!.sort((a, b) => a.order - b.order),
    }));
}
