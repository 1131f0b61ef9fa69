import { Link } from 'react-router-dom';
import { Badge, Card, Col, Empty, Row, Skeleton, Tag, Typography } from 'antd';
import { ApartmentOutlined, ArrowRightOutlined, DatabaseOutlined, GlobalOutlined, SafetyOutlined } from '@ant-design/icons';
import { useMe } from '../../auth';
import { navFor } from '../../nav';
import { PATHS } from '../../paths';
import { useHealth, useRoles } from '../../queries';
import { ROLE_COLORS, roleLabel } from '../../labels';
import { longToday } from '../../lib/dates';
import { useDocumentTitle } from '../../lib/hooks';
import { initials } from '../../lib/user';
import { QueueCards } from './dossiers/QueueCards';

const DB_LABELS: Record<string, string> = {
  pglite: 'PGlite (cơ sở dữ liệu nhúng)',
  postgres: 'PostgreSQL',
};

function greeting(): string {
  const h = Number(
    new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hour12: false, timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()),
  );
  if (h < 11) return 'Chào buổi sáng';
  if (h < 13) return 'Chào buổi trưa';
  if (h < 18) return 'Chào buổi chiều';
  return 'Chào buổi tối';
}

function SystemStatus() {
  const health = useHealth();
  if (health.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (health.isError)
    return <Badge status="error" text="Không kiểm tra được tình trạng máy chủ" />;
  const ok = health.data.status === 'ok';
  return (
    <div className="mc-status">
      <div className="mc-status__row">
        <Badge status={ok ? 'success' : 'warning'} />
        <span>{ok ? 'Hệ thống hoạt động bình thường' : `Trạng thái: ${health.data.status}`}</span>
      </div>
      <div className="mc-status__row">
        <DatabaseOutlined />
        <span>{DB_LABELS[health.data.db] ?? health.data.db}</span>
      </div>
      <div className="mc-status__row">
        <SafetyOutlined />
        <span>Phiên bản {health.data.version}</span>
      </div>
    </div>
  );
}

export default function DashboardPage() {
  useDocumentTitle('Trang chủ');
  const { data: user } = useMe();
  const roles = useRoles();
  if (!user) return null;

  const links = navFor(user).filter((i) => i.path !== PATHS.admin);
  const roleInfo = new Map((roles.data ?? []).map((r) => [r.id, r]));
  const nameOf = (id: string) => roleInfo.get(id)?.name ?? roleLabel(id);

  return (
    <div className="mc-dashboard">
      <section className="mc-welcome">
        <div className="mc-hero__pattern" aria-hidden />
        <div className="mc-welcome__avatar" aria-hidden>
          {initials(user.fullName)}
        </div>
        <div className="mc-welcome__body">
          <div className="mc-welcome__date">{longToday()}</div>
          <h1 className="mc-welcome__title">
            {greeting()}, {user.fullName}
          </h1>
          <div className="mc-welcome__roles">
            {[...new Set(user.roles)].map((r) => (
              <span key={r} className="mc-welcome__role">
                {nameOf(r)}
              </span>
            ))}
          </div>
        </div>
      </section>

      <QueueCards />

      <Row gutter={[20, 20]}>
        <Col xs={24} xl={16}>
          <Card title="Truy cập nhanh" className="mc-card">
            {links.length === 0 ? (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description="Chưa có chức năng nghiệp vụ nào được mở cho vai trò của bạn."
              >
                <Link to={PATHS.home}>
                  <GlobalOutlined /> Trang thông tin công khai
                </Link>
              </Empty>
            ) : (
              <div className="mc-quick">
                {links.map((l) => (
                  <Link key={l.path} to={l.path} className="mc-quick__item">
                    <span className="mc-quick__icon">{l.icon}</span>
                    <span className="mc-quick__body">
                      <span className="mc-quick__title">{l.label}</span>
                      <span className="mc-quick__desc">{l.description}</span>
                    </span>
                    <ArrowRightOutlined className="mc-quick__arrow" />
                  </Link>
                ))}
                <Link to={PATHS.home} className="mc-quick__item">
                  <span className="mc-quick__icon mc-quick__icon--muted">
                    <GlobalOutlined />
                  </span>
                  <span className="mc-quick__body">
                    <span className="mc-quick__title">Trang thông tin công khai</span>
                    <span className="mc-quick__desc">Trang người dân, doanh nghiệp nhìn thấy</span>
                  </span>
                  <ArrowRightOutlined className="mc-quick__arrow" />
                </Link>
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="Phân quyền của bạn" className="mc-card" data-testid="my-grants">
            {user.grants.length === 0 ? (
              <Typography.Text type="secondary">Tài khoản chưa được phân quyền.</Typography.Text>
            ) : (
              <ul className="mc-grants">
                {user.grants.map((g, i) => (
                  <li key={i} className="mc-grants__item">
                    <Tag color={ROLE_COLORS[g.role]} className="mc-grants__role">
                      {nameOf(g.role)}
                    </Tag>
                    <span className="mc-grants__agency">
                      <ApartmentOutlined />{' '}
                      {g.agencyName ?? (roleInfo.get(g.role)?.agencyScoped === false || !g.agencyId ? 'Toàn hệ thống' : '—')}
                    </span>
                    {roleInfo.get(g.role)?.description && (
                      <span className="mc-grants__desc">{roleInfo.get(g.role)?.description}</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Tình trạng hệ thống" className="mc-card" style={{ marginTop: 20 }}>
            <SystemStatus />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
