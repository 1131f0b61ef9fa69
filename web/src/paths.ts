/** Đường dẫn các trang (URL tiếng Việt không dấu). */
export const PATHS = {
  home: '/',
  /** Danh mục thủ tục hành chính (sẽ được xây dựng tiếp). */
  procedures: '/thu-tuc',
  /** Tra cứu hồ sơ theo mã (sẽ được xây dựng tiếp). */
  dossierLookup: '/tra-cuu-ho-so',
  login: '/dang-nhap',
  admin: '/quan-tri',
  agencies: '/quan-tri/co-quan',
  users: '/quan-tri/nguoi-dung',
  audit: '/quan-tri/nhat-ky',
} as const;

export function loginPath(next?: string, reason?: 'expired'): string {
  const params = new URLSearchParams();
  if (next && next !== '/' && !next.startsWith(PATHS.login)) params.set('next', next);
  if (reason) params.set('reason', reason);
  const qs = params.toString();
  return qs ? `${PATHS.login}?${qs}` : PATHS.login;
}
