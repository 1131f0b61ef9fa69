/**
 * The demo province: Thanh Hóa after the 2025 reorganisation, with a few of its
 * departments and communes, and the former district level kept as history.
 * Names follow the real structure; the commune codes and electronic
 * identifiers below are illustrative, not the official lists.
 */
import type { AgencyKind, AgencyLevel } from '../modules/agencies/service.ts';

export interface DemoAgency {
  key: string;
  parent: string | null;
  name: string;
  shortName?: string;
  code: string;
  adminUnitCode?: string;
  level: AgencyLevel;
  kind: AgencyKind;
  validFrom?: string;
  validTo?: string;
  /** Keys of the agencies this one succeeded. */
  from?: string[];
}

export const DEMO_PROVINCE_NAME = 'Tỉnh Thanh Hóa';
const REFORM_DAY = '2025-07-01';
const LAST_DAY_BEFORE = '2025-06-30';

export const DEMO_AGENCIES: DemoAgency[] = [
  { key: 'tinh', parent: null, name: 'Ủy ban nhân dân tỉnh Thanh Hóa', shortName: 'UBND tỉnh', code: '000.00.00.H56', adminUnitCode: '38', level: 'province', kind: 'people_committee', validFrom: '1990-01-01' },
  { key: 'ttpvhcc', parent: 'tinh', name: 'Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa', shortName: 'TTPVHCC tỉnh', code: '000.00.01.H56', level: 'province', kind: 'service_center', validFrom: '2019-01-01' },
  { key: 'so-tu-phap', parent: 'tinh', name: 'Sở Tư pháp', code: '000.00.20.H56', level: 'province', kind: 'department', validFrom: '1990-01-01' },
  { key: 'so-xay-dung', parent: 'tinh', name: 'Sở Xây dựng', code: '000.00.21.H56', level: 'province', kind: 'department', validFrom: '1990-01-01' },
  { key: 'so-xd-cpxd', parent: 'so-xay-dung', name: 'Phòng Quản lý hoạt động xây dựng', code: '000.21.21.H56', level: 'province', kind: 'division', validFrom: '2010-01-01' },
  { key: 'so-nnmt', parent: 'tinh', name: 'Sở Nông nghiệp và Môi trường', code: '000.00.22.H56', level: 'province', kind: 'department', validFrom: '2025-03-01' },
  { key: 'vpdkdd', parent: 'so-nnmt', name: 'Văn phòng Đăng ký đất đai tỉnh', shortName: 'VPĐKĐĐ', code: '000.22.22.H56', level: 'province', kind: 'branch', validFrom: '2025-03-01' },
  { key: 'so-tai-chinh', parent: 'tinh', name: 'Sở Tài chính', code: '000.00.23.H56', level: 'province', kind: 'department', validFrom: '1990-01-01' },
  { key: 'so-noi-vu', parent: 'tinh', name: 'Sở Nội vụ', code: '000.00.24.H56', level: 'province', kind: 'department', validFrom: '1990-01-01' },
  { key: 'so-y-te', parent: 'tinh', name: 'Sở Y tế', code: '000.00.25.H56', level: 'province', kind: 'department', validFrom: '1990-01-01' },
  { key: 'so-cong-thuong', parent: 'tinh', name: 'Sở Công Thương', code: '000.00.26.H56', level: 'province', kind: 'department', validFrom: '1990-01-01' },

  // Former district level (abolished on 01/07/2025), kept for historical dossiers.
  { key: 'tp-thanh-hoa', parent: 'tinh', name: 'Ủy ban nhân dân thành phố Thanh Hóa', code: '000.00.40.H56', adminUnitCode: '380', level: 'district', kind: 'people_committee', validFrom: '1994-01-01', validTo: LAST_DAY_BEFORE },
  { key: 'p-dien-bien', parent: 'tp-thanh-hoa', name: 'Ủy ban nhân dân phường Điện Biên', code: '000.40.40.H56', adminUnitCode: '14755', level: 'commune', kind: 'people_committee', validFrom: '1994-01-01', validTo: LAST_DAY_BEFORE },
  { key: 'p-lam-son', parent: 'tp-thanh-hoa', name: 'Ủy ban nhân dân phường Lam Sơn', code: '000.41.40.H56', adminUnitCode: '14758', level: 'commune', kind: 'people_committee', validFrom: '1994-01-01', validTo: LAST_DAY_BEFORE },
  { key: 'h-hoang-hoa', parent: 'tinh', name: 'Ủy ban nhân dân huyện Hoằng Hóa', code: '000.00.41.H56', adminUnitCode: '391', level: 'district', kind: 'people_committee', validFrom: '1990-01-01', validTo: LAST_DAY_BEFORE },
  { key: 'x-hoang-quy', parent: 'h-hoang-hoa', name: 'Ủy ban nhân dân xã Hoằng Quỳ', code: '000.42.41.H56', adminUnitCode: '15103', level: 'commune', kind: 'people_committee', validFrom: '1990-01-01', validTo: LAST_DAY_BEFORE },

  // Communes and wards since 01/07/2025, each with its public administration service centre.
  { key: 'p-hac-thanh', parent: 'tinh', name: 'Ủy ban nhân dân phường Hạc Thành', code: '000.00.60.H56', adminUnitCode: '14754', level: 'commune', kind: 'people_committee', validFrom: REFORM_DAY, from: ['p-dien-bien', 'p-lam-son'] },
  { key: 'p-hac-thanh-tt', parent: 'p-hac-thanh', name: 'Trung tâm Phục vụ hành chính công phường Hạc Thành', code: '000.01.60.H56', level: 'commune', kind: 'service_center', validFrom: REFORM_DAY },
  { key: 'p-hac-thanh-kt', parent: 'p-hac-thanh', name: 'Phòng Kinh tế, Hạ tầng và Đô thị phường Hạc Thành', code: '000.02.60.H56', level: 'commune', kind: 'division', validFrom: REFORM_DAY },
  { key: 'p-hac-thanh-vx', parent: 'p-hac-thanh', name: 'Phòng Văn hóa - Xã hội phường Hạc Thành', code: '000.03.60.H56', level: 'commune', kind: 'division', validFrom: REFORM_DAY },
  { key: 'p-hac-thanh-vp', parent: 'p-hac-thanh', name: 'Văn phòng HĐND và UBND phường Hạc Thành', code: '000.04.60.H56', level: 'commune', kind: 'division', validFrom: REFORM_DAY },
  { key: 'x-hoang-hoa', parent: 'tinh', name: 'Ủy ban nhân dân xã Hoằng Hóa', code: '000.00.61.H56', adminUnitCode: '15100', level: 'commune', kind: 'people_committee', validFrom: REFORM_DAY, from: ['x-hoang-quy'] },
  { key: 'x-hoang-hoa-tt', parent: 'x-hoang-hoa', name: 'Trung tâm Phục vụ hành chính công xã Hoằng Hóa', code: '000.01.61.H56', level: 'commune', kind: 'service_center', validFrom: REFORM_DAY },
  { key: 'x-hoang-hoa-kt', parent: 'x-hoang-hoa', name: 'Phòng Kinh tế xã Hoằng Hóa', code: '000.02.61.H56', level: 'commune', kind: 'division', validFrom: REFORM_DAY },
  { key: 'x-hoang-hoa-vx', parent: 'x-hoang-hoa', name: 'Phòng Văn hóa - Xã hội xã Hoằng Hóa', code: '000.03.61.H56', level: 'commune', kind: 'division', validFrom: REFORM_DAY },
  { key: 'p-sam-son', parent: 'tinh', name: 'Ủy ban nhân dân phường Sầm Sơn', code: '000.00.62.H56', adminUnitCode: '14986', level: 'commune', kind: 'people_committee', validFrom: REFORM_DAY },
  { key: 'p-sam-son-tt', parent: 'p-sam-son', name: 'Trung tâm Phục vụ hành chính công phường Sầm Sơn', code: '000.01.62.H56', level: 'commune', kind: 'service_center', validFrom: REFORM_DAY },
  { key: 'p-sam-son-kt', parent: 'p-sam-son', name: 'Phòng Kinh tế, Hạ tầng và Đô thị phường Sầm Sơn', code: '000.02.62.H56', level: 'commune', kind: 'division', validFrom: REFORM_DAY },
  { key: 'x-ngoc-lac', parent: 'tinh', name: 'Ủy ban nhân dân xã Ngọc Lặc', code: '000.00.63.H56', adminUnitCode: '15340', level: 'commune', kind: 'people_committee', validFrom: REFORM_DAY },
  { key: 'x-ngoc-lac-tt', parent: 'x-ngoc-lac', name: 'Trung tâm Phục vụ hành chính công xã Ngọc Lặc', code: '000.01.63.H56', level: 'commune', kind: 'service_center', validFrom: REFORM_DAY },
  { key: 'x-ngoc-lac-vx', parent: 'x-ngoc-lac', name: 'Phòng Văn hóa - Xã hội xã Ngọc Lặc', code: '000.03.63.H56', level: 'commune', kind: 'division', validFrom: REFORM_DAY },
];

export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoUser {
  username: string;
  fullName: string;
  role: string;
  agency: string | null;
  email?: string;
  phone?: string;
}

/** One or more people for every role; all share DEMO_PASSWORD (the admin has its own). */
export const DEMO_USERS: DemoUser[] = [
  { username: 'tiepnhan.tinh', fullName: 'Nguyễn Thị Lan', role: 'reception', agency: 'ttpvhcc', phone: '0912000001' },
  { username: 'tiepnhan.hacthanh', fullName: 'Lê Văn Hùng', role: 'reception', agency: 'p-hac-thanh-tt', phone: '0912000002' },
  { username: 'tiepnhan.hoanghoa', fullName: 'Phạm Thị Hoa', role: 'reception', agency: 'x-hoang-hoa-tt', phone: '0912000003' },
  { username: 'chuyenvien.xaydung', fullName: 'Trần Minh Đức', role: 'specialist', agency: 'so-xay-dung', phone: '0912000004' },
  { username: 'chuyenvien.hacthanh', fullName: 'Vũ Thị Mai', role: 'specialist', agency: 'p-hac-thanh', phone: '0912000005' },
  { username: 'truongphong.xaydung', fullName: 'Hoàng Văn Nam', role: 'head', agency: 'so-xay-dung', phone: '0912000006' },
  { username: 'lanhdao.xaydung', fullName: 'Đỗ Quang Vinh', role: 'leader', agency: 'so-xay-dung', phone: '0912000007' },
  { username: 'lanhdao.hacthanh', fullName: 'Ngô Thị Thu', role: 'leader', agency: 'p-hac-thanh', phone: '0912000008' },
  { username: 'vanthu.xaydung', fullName: 'Bùi Thị Hạnh', role: 'clerk', agency: 'so-xay-dung', phone: '0912000009' },
  { username: 'noivu', fullName: 'Đặng Văn Toàn', role: 'reform', agency: 'so-noi-vu', phone: '0912000010' },
  { username: 'giamsat.hdnd', fullName: 'Lý Thị Phương', role: 'supervisor', agency: null, phone: '0912000011' },
  { username: 'congdan', fullName: 'Nguyễn Văn An', role: 'citizen', agency: null, email: 'congdan@example.vn', phone: '0987654321' },
];
