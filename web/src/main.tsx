import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import './lib/dates';
import { ApiError, setUnauthorizedHandler } from './api';
import { ME_KEY } from './auth';
import { loginPath, PATHS } from './paths';
import { router } from './router';
import { theme } from './theme';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Không thử lại với lỗi phía người dùng (4xx); lỗi mạng/máy chủ thử lại tối đa 2 lần.
      retry: (count, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
    mutations: { retry: false },
  },
});

// Hết phiên (401) → xóa thông tin người dùng và chuyển tới trang đăng nhập, nhớ trang đang xem.
setUnauthorizedHandler(() => {
  const { pathname, search } = window.location;
  if (!pathname.startsWith(PATHS.login)) {
    void router.navigate(loginPath(pathname + search, 'expired'), { replace: true });
  }
  queryClient.setQueryData(ME_KEY, null);
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={viVN} theme={theme}>
      <AntdApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntdApp>
    </ConfigProvider>
  </StrictMode>,
);
