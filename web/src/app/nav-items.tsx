import { Badge, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hiddenObjects, webModules } from '../engine/extensions.ts';
import { type ObjectMeta, useLabel } from '../engine/metadata.ts';
import { coreNav } from './core-nav.tsx';
import { buildNav, type NavSection } from './nav-model.ts';
import { groupIcons, objectIcon } from './object-icons.tsx';

/** The engine's own objects (users, roles, logs…): not business data that alerts or tiles would offer. */
export const systemObjects = new Set([
  'user',
  'department',
  'role',
  'operationLog',
  'savedView',
  'objectLayout',
  'loginHistory',
  'apiKey',
  'mailLog',
]);

type Item = Required<MenuProps>['items'][number];

/** The menu's sections for the signed-in user: the shell's entries and every installed module's, by the user's work. */
export function useNavSections(objects: ObjectMeta[] | undefined, isAdmin: boolean): NavSection[] {
  const entries = [...coreNav, ...webModules().flatMap((m) => m.nav ?? [])];
  return buildNav({ objects: objects ?? [], isAdmin }, entries, hiddenObjects());
}

/** The sidebar (a drawer on phones): one collapsible group per kind of work, entries the user may open. */
export function useNavItems(sections: NavSection[]): Item[] {
  const { t } = useTranslation();
  const label = useLabel();
  return sections.map((s) => ({
    key: `g-${s.group}`,
    icon: groupIcons[s.group],
    label: <span data-testid={`nav-group-${s.group}`}>{t(s.labelKey)}</span>,
    children: s.lines.map((l) => ({
      key: l.key,
      icon: objectIcon(l.kind === 'object' ? l.object.icon : l.entry.icon),
      label: (
        <Link to={l.key}>
          {l.kind === 'object' ? label(l.object.pluralLabel ?? l.object.label) : t(l.entry.labelKey)}
          {l.kind === 'page' && l.entry.useCount && <NavCount useCount={l.entry.useCount} />}
        </Link>
      ),
    })),
  }));
}

/** An entry's badge (e.g. approvals waiting): the entry's own hook, called in a component of its own. */
function NavCount({ useCount }: { useCount: () => number | undefined }) {
  const n = useCount();
  return n ? (
    <Badge count={n} size="small" overflowCount={99} style={{ marginInlineStart: 6 }} data-testid="nav-count" />
  ) : null;
}
