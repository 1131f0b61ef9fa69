import { useEffect, useRef, type ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { Button, Result } from 'antd';
import { hasRole, isOfficer, useMe } from '../auth';
import { loginPath, PATHS } from '../paths';
import { PageLoading } from './PageLoading';
import { ErrorState } from './ErrorState';
import { useDocumentTitle } from '../lib/hooks';

/** Chỉ cán bộ đã đăng nhập; người chưa đăng nhập → trang đăng nhập; công dân → trang chủ. */
export function RequireOfficer({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  // Đã từng đăng nhập trong phiên này mà nay mất → phiên hết hạn (báo cho người dùng biết).
  const wasSignedIn = useRef(false);
  useEffect(() => {
    if (me.data) wasSignedIn.current = true;
  }, [me.data]);
  if (me.isPending) return <PageLoading full />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  if (!me.data) {
    const reason = wasSignedIn.current ? 'expired' : undefined;
    return <Navigate to={loginPath(location.pathname + location.search, reason)} replace />;
  }
  if (!isOfficer(me.data)) return <Navigate to={PATHS.home} replace />;
  return <>{children}</>;
}

export function Forbidden() {
  useDocumentTitle('Không có quyền truy cập');
  return (
    <Result
      status="403"
      title="Không có quyền truy cập"
      subTitle="Tài khoản của bạn chưa được phân quyền sử dụng chức năng này. Vui lòng liên hệ quản trị hệ thống."
      extra={
        <Link to={PATHS.admin}>
          <Button type="primary">Về trang chủ quản trị</Button>
        </Link>
      }
    />
  );
}

/** Chỉ hiển thị khi người dùng có vai trò `role`. */
export function RequireRole({ role, children }: { role: string; children: ReactNode }) {
  const me = useMe();
  if (!hasRole(me.data, role)) return <Forbidden />;
  return <>{children}</>;
}
