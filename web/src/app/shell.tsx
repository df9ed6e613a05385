import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Drawer, Dropdown, Layout, Menu } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useObjects } from '../engine/metadata.ts';
import { AntdRoot } from './antd-root.tsx';
import { useAuth } from './auth.tsx';
import { GlobalSearch } from './global-search.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { Loading } from './loading.tsx';
import { useNavItems } from './nav-items.tsx';
import { NotificationBell } from './notification-bell.tsx';
import { useIsMobile } from './use-mobile.ts';

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
  const items = useNavItems(objects.data, !!auth.me?.isAdmin);
  if (auth.loading) return <Loading />;
  if (!auth.me) return <Navigate to="/login" replace state={{ from: loc.pathname + loc.search }} />;
  const selected = `/${loc.pathname.split('/').slice(1, 3).join('/')}`;
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={[selected]}
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
        <Layout.Sider width={216} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
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
