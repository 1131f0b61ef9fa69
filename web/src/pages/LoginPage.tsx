import { useState, type KeyboardEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Form, Input } from 'antd';
import {
  ArrowLeftOutlined,
  ClockCircleOutlined,
  LockOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { ApiError, errorMessage } from '../api';
import { safeNext, useLogin, useMe } from '../auth';
import { usePublicInfo } from '../queries';
import { PATHS } from '../paths';
import { Brand, SITE_SUBTITLE } from '../components/Brand';
import { PageLoading } from '../components/PageLoading';
import { Emblem } from '../components/Emblem';
import { useDocumentTitle } from '../lib/hooks';

interface LoginValues {
  username: string;
  password: string;
}

const ERROR_TITLES: Record<string, string> = {
  INVALID_CREDENTIALS: 'Đăng nhập không thành công',
  ACCOUNT_LOCKED: 'Tài khoản đang bị tạm khóa',
  TOO_MANY_ATTEMPTS: 'Thử đăng nhập quá nhiều lần',
  NETWORK_ERROR: 'Mất kết nối',
};

export default function LoginPage() {
  useDocumentTitle('Đăng nhập');
  const me = useMe();
  const info = usePublicInfo();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<LoginValues>();
  const [capsLock, setCapsLock] = useState(false);
  const next = params.get('next');
  const expired = params.get('reason') === 'expired';

  if (me.isPending) return <PageLoading full />;
  if (me.data && !login.isPending && !login.isSuccess) return <Navigate to={safeNext(next, me.data)} replace />;

  const onFinish = (values: LoginValues) => {
    login.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onSuccess: (res) => navigate(safeNext(next, res.user), { replace: true }),
        onError: () => form.setFieldValue('password', ''),
      },
    );
  };

  const err = login.error;
  const code = err instanceof ApiError ? err.code : '';
  const errorType = code === 'TOO_MANY_ATTEMPTS' || code === 'ACCOUNT_LOCKED' ? 'warning' : 'error';

  const trackCaps = (e: KeyboardEvent) => {
    if (typeof e.getModifierState === 'function') setCapsLock(e.getModifierState('CapsLock'));
  };

  return (
    <div className="mc-login">
      <aside className="mc-login__panel">
        <div className="mc-hero__pattern" aria-hidden />
        <div className="mc-login__panel-inner">
          <Brand size={52} />
          <div className="mc-login__welcome">
            <h1>Chào mừng đến với hệ thống một cửa điện tử</h1>
            <p>
              {SITE_SUBTITLE}
              {info.data?.provinceName ? ` — ${info.data.provinceName}` : ''}.
            </p>
            <ul className="mc-login__points">
              <li>
                <TeamOutlined /> Tiếp nhận, thụ lý và trả kết quả trên một hệ thống thống nhất
              </li>
              <li>
                <ClockCircleOutlined /> Theo dõi thời hạn giải quyết, cảnh báo hồ sơ sắp quá hạn
              </li>
              <li>
                <SafetyCertificateOutlined /> Phân quyền theo vai trò và cơ quan, ghi nhật ký đầy đủ
              </li>
            </ul>
          </div>
          <div className="mc-login__panel-foot">{info.data?.siteName ?? 'motcua'}</div>
        </div>
      </aside>
      <main className="mc-login__main">
        <Link to={PATHS.home} className="mc-login__mobile-brand" aria-label={`motcua — ${SITE_SUBTITLE}`}>
          <Emblem size={56} />
          <span className="mc-login__mobile-name">motcua</span>
          <span className="mc-login__mobile-subtitle">{SITE_SUBTITLE}</span>
        </Link>
        <div className="mc-login__card">
          <h2 className="mc-login__title">Đăng nhập</h2>
          <p className="mc-login__subtitle">Cán bộ dùng tài khoản do quản trị hệ thống cấp; công dân, doanh nghiệp dùng tài khoản đã đăng ký.</p>

          {expired && !err && (
            <Alert
              type="info"
              showIcon
              className="mc-login__alert"
              title="Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại để tiếp tục."
            />
          )}
          {err && (
            <Alert
              type={errorType}
              showIcon
              className="mc-login__alert"
              title={ERROR_TITLES[code] ?? 'Không đăng nhập được'}
              description={errorMessage(err)}
              role="alert"
              data-testid="login-error"
            />
          )}

          <Form<LoginValues>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={onFinish}
            size="large"
            disabled={login.isPending}
            autoComplete="on"
          >
            <Form.Item
              label="Tên đăng nhập"
              name="username"
              rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập tên đăng nhập.' }]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                autoFocus
                autoCapitalize="none"
                spellCheck={false}
                placeholder="Tên đăng nhập"
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item
              label="Mật khẩu"
              name="password"
              rules={[{ required: true, message: 'Vui lòng nhập mật khẩu.' }]}
              extra={capsLock ? <span className="mc-caps">Phím Caps Lock đang bật.</span> : undefined}
            >
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                placeholder="Mật khẩu"
                data-testid="login-password"
                onKeyUp={trackCaps}
                onKeyDown={trackCaps}
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              loading={login.isPending}
              data-testid="login-submit"
              className="mc-login__submit"
            >
              Đăng nhập
            </Button>
          </Form>
          <div className="mc-login__register">
            Công dân, doanh nghiệp chưa có tài khoản?{' '}
            <Link to={next ? `${PATHS.register}?next=${encodeURIComponent(next)}` : PATHS.register} data-testid="register-link">
              Đăng ký tài khoản
            </Link>
          </div>
          <div className="mc-login__help">
            Quên mật khẩu hoặc tài khoản bị khóa? Vui lòng liên hệ quản trị hệ thống của cơ quan.
          </div>
          <Link to={PATHS.home} className="mc-login__back">
            <ArrowLeftOutlined /> Về trang chủ
          </Link>
        </div>
      </main>
    </div>
  );
}
