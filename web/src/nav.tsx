import type { ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, CalendarOutlined, NotificationOutlined, FileProtectOutlined, FolderOpenOutlined, HomeOutlined, InboxOutlined, TeamOutlined } from '@ant-design/icons';
import { BarChartOutlined, BookOutlined, DashboardOutlined } from '@ant-design/icons';
import { FieldTimeOutlined, FundProjectionScreenOutlined } from '@ant-design/icons';
import { PATHS } from './paths';
import type { User } from './types';

export interface NavItem {
  path: string;
  label: string;
  description: string;
  icon: ReactNode;
  /** Vai trò được phép; để trống = mọi cán bộ. */
  roles?: string[];
  group?: string;
}

/** Chỉ những trang đã có. Khi thêm chức năng mới, bổ sung tại đây. */
export const NAV_ITEMS: NavItem[] = [
  {
    path: PATHS.admin,
    label: 'Trang chủ',
    description: 'Tổng quan tài khoản và lối tắt công việc',
    icon: <HomeOutlined />,
  },
  {
    path: PATHS.dossiers,
    label: 'Hàng đợi công việc',
    description: 'Hồ sơ cần xử lý, sắp đến hạn, quá hạn, chờ bổ sung, chờ trả kết quả',
    icon: <FolderOpenOutlined />,
    roles: ['reception', 'specialist', 'head', 'leader', 'clerk', 'supervisor', 'reform', 'admin'],
    group: 'Hồ sơ',
  },
  {
    path: PATHS.dossierIntake,
    label: 'Tiếp nhận hồ sơ',
    description: 'Tiếp nhận hồ sơ trực tiếp tại quầy hoặc qua bưu chính, cấp mã và giấy hẹn trả',
    icon: <InboxOutlined />,
    roles: ['reception'],
    group: 'Hồ sơ',
  },
  {
    path: PATHS.operations,
    label: 'Điều hành',
    description: 'Màn hình điều hành trực tiếp: tiếp nhận hôm nay, tỷ lệ đúng hạn, quá hạn theo cơ quan và lĩnh vực, xu hướng, hài lòng',
    icon: <FundProjectionScreenOutlined />,
    roles: ['leader', 'head', 'reform', 'supervisor', 'admin'],
    group: 'Báo cáo',
  },
  {
    path: PATHS.reportTiming,
    label: 'Thời gian giải quyết',
    description: 'Thời hạn luật định và thời gian thực tế, thời gian theo bước, vai trò, cán bộ; bước làm trễ hồ sơ; hồ sơ có nguy cơ trễ hạn',
    icon: <FieldTimeOutlined />,
    roles: ['leader', 'head', 'reform', 'supervisor', 'admin'],
    group: 'Báo cáo',
  },
  {
    path: PATHS.reportBieu06,
    label: 'Biểu 06/VPCP/KSTT',
    description: 'Biểu số 06/VPCP/KSTT theo kỳ báo cáo, theo lĩnh vực hoặc cơ quan; xem hồ sơ sau từng con số, xuất Excel, in',
    icon: <BarChartOutlined />,
    roles: ['leader', 'head', 'reform', 'supervisor', 'admin'],
    group: 'Báo cáo',
  },
  {
    path: PATHS.reportIndex766,
    label: 'Chỉ số phục vụ (QĐ 766)',
    description: 'Bộ chỉ số phục vụ người dân, doanh nghiệp theo Quyết định 766/QĐ-TTg: điểm từng chỉ số, từng nhóm, xếp hạng các cơ quan',
    icon: <DashboardOutlined />,
    roles: ['leader', 'head', 'reform', 'supervisor', 'admin'],
    group: 'Báo cáo',
  },
  {
    path: PATHS.reportTrackingBook,
    label: 'Sổ theo dõi hồ sơ',
    description: 'Hồ sơ tiếp nhận trong kỳ với ngày nhận, hẹn trả, chuyển xử lý, có kết quả, trả kết quả; xuất Excel, in',
    icon: <BookOutlined />,
    roles: ['leader', 'head', 'reform', 'supervisor', 'admin'],
    group: 'Báo cáo',
  },
  {
    path: PATHS.workCalendar,
    label: 'Lịch làm việc',
    description: 'Ngày nghỉ lễ, Tết, ngày làm bù, giờ làm việc và tính ngày hẹn trả',
    icon: <CalendarOutlined />,
    group: 'Tra cứu',
  },
  {
    path: PATHS.adminProcedures,
    label: 'Thủ tục hành chính',
    description: 'Danh mục thủ tục, trường hợp, quy trình nội bộ và các phiên bản công bố',
    icon: <FileProtectOutlined />,
    roles: ['admin'],
    group: 'Quản trị hệ thống',
  },
  {
    path: PATHS.agencies,
    label: 'Cơ quan, đơn vị',
    description: 'Cây cơ quan theo thời gian hiệu lực, sáp nhập, giải thể',
    icon: <ApartmentOutlined />,
    roles: ['admin'],
    group: 'Quản trị hệ thống',
  },
  {
    path: PATHS.users,
    label: 'Người dùng',
    description: 'Tài khoản cán bộ, phân quyền theo vai trò và cơ quan',
    icon: <TeamOutlined />,
    roles: ['admin'],
    group: 'Quản trị hệ thống',
  },
  {
    path: PATHS.audit,
    label: 'Nhật ký hệ thống',
    description: 'Đăng nhập, đăng xuất, thay đổi phân quyền và dữ liệu',
    icon: <AuditOutlined />,
    roles: ['admin'],
    group: 'Quản trị hệ thống',
  },
  {
    path: PATHS.notifications,
    label: 'Thông báo công dân',
    description: 'Thư điện tử và tin nhắn SMS đã gửi, đang chờ, gửi lỗi; gửi lại',
    icon: <NotificationOutlined />,
    roles: ['admin'],
    group: 'Quản trị hệ thống',
  },
];

export function navFor(user: User | null | undefined): NavItem[] {
  if (!user) return [];
  return NAV_ITEMS.filter((i) => !i.roles || i.roles.some((r) => user.roles.includes(r)));
}
