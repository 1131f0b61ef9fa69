import { useEffect, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Avatar, Button, Drawer } from 'antd';
import { DashboardOutlined, FolderOpenOutlined, LoginOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { isOfficer, useLogout, useMe } from '../auth';
import { usePublicInfo } from '../queries';
import { PATHS } from '../paths';
import { longToday } from '../lib/dates';
import { useIsMobile, useIsPhone } from '../lib/hooks';
import { useNotify } from '../lib/notify';
import { Brand, SITE_SUBTITLE } from './Brand';
import { Emblem } from './Emblem';
import { initials } from '../lib/user';
import { midSentence } from '../lib/text';

const LOOKUP_HASH = '#tra-cuu-ho-so';

const NAV: { to: string; label: string; active: (pathname: string, hash: string) => boolean }[] = [
  { to: PATHS.home, label: 'Trang chủ', active: (p, h) => p === PATHS.home && h !== LOOKUP_HASH },
  {
    to: PATHS.procedures,
    label: 'Thủ tục hành chính',
    active: (p) => p === PATHS.procedures || p.startsWith(`${PATHS.procedures}/`),
  },
  { to: PATHS.dossierLookup, label: 'Tra cứu hồ sơ', active: (p) => p === PATHS.dossierLookup },
  { to: PATHS.transparency, label: 'Công khai kết quả', active: (p) => p === PATHS.transparency },
];

function AccountArea({ vertical = false }: { vertical?: boolean }) {
  const { data: user } = useMe();
  const logout = useLogout();
  const notify = useNotify();
  const navigate = useNavigate();
  const phone = useIsPhone();

  if (!user) {
    return (
      <Link to={PATHS.login} className={vertical ? 'mc-block' : undefined}>
        <Button type="primary" className="mc-login-btn" icon={<LoginOutlined />} block={vertical}>
          Đăng nhập
        </Button>
      </Link>
    );
  }
  return (
    <div className={`mc-public-account${vertical ? ' mc-public-account--vertical' : ''}`}>
      <span className="mc-public-account__user" title={user.fullName}>
        <Avatar size={32} className="mc-avatar">
          {initials(user.fullName)}
        </Avatar>
        {(!phone || vertical) && (
          <span className="mc-public-account__name" data-testid="user-fullname">
            {user.fullName}
          </span>
        )}
      </span>
      {!isOfficer(user) && (
        <Link to={PATHS.myDossiers} data-testid="my-dossiers-link">
          <Button icon={<FolderOpenOutlined />} block={vertical}>
            Hồ sơ của tôi
          </Button>
        </Link>
      )}
      {isOfficer(user) && (
        <Link to={PATHS.admin}>
          <Button icon={<DashboardOutlined />} block={vertical}>
            Trang quản trị
          </Button>
        </Link>
      )}
      <Button
        icon={<LogoutOutlined />}
        data-testid="logout"
        aria-label="Đăng xuất"
        loading={logout.isPending}
        block={vertical}
        onClick={() =>
          logout.mutate(undefined, {
            onSuccess: () => navigate(PATHS.home, { replace: true }),
            onError: (e) => notify.error(e),
          })
        }
      >
        {(!phone || vertical) && 'Đăng xuất'}
      </Button>
    </div>
  );
}

export default function PublicLayout() {
  const info = usePublicInfo();
  const mobile = useIsMobile();
  const phone = useIsPhone();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const year = new Date().getFullYear();
  const provinceName = info.data?.provinceName;
  const siteName = info.data?.siteName ?? 'motcua';
  // Tên hệ thống thường đã kèm tên tỉnh: tránh lặp lại.
  const extraProvince = provinceName && !siteName.includes(provinceName) ? provinceName : undefined;

  useEffect(() => {
    setOpen(false);
  }, [location.pathname, location.hash]);

  const links = NAV.map((n) => {
    const active = n.active(location.pathname, location.hash);
    return (
      <Link
        key={n.to}
        to={n.to}
        className={`mc-public-nav__link${active ? ' is-active' : ''}`}
        aria-current={active ? 'page' : undefined}
      >
        {n.label}
      </Link>
    );
  });

  return (
    <div className="mc-public">
      <div className="mc-topbar">
        <div className="mc-container mc-topbar__inner">
          <span>{extraProvince ? `${siteName} · ${extraProvince}` : siteName}</span>
          {!phone && <span>{longToday()}</span>}
        </div>
      </div>
      <header className="mc-public__header">
        <div className="mc-container mc-public__header-inner">
          <Brand tone="dark" compact={phone} size={phone ? 38 : 46} />
          {!mobile && <nav className="mc-public-nav" aria-label="Điều hướng chính">{links}</nav>}
          <div className="mc-admin__spacer" />
          {!mobile && <AccountArea />}
          {mobile && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label="Mở menu"
              className="mc-public__burger"
              onClick={() => setOpen(true)}
            />
          )}
        </div>
      </header>
      {mobile && (
        <Drawer
          open={open}
          onClose={() => setOpen(false)}
          placement="right"
          size={300}
          title={<Brand tone="dark" compact size={32} />}
        >
          <nav className="mc-public-nav mc-public-nav--vertical" aria-label="Điều hướng chính">
            {links}
          </nav>
          <div style={{ marginTop: 24 }}>
            <AccountArea vertical />
          </div>
        </Drawer>
      )}
      <main className="mc-public__main">
        <Outlet />
      </main>
      <footer className="mc-footer">
        <div className="mc-container mc-footer__grid">
          <div className="mc-footer__brand">
            <div className="mc-footer__brandline">
              <Emblem size={44} />
              <div>
                <div className="mc-footer__site">{siteName}</div>
                {extraProvince && <div className="mc-footer__province">{extraProvince}</div>}
              </div>
            </div>
            <p className="mc-footer__text">
              {SITE_SUBTITLE}: tiếp nhận, giải quyết và trả kết quả thủ tục hành chính tại Bộ phận Một cửa các cấp
              {provinceName ? ` trên địa bàn ${midSentence(provinceName)}` : ''}.
            </p>
          </div>
          <div>
            <div className="mc-footer__heading">Dịch vụ</div>
            <ul className="mc-footer__links">
              <li>
                <Link to={PATHS.procedures}>Tra cứu thủ tục hành chính</Link>
              </li>
              <li>
                <Link to={PATHS.dossierLookup}>Tra cứu hồ sơ</Link>
              </li>
              <li>
                <Link to={PATHS.login}>Đăng nhập hệ thống</Link>
              </li>
            </ul>
          </div>
          <div>
            <div className="mc-footer__heading">Cam kết phục vụ</div>
            <ul className="mc-footer__links mc-footer__links--plain">
              <li>Công khai thủ tục, phí, lệ phí</li>
              <li>Đúng hạn, minh bạch tiến độ</li>
              <li>Tận tình, chu đáo, không phiền hà</li>
            </ul>
          </div>
        </div>
        <div className="mc-footer__bottom">
          <div className="mc-container">
            © {year} {siteName}
            {extraProvince ? ` · ${extraProvince}` : ''}
          </div>
        </div>
      </footer>
    </div>
  );
}
