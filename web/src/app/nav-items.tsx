import {
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  DatabaseOutlined,
  KeyOutlined,
  LayoutOutlined,
  LoginOutlined,
  MailOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hiddenObjects, type NavEntry, webModules } from '../engine/extensions.ts';
import { type ObjectMeta, useLabel } from '../engine/metadata.ts';

/** Objects the shell lists under "administration" rather than as business data. */
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

/** The sidebar follows the user's rights: objects they may read, administration only for administrators. */
export function useNavItems(objects: ObjectMeta[] | undefined, isAdmin: boolean): Item[] {
  const { t } = useTranslation();
  const label = useLabel();
  const link = (to: string, text: string) => <Link to={to}>{text}</Link>;
  const hidden = hiddenObjects();
  const data = (objects ?? []).filter((o) => !systemObjects.has(o.name) && !hidden.has(o.name));
  const env = { objects: objects ?? [], isAdmin };
  const entries = webModules()
    .flatMap((m) => m.nav ?? [])
    .filter((e) => e.visible?.(env) ?? true);
  const entry = (e: NavEntry): Item => ({
    key: e.path,
    icon: e.icon ?? <AppstoreOutlined />,
    label: link(e.path, t(e.labelKey)),
  });
  const inGroup = (g: string) => entries.filter((e) => (e.group ?? 'data') === g).map(entry);
  const readable = (name: string) => objects?.some((o) => o.name === name);
  const items: Item[] = [
    {
      type: 'group',
      key: 'g-data',
      label: t('nav.data'),
      children: data.length
        ? data.map((o) => ({
            key: `/o/${o.name}`,
            icon: <AppstoreOutlined />,
            label: link(`/o/${o.name}`, label(o.label)),
          }))
        : [{ key: 'none', disabled: true, label: t('nav.noObjects') }],
    },
  ];
  (items[0] as { children: Item[] }).children.push(...inGroup('data'));
  for (const g of new Set(entries.map((e) => e.group ?? 'data'))) {
    if (g === 'data') continue;
    const first = entries.find((e) => e.group === g)!;
    items.push({ type: 'group', key: `g-${g}`, label: t(first.groupLabelKey ?? g), children: inGroup(g) });
  }
  const org: Item[] = [];
  if (readable('user')) org.push({ key: '/o/user', icon: <TeamOutlined />, label: link('/o/user', t('nav.users')) });
  if (readable('department'))
    org.push({
      key: '/admin/departments',
      icon: <ApartmentOutlined />,
      label: link('/admin/departments', t('nav.departments')),
    });
  if (isAdmin) {
    org.push(
      { key: '/admin/roles', icon: <SafetyCertificateOutlined />, label: link('/admin/roles', t('nav.roles')) },
      { key: '/admin/objects', icon: <DatabaseOutlined />, label: link('/admin/objects', t('nav.objects')) },
      { key: '/admin/layouts', icon: <LayoutOutlined />, label: link('/admin/layouts', t('nav.layouts')) },
      { key: '/o/operationLog', icon: <AuditOutlined />, label: link('/o/operationLog', t('nav.operationLog')) },
    );
  }
  if (readable('apiKey'))
    org.push({ key: '/o/apiKey', icon: <KeyOutlined />, label: link('/o/apiKey', t('nav.apiKeys')) });
  if (readable('loginHistory'))
    org.push({ key: '/o/loginHistory', icon: <LoginOutlined />, label: link('/o/loginHistory', t('nav.logins')) });
  if (readable('mailLog'))
    org.push({ key: '/o/mailLog', icon: <MailOutlined />, label: link('/o/mailLog', t('nav.mailLog')) });
  if (org.length)
    items.push({ type: 'group', key: 'g-admin', label: isAdmin ? t('nav.admin') : t('nav.org'), children: org });
  return items;
}
