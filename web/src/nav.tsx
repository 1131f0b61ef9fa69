import type { ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, HomeOutlined, TeamOutlined } from '@ant-design/icons';
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
];

export function navFor(user: User | null | undefined): NavItem[] {
  if (!user) return [];
  return NAV_ITEMS.filter((i) => !i.roles || i.roles.some((r) => user.roles.includes(r)));
}
