import { Suspense, useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Avatar, Button, Drawer, Layout, Menu, Popover, Tag, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  GlobalOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useLogout, useMe } from '../auth';
import { navFor, type NavItem } from '../nav';
import { PATHS } from '../paths';
import { roleLabel, ROLE_COLORS } from '../labels';
import type { User } from '../types';
import { useIsMobile, useIsPhone } from '../lib/hooks';
import { initials, rolesText } from '../lib/user';
import { useNotify } from '../lib/notify';
import { AlertsBell } from './AlertsBell';
import { Brand } from './Brand';
import { RequireOfficer } from './Guards';
import { PageLoading } from './PageLoading';

const { Header, Sider, Content, Footer } = Layout;

function buildMenu(items: NavItem[]): MenuProps['items'] {
  const top = items.filter((i) => !i.group);
  const groups = new Map<string, NavItem[]>();
  for (const i of items) {
    if (!i.group) continue;
    groups.set(i.group, [...(groups.get(i.group) ?? []), i]);
  }
  const toItem = (i: NavItem) => ({ key: i.path, icon: i.icon, label: <Link to={i.path}>{i.label}</Link> });
  return [
    ...top.map(toItem),
    ...[...groups.entries()].map(([label, list]) => ({
      type: 'group' as const,
      key: `g:${label}`,
      label,
      children: list.map(toItem),
    })),
  ];
}

function selectedKey(items: NavItem[], pathname: string): string[] {
  const match = items
    .filter((i) => pathname === i.path || pathname.startsWith(`${i.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return match ? [match.path] : [];
}

function UserCard({ user }: { user: User }) {
  return (
    <div className="mc-usercard">
      <div className="mc-usercard__head">
        <Avatar size={44} className="mc-avatar">
          {initials(user.fullName)}
        </Avatar>
        <div>
          <div className="mc-usercard__name">{user.fullName}</div>
          <Typography.Text type="secondary">{user.username}</Typography.Text>
        </div>
      </div>
      <div className="mc-usercard__grants">
        {user.grants.map((g, i) => (
          <Tag key={i} color={ROLE_COLORS[g.role]} className="mc-grant-tag">
            {roleLabel(g.role)}
            {g.agencyName ? ` @ ${g.agencyName}` : ''}
          </Tag>
        ))}
      </div>
    </div>
  );
}

function Shell() {
  const { data: user } = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const phone = useIsPhone();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const logout = useLogout();
  const notify = useNotify();

  const nav = useMemo(() => navFor(user), [user]);
  const menuItems = useMemo(() => buildMenu(nav), [nav]);
  const selected = selectedKey(nav, location.pathname);

  // Đóng ngăn kéo menu khi chuyển trang.
  useEffect(() => {
    setDrawerOpen(false);
  }, [location.pathname]);

  if (!user) return null;

  const onLogout = () =>
    logout.mutate(undefined, {
      onSuccess: () => navigate(PATHS.login, { replace: true }),
      onError: (e) => notify.error(e),
    });

  const menu = (
    <Menu
      mode="inline"
      items={menuItems}
      selectedKeys={selected}
      onClick={() => setDrawerOpen(false)}
      className="mc-admin__menu"
      inlineCollapsed={!mobile && collapsed}
      aria-label="Menu chức năng"
    />
  );

  return (
    <Layout className="mc-admin">
      <Header className="mc-admin__header">
        {mobile ? (
          <Button
            type="text"
            className="mc-header-btn"
            icon={<MenuOutlined />}
            aria-label="Mở menu"
            onClick={() => setDrawerOpen(true)}
          />
        ) : (
          <Tooltip title={collapsed ? 'Mở rộng menu' : 'Thu gọn menu'}>
            <Button
              type="text"
              className="mc-header-btn"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              aria-label={collapsed ? 'Mở rộng menu' : 'Thu gọn menu'}
              onClick={() => setCollapsed((c) => !c)}
            />
          </Tooltip>
        )}
        <Brand to={PATHS.admin} compact={phone} size={phone ? 34 : 40} />
        <div className="mc-admin__spacer" />
        <AlertsBell />
        <Popover content={<UserCard user={user} />} trigger="click" placement="bottomRight">
          <button type="button" className="mc-userbox" aria-label={`Tài khoản: ${user.fullName}`}>
            <Avatar size={phone ? 32 : 36} className="mc-avatar mc-avatar--header" icon={!user.fullName && <UserOutlined />}>
              {initials(user.fullName)}
            </Avatar>
            {!phone && (
              <span className="mc-userbox__text">
                <span className="mc-userbox__name" data-testid="user-fullname">
                  {user.fullName}
                </span>
                <span className="mc-userbox__roles">{rolesText(user)}</span>
              </span>
            )}
          </button>
        </Popover>
        <Button
          className="mc-logout"
          icon={<LogoutOutlined />}
          onClick={onLogout}
          loading={logout.isPending}
          data-testid="logout"
          aria-label="Đăng xuất"
        >
          {!phone && 'Đăng xuất'}
        </Button>
      </Header>
      <Layout hasSider={!mobile}>
        {!mobile && (
          <Sider
            width={240}
            collapsedWidth={72}
            collapsed={collapsed}
            trigger={null}
            collapsible
            className="mc-admin__sider"
            theme="light"
          >
            {menu}
            {!collapsed && (
              <div className="mc-sider-foot">
                <Link to={PATHS.home}>
                  <GlobalOutlined /> Trang thông tin công khai
                </Link>
              </div>
            )}
          </Sider>
        )}
        <Layout className="mc-admin__main">
          <Content className="mc-admin__content">
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </Content>
          <Footer className="mc-admin__footer">
            motcua — {`Hệ thống thông tin giải quyết thủ tục hành chính`}
          </Footer>
        </Layout>
      </Layout>
      {mobile && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={288}
          title={<Brand to={PATHS.admin} tone="dark" compact size={32} />}
          className="mc-nav-drawer"
          styles={{ body: { padding: '8px 0' } }}
        >
          <div className="mc-drawer-user">
            <UserCard user={user} />
          </div>
          {menu}
          <div className="mc-sider-foot">
            <Link to={PATHS.home} onClick={() => setDrawerOpen(false)}>
              <GlobalOutlined /> Trang thông tin công khai
            </Link>
          </div>
        </Drawer>
      )}
    </Layout>
  );
}

export default function AdminLayout() {
  return (
    <RequireOfficer>
      <Shell />
    </RequireOfficer>
  );
}
