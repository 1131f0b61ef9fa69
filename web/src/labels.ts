import type { AgencyKind, AgencyLevel } from './types';

/** Tên vai trò tiếng Việt (dùng khi chưa tải được danh mục /roles). */
export const ROLE_LABELS: Record<string, string> = {
  citizen: 'Công dân, doanh nghiệp',
  reception: 'Cán bộ tiếp nhận',
  specialist: 'Chuyên viên thụ lý',
  head: 'Lãnh đạo phòng',
  leader: 'Lãnh đạo cơ quan',
  clerk: 'Văn thư',
  reform: 'Cán bộ Nội vụ',
  supervisor: 'Giám sát',
  admin: 'Quản trị hệ thống',
};

/** Vai trò có thể gắn với cơ quan (mặc định khi chưa tải được /roles). */
export const AGENCY_SCOPED_ROLES = new Set(['reception', 'specialist', 'head', 'leader', 'clerk', 'reform', 'supervisor', 'admin']);
/** Vai trò bắt buộc chọn cơ quan: cán bộ nghiệp vụ (mặc định khi chưa tải được /roles). */
export const AGENCY_REQUIRED_ROLES = new Set(['reception', 'specialist', 'head', 'leader', 'clerk']);

export const ROLE_COLORS: Record<string, string> = {
  admin: 'red',
  leader: 'volcano',
  head: 'orange',
  specialist: 'blue',
  reception: 'geekblue',
  clerk: 'cyan',
  reform: 'purple',
  supervisor: 'magenta',
  citizen: 'green',
};

export const roleLabel = (id: string): string => ROLE_LABELS[id] ?? id;

export const LEVEL_LABELS: Record<AgencyLevel, string> = {
  central: 'Trung ương',
  province: 'Cấp tỉnh',
  district: 'Cấp huyện (trước 01/07/2025)',
  commune: 'Cấp xã',
};

export const KIND_LABELS: Record<AgencyKind, string> = {
  people_committee: 'UBND',
  department: 'Sở, ban, ngành',
  service_center: 'Trung tâm PVHCC',
  one_stop: 'Bộ phận một cửa',
  division: 'Phòng, đơn vị',
  branch: 'Chi nhánh',
  other: 'Khác',
};

export const LEVEL_OPTIONS = (Object.keys(LEVEL_LABELS) as AgencyLevel[]).map((value) => ({ value, label: LEVEL_LABELS[value] }));
export const KIND_OPTIONS = (Object.keys(KIND_LABELS) as AgencyKind[]).map((value) => ({ value, label: KIND_LABELS[value] }));

export const AUDIT_TYPE_LABELS: Record<string, string> = {
  login: 'Đăng nhập',
  login_failed: 'Đăng nhập không thành công',
  logout: 'Đăng xuất',
  account_locked: 'Khóa tài khoản',
  user_locked: 'Khóa tài khoản',
  user_unlocked: 'Mở khóa tài khoản',
  user_created: 'Tạo người dùng',
  citizen_registered: 'Công dân tự đăng ký tài khoản',
  user_updated: 'Cập nhật người dùng',
  password_reset: 'Đặt lại mật khẩu',
  password_changed: 'Đổi mật khẩu',
  grants_changed: 'Thay đổi phân quyền',
  agency_created: 'Thêm cơ quan',
  agency_updated: 'Cập nhật cơ quan',
  agency_ended: 'Kết thúc hiệu lực cơ quan',
  procedure_created: 'Thêm thủ tục hành chính',
  procedure_draft_saved: 'Lưu bản dự thảo thủ tục',
  procedure_draft_started: 'Tạo bản dự thảo thủ tục',
  procedure_draft_discarded: 'Hủy bản dự thảo thủ tục',
  procedure_deleted: 'Xóa thủ tục chưa công bố',
  procedure_published: 'Công bố thủ tục hành chính',
  procedure_field_created: 'Thêm lĩnh vực',
  procedure_field_renamed: 'Đổi tên lĩnh vực',
  procedures_imported: 'Nhập danh mục thủ tục',
  dossiers_imported: 'Nhập hồ sơ từ hệ thống cũ',
  notification_retried: 'Gửi lại thông báo',
  holiday_schedule_saved: 'Sửa lịch nghỉ lễ, Tết',
  holiday_schedule_reverted: 'Khôi phục lịch nghỉ chính thức',
  agency_office_hours_updated: 'Sửa giờ làm việc của cơ quan',
};

export const AUDIT_TYPE_COLORS: Record<string, string> = {
  login: 'green',
  login_failed: 'red',
  logout: 'default',
  account_locked: 'volcano',
  user_locked: 'volcano',
  user_unlocked: 'cyan',
  user_created: 'blue',
  citizen_registered: 'green',
  user_updated: 'geekblue',
  password_reset: 'gold',
  password_changed: 'gold',
  grants_changed: 'purple',
  agency_created: 'blue',
  agency_updated: 'geekblue',
  agency_ended: 'magenta',
  procedure_created: 'blue',
  procedure_draft_saved: 'geekblue',
  procedure_draft_started: 'geekblue',
  procedure_draft_discarded: 'orange',
  procedure_deleted: 'volcano',
  procedure_published: 'green',
  procedure_field_created: 'blue',
  procedure_field_renamed: 'geekblue',
  procedures_imported: 'purple',
  dossiers_imported: 'purple',
  notification_retried: 'cyan',
  holiday_schedule_saved: 'orange',
  holiday_schedule_reverted: 'lime',
  agency_office_hours_updated: 'geekblue',
};

/** Nhãn tiếng Việt cho các khóa thường gặp trong chi tiết nhật ký. */
export const AUDIT_DETAIL_LABELS: Record<string, string> = {
  username: 'Tên đăng nhập',
  fullName: 'Họ và tên',
  email: 'Thư điện tử',
  phone: 'Số điện thoại',
  password: 'Mật khẩu',
  active: 'Trạng thái hoạt động',
  reason: 'Lý do',
  role: 'Vai trò',
  roles: 'Vai trò',
  grants: 'Phân quyền',
  before: 'Trước',
  after: 'Sau',
  added: 'Thêm',
  removed: 'Bỏ',
  changes: 'Thay đổi',
  fields: 'Trường thay đổi',
  userId: 'Mã người dùng',
  agencyId: 'Cơ quan',
  agencyName: 'Cơ quan',
  parentId: 'Cơ quan cấp trên',
  predecessorIds: 'Hình thành từ',
  successorIds: 'Sáp nhập vào',
  name: 'Tên',
  shortName: 'Tên viết tắt',
  code: 'Mã định danh',
  adminUnitCode: 'Mã ĐVHC',
  level: 'Cấp',
  kind: 'Loại',
  validTo: 'Hiệu lực đến',
  validFrom: 'Hiệu lực từ',
  lockedUntil: 'Khóa đến',
  userAgent: 'Trình duyệt',
  failures: 'Số lần sai liên tiếp',
  attempts: 'Số lần thử',
  procedureId: 'Mã thủ tục (nội bộ)',
  versionNumber: 'Phiên bản',
  fromVersion: 'Tạo từ phiên bản',
  rows: 'Số dòng',
  byStatus: 'Số hồ sơ theo trạng thái',
  sha256: 'Mã băm SHA-256 của tệp',
  messageId: 'Mã thông báo',
  channel: 'Kênh gửi',
  template: 'Loại thông báo',
  dossierCode: 'Mã hồ sơ',
  lastError: 'Lỗi gần nhất',
  year: 'Năm',
  version: 'Phiên bản',
  note: 'Ghi chú',
  daysOff: 'Ngày nghỉ',
  workingSaturdays: 'Ngày làm bù',
  sources: 'Văn bản căn cứ',
  previousDaysOff: 'Ngày nghỉ trước khi khôi phục',
};

/** Khóa chỉ hiện trong phần mở rộng (đối tượng đã nêu ở cột "Đối tượng"). */
export const AUDIT_HIDDEN_IN_SUMMARY = new Set(['userId', 'agencyId', 'procedureId']);
