import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Drawer, Dropdown, Layout, Menu } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useObjects } from '../engine/metadata.ts';
import { AntdRoot } from './antd-root.tsx';
import { useAuth } from './auth.tsx';
import { GlobalSearch } from './global-search.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { Loading } from './loading.tsx';
import { useNavItems, useNavSections } from './nav-items.tsx';
import { NotificationBell } from './notification-bell.tsx';
import { addScreenStrings } from './screen-strings.ts';
import { useIsMobile } from './use-mobile.ts';

// The modules' strings arrive with the shell: sign-in needs none of them.
addScreenStrings();

const closedKey = 'kehu.nav.closed';

/** Menu groups the user collapsed (all are open at first), kept in this browser. */
function closedGroups(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(closedKey) ?? '[]');
    return Array.isArray(v) ? v.filter((g) => typeof g === 'string') : [];
  } catch {
    return [];
  }
}

function saveClosedGroups(groups: string[]) {
  try {
    localStorage.setItem(closedKey, JSON.stringify(groups));
  } catch {
    // Private mode or storage full: the choice lasts for this page only.
  }
}

/** The signed-in frame: sidebar (a drawer on phones), top bar with search, bell, language and user menu. */
export default function ShellPage() {
  return (
    <AntdRoot>
      <Shell />
    </AntdRoot>
  );
}

function Shell() {
  const { t } = useTranslation();
  const auth = useAuth();
  const loc = useLocation();
  const nav = useNavigate();
  const mobile = useIsMobile();
  const [drawer, setDrawer] = useState(false);
  const objects = useObjects();
  const sections = useNavSections(objects.data, !!auth.me?.isAdmin);
  const items = useNavItems(sections);
  const selected = `/${loc.pathname.split('/').slice(1, 3).join('/')}`;
  const [closed, setClosed] = useState(closedGroups);
  // The group of the page on screen is open, whatever was collapsed before.
  const current = sections.find((s) => s.lines.some((l) => l.key === selected))?.group;
  useEffect(() => {
    if (current) setClosed((c) => (c.includes(current) ? c.filter((g) => g !== current) : c));
  }, [current]);
  if (auth.loading) return <Loading />;
  if (!auth.me) return <Navigate to="/login" replace state={{ from: loc.pathname + loc.search }} />;
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={[selected]}
      openKeys={sections.filter((s) => !closed.includes(s.group)).map((s) => `g-${s.group}`)}
      onOpenChange={(keys) => {
        const open = new Set(keys);
        const next = sections.map((s) => s.group).filter((g) => !open.has(`g-${g}`));
        setClosed(next);
        saveClosedGroups(next);
      }}
      onClick={() => setDrawer(false)}
      style={{ borderInlineEnd: 'none' }}
      data-testid="side-menu"
    />
  );
  const userMenu = {
    items: [
      { key: 'me', icon: <UserOutlined />, label: auth.me.user.name },
      { type: 'divider' as const },
      { key: 'logout', icon: <LogoutOutlined />, label: t('shell.logout') },
    ],
    onClick: async ({ key }: { key: string }) => {
      if (key === 'me') nav(`/o/user/${auth.me!.user.id}`);
      if (key === 'logout') {
        await auth.logout();
        nav('/login');
      }
    },
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!mobile && (
        <Layout.Sider
          width={216}
          theme="light"
          // The menu stays in view and scrolls on its own when it is longer than the window.
          style={{
            borderInlineEnd: '1px solid #f0f0f0',
            position: 'sticky',
            top: 0,
            height: '100vh',
            overflow: 'auto',
          }}
        >
          <div className="shell-logo">{t('app.name')}</div>
          {menu}
        </Layout.Sider>
      )}
      <Drawer
        open={mobile && drawer}
        onClose={() => setDrawer(false)}
        placement="left"
        size={260}
        title={t('app.name')}
        styles={{ body: { padding: '8px 4px' } }}
      >
        {menu}
      </Drawer>
      <Layout>
        <header className="shell-header">
          {mobile && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              onClick={() => setDrawer(true)}
              aria-label={t('shell.menu')}
              data-testid="menu-button"
            />
          )}
          <GlobalSearch objects={objects.data} />
          <div className="shell-spacer" />
          <NotificationBell />
          <LanguageSwitch />
          <Dropdown menu={userMenu} trigger={['click']}>
            <Button type="text" data-testid="user-menu" aria-label={t('shell.userMenu')}>
              <Avatar size="small" icon={<UserOutlined />} />
              <span className="hide-mobile">{auth.me.user.name}</span>
            </Button>
          </Dropdown>
        </header>
        <Layout.Content>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
