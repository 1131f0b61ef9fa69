import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './api';
import type { User } from './types';
import { PATHS } from './paths';

export const ME_KEY = ['auth', 'me'] as const;

/** Người dùng hiện tại; null nếu chưa đăng nhập. */
export function useMe() {
  return useQuery<User | null>({
    queryKey: ME_KEY,
    queryFn: async ({ signal }) => {
      try {
        const res = await api.get<{ user: User }>('/auth/me', undefined, { signal, skipAuthRedirect: true });
        return res.user;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 5 * 60_000,
    retry: (count, e) => !(e instanceof ApiError && e.status > 0 && e.status < 500) && count < 2,
  });
}

export function hasRole(user: User | null | undefined, role: string): boolean {
  return !!user && user.roles.includes(role);
}

/** Cán bộ: có ít nhất một vai trò khác "citizen". */
export function isOfficer(user: User | null | undefined): boolean {
  return !!user && user.roles.some((r) => r !== 'citizen');
}

/** Trang mặc định sau khi đăng nhập. */
export function homeFor(user: User | null | undefined): string {
  return isOfficer(user) ? PATHS.admin : PATHS.home;
}

/** Địa chỉ an toàn để quay lại sau khi đăng nhập (chỉ đường dẫn nội bộ). */
export function safeNext(next: string | null | undefined, user: User): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return homeFor(user);
  if (next.startsWith(PATHS.login)) return homeFor(user);
  if (next.startsWith(PATHS.admin) && !isOfficer(user)) return PATHS.home;
  return next;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      api.post<{ token: string; user: User }>('/auth/login', body, { skipAuthRedirect: true }),
    onSuccess: (res) => {
      // Xóa dữ liệu của phiên trước (nếu có) rồi ghi nhận người dùng mới.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'public-info' });
      qc.setQueryData(ME_KEY, res.user);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.post<void>('/auth/logout', undefined, { skipAuthRedirect: true });
      } catch (e) {
        // Phiên đã hết hạn sẵn: coi như đã đăng xuất.
        if (!(e instanceof ApiError && e.status === 401)) throw e;
      }
    },
    onSuccess: () => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'public-info' });
      qc.setQueryData(ME_KEY, null);
    },
  });
}
