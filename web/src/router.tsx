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
const WorkCalendarPage = lazy(() => import('./pages/admin/calendar/CalendarPage'));
const OutboxPage = lazy(() => import('./pages/admin/notifications/OutboxPage'));
// Danh mục thủ tục công khai: tải khi cần, để trang chủ mở nhanh.
const CatalogueProceduresPage = lazy(() => import('./pages/catalogue/ProceduresPage'));
const CatalogueProcedureDetailPage = lazy(() => import('./pages/catalogue/ProcedureDetailPage'));
const AdminProceduresPage = lazy(() => import('./pages/admin/procedures/ProceduresPage'));
const ProcedureEditorPage = lazy(() => import('./pages/admin/procedures/ProcedureEditorPage'));
const ProcedureVersionsPage = lazy(() => import('./pages/admin/procedures/ProcedureVersionsPage'));
const DossierQueuesPage = lazy(() => import('./pages/admin/dossiers/QueuesPage'));
const DossierIntakePage = lazy(() => import('./pages/admin/dossiers/IntakePage'));
const DossierPage = lazy(() => import('./pages/admin/dossiers/DossierPage'));
// Công dân trực tuyến: đăng ký, nộp hồ sơ, hồ sơ của tôi, tra cứu hồ sơ.
const RegisterPage = lazy(() => import('./pages/citizen/RegisterPage'));
const SubmitOnlinePage = lazy(() => import('./pages/citizen/SubmitPage'));
const MyDossiersPage = lazy(() => import('./pages/citizen/MyDossiersPage'));
const MyDossierPage = lazy(() => import('./pages/citizen/MyDossierPage'));
const DossierLookupPage = lazy(() => import('./pages/citizen/LookupPage'));
// Báo cáo: Biểu 06/VPCP/KSTT và Sổ theo dõi hồ sơ.
const Bieu06Page = lazy(() => import('./pages/admin/reports/Bieu06Page'));
const TrackingBookPage = lazy(() => import('./pages/admin/reports/TrackingBookPage'));
// Màn hình điều hành, thời gian giải quyết đi đâu, công khai kết quả.
const OperationsPage = lazy(() => import('./pages/admin/reports/OperationsPage'));
const TimingPage = lazy(() => import('./pages/admin/reports/TimingPage'));
const TransparencyPage = lazy(() => import('./pages/TransparencyPage'));
const Index766Page = lazy(() => import('./pages/admin/reports/Index766Page'));

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
          { path: 'thu-tuc', element: <Suspense fallback={<PageLoading />}><CatalogueProceduresPage /></Suspense> },
          { path: 'thu-tuc/:code', element: <Suspense fallback={<PageLoading />}><CatalogueProcedureDetailPage /></Suspense> },
          { path: 'nop-ho-so/:procedureCode', element: <Suspense fallback={<PageLoading />}><SubmitOnlinePage /></Suspense> },
          { path: 'ca-nhan/ho-so', element: <Suspense fallback={<PageLoading />}><MyDossiersPage /></Suspense> },
          { path: 'ca-nhan/ho-so/:id', element: <Suspense fallback={<PageLoading />}><MyDossierPage /></Suspense> },
          { path: 'tra-cuu-ho-so', element: <Suspense fallback={<PageLoading />}><DossierLookupPage /></Suspense> },
          { path: 'minh-bach', element: <Suspense fallback={<PageLoading />}><TransparencyPage /></Suspense> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      { path: PATHS.login, element: <LoginPage /> },
      { path: PATHS.register, element: <Suspense fallback={<PageLoading full />}><RegisterPage /></Suspense> },
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
          { path: 'lich-lam-viec', element: <WorkCalendarPage /> },
          { path: 'thong-bao', element: adminOnly(<OutboxPage />) },
          { path: 'thu-tuc', element: adminOnly(<AdminProceduresPage />) },
          { path: 'thu-tuc/:id', element: adminOnly(<ProcedureEditorPage />) },
          { path: 'thu-tuc/:id/phien-ban', element: adminOnly(<ProcedureVersionsPage />) },
          { path: 'thu-tuc/:id/phien-ban/:n', element: adminOnly(<ProcedureVersionsPage />) },
          { path: 'ho-so', element: <DossierQueuesPage /> },
          { path: 'ho-so/tiep-nhan', element: <RequireRole role="reception"><DossierIntakePage /></RequireRole> },
          { path: 'ho-so/:id', element: <DossierPage /> },
          { path: 'bao-cao/bieu-06', element: <Bieu06Page /> },
          { path: 'bao-cao/so-theo-doi', element: <TrackingBookPage /> },
          { path: 'dieu-hanh', element: <OperationsPage /> },
          { path: 'bao-cao/thoi-gian', element: <TimingPage /> },
          { path: 'bao-cao/chi-so-766', element: <Index766Page /> },
          { path: '*', element: <NotFoundPage home={PATHS.admin} /> },
        ],
      },
    ],
  },
]);
