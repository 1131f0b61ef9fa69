import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Outlet, ScrollRestoration } from 'react-router-dom';
import PublicLayout from './components/PublicLayout';
import { RequireRole } from './components/Guards';
import { PageLoading } from './components/PageLoading';
import HomePage from './pages/HomePage';
import LoginPage from './pages/LoginPage';
import NotFoundPage from './pages/NotFoundPage';
import { PATHS } from './paths';

// Các trang quản trị được tách khối (tải khi cần) để trang công khai mở nhanh.
const AdminLayout = lazy(() => import('./components/AdminLayout'));
const DashboardPage = lazy(() => import('./pages/admin/DashboardPage'));
const AgenciesPage = lazy(() => import('./pages/admin/AgenciesPage'));
const UsersPage = lazy(() => import('./pages/admin/UsersPage'));
const AuditPage = lazy(() => import('./pages/admin/AuditPage'));

function Root() {
  return (
    <>
      <ScrollRestoration />
      <Outlet />
    </>
  );
}

const adminOnly = (el: ReactNode) => <RequireRole role="admin">{el}</RequireRole>;

export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      { path: PATHS.login, element: <LoginPage /> },
      {
        path: PATHS.admin,
        element: (
          <Suspense fallback={<PageLoading full />}>
            <AdminLayout />
          </Suspense>
        ),
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'co-quan', element: adminOnly(<AgenciesPage />) },
          { path: 'nguoi-dung', element: adminOnly(<UsersPage />) },
          { path: 'nhat-ky', element: adminOnly(<AuditPage />) },
          { path: '*', element: <NotFoundPage home={PATHS.admin} /> },
        ],
      },
    ],
  },
]);
