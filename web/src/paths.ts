/** Đường dẫn các trang (URL tiếng Việt không dấu). */
export const PATHS = {
  home: '/',
  /** Danh mục thủ tục hành chính công khai; chi tiết: /thu-tuc/:mã-thủ-tục. */
  procedures: '/thu-tuc',
  /** Tra cứu hồ sơ theo mã hồ sơ và 4 số cuối (?ma= điền sẵn mã, từ mã QR trên giấy tiếp nhận). */
  dossierLookup: '/tra-cuu-ho-so',
  login: '/dang-nhap',
  /** Công dân, doanh nghiệp tự đăng ký tài khoản. */
  register: '/dang-ky',
  /** Nộp hồ sơ trực tuyến: /nop-ho-so/:mã-thủ-tục. */
  submitOnline: '/nop-ho-so',
  /** Hồ sơ của tôi (công dân); một hồ sơ: /ca-nhan/ho-so/:id. */
  myDossiers: '/ca-nhan/ho-so',
  admin: '/quan-tri',
  agencies: '/quan-tri/co-quan',
  users: '/quan-tri/nguoi-dung',
  audit: '/quan-tri/nhat-ky',
  /** Lịch làm việc: ngày nghỉ lễ, Tết, làm bù, giờ làm việc, tính ngày hẹn trả (?nam=2026). */
  workCalendar: '/quan-tri/lich-lam-viec',
  /** Thông báo gửi công dân (hộp thư đi: thư điện tử, SMS). */
  notifications: '/quan-tri/thong-bao',
  /** Quản trị danh mục thủ tục hành chính. */
  adminProcedures: '/quan-tri/thu-tuc',
  /** Hàng đợi công việc của cán bộ; một hồ sơ: /quan-tri/ho-so/:id. */
  dossiers: '/quan-tri/ho-so',
  /** Tiếp nhận hồ sơ tại quầy (cán bộ tiếp nhận). */
  dossierIntake: '/quan-tri/ho-so/tiep-nhan',
  /** Biểu 06/VPCP/KSTT: kết quả giải quyết TTHC (?ky=year|half|quarter|month|custom&nam=&so=&quyuoc=reporting&tu=&den=&nhom=agency&coquan=). */
  reportBieu06: '/quan-tri/bao-cao/bieu-06',
  /** Sổ theo dõi hồ sơ (cùng tham số kỳ, cơ quan; &trang=&sodong=). */
  reportTrackingBook: '/quan-tri/bao-cao/so-theo-doi',
  /** Màn hình điều hành của lãnh đạo (tự cập nhật; ?toanman=1 cho màn hình treo tường). */
  operations: '/quan-tri/dieu-hanh',
  /** Thời gian giải quyết đi đâu (?tu=&den=&coquan=&thutuc=). */
  reportTiming: '/quan-tri/bao-cao/thoi-gian',
  /** Công khai kết quả giải quyết TTHC theo cơ quan (không cần đăng nhập). */
  transparency: '/minh-bach',
  /** Bộ chỉ số phục vụ người dân, doanh nghiệp QĐ 766 (cùng tham số kỳ, cơ quan; &xephang=province|commune). */
  reportIndex766: '/quan-tri/bao-cao/chi-so-766',
} as const;

export function loginPath(next?: string, reason?: 'expired'): string {
  const params = new URLSearchParams();
  if (next && next !== '/' && !next.startsWith(PATHS.login)) params.set('next', next);
  if (reason) params.set('reason', reason);
  const qs = params.toString();
  return qs ? `${PATHS.login}?${qs}` : PATHS.login;
}
