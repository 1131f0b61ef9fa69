/** Roles (vai trò) and what each may do. Pure data and rules, no I/O. */

export const ROLE_IDS = [
  'citizen',
  'reception',
  'specialist',
  'head',
  'leader',
  'clerk',
  'reform',
  'supervisor',
  'admin',
] as const;
export type Role = (typeof ROLE_IDS)[number];

export interface RoleInfo {
  id: Role;
  name: string;
  description: string;
  /** Officer roles are granted per agency and apply to its subtree. */
  agencyScoped: boolean;
  /** Whether the grant may omit the agency (system-wide). */
  agencyOptional: boolean;
}

export const ROLES: readonly RoleInfo[] = [
  { id: 'citizen', name: 'Công dân, doanh nghiệp', description: 'Nộp và theo dõi hồ sơ của mình', agencyScoped: false, agencyOptional: true },
  { id: 'reception', name: 'Cán bộ tiếp nhận', description: 'Tiếp nhận, kiểm tra hồ sơ và trả kết quả tại Bộ phận Một cửa', agencyScoped: true, agencyOptional: false },
  { id: 'specialist', name: 'Chuyên viên thụ lý', description: 'Thẩm định, xử lý hồ sơ được phân công', agencyScoped: true, agencyOptional: false },
  { id: 'head', name: 'Lãnh đạo phòng', description: 'Phân công, xem xét hồ sơ của phòng', agencyScoped: true, agencyOptional: false },
  { id: 'leader', name: 'Lãnh đạo cơ quan', description: 'Phê duyệt, ký kết quả giải quyết', agencyScoped: true, agencyOptional: false },
  { id: 'clerk', name: 'Văn thư', description: 'Vào số, phát hành kết quả', agencyScoped: true, agencyOptional: false },
  { id: 'reform', name: 'Cán bộ Nội vụ', description: 'Chỉ số cải cách hành chính, kế hoạch, kiểm tra', agencyScoped: true, agencyOptional: true },
  { id: 'supervisor', name: 'Giám sát', description: 'Chỉ xem: đại biểu HĐND, thanh tra, kiểm tra', agencyScoped: true, agencyOptional: true },
  { id: 'admin', name: 'Quản trị hệ thống', description: 'Quản lý cơ quan, người dùng và cấu hình', agencyScoped: true, agencyOptional: true },
];

export function isRole(x: string): x is Role {
  return (ROLE_IDS as readonly string[]).includes(x);
}

export function roleInfo(role: Role): RoleInfo {
  const r = ROLES.find((x) => x.id === role);
  if (!r) throw new Error(`unknown role ${role}`);
  return r;
}

export interface Grant {
  role: Role;
  /** null: system-wide. */
  agencyId: string | null;
}

/**
 * Whether a set of grants gives one of `roles` at the agency whose ancestor chain
 * (itself first, then its parent, up to the root) is `ancestry`.
 */
export function grantsAllow(grants: readonly Grant[], roles: readonly Role[], ancestry: readonly string[] | null): boolean {
  return grants.some(
    (g) =>
      roles.includes(g.role) &&
      (g.agencyId === null || (ancestry !== null && ancestry.includes(g.agencyId))),
  );
}

/** Problems with a grant list, as Vietnamese messages keyed by index. */
export function validateGrants(grants: readonly { role: string; agencyId?: string | null }[]): { index: number; message: string }[] {
  const out: { index: number; message: string }[] = [];
  const seen = new Set<string>();
  grants.forEach((g, index) => {
    if (!isRole(g.role)) {
      out.push({ index, message: `Vai trò không tồn tại: ${g.role}` });
      return;
    }
    const info = roleInfo(g.role);
    if (!info.agencyOptional && !g.agencyId) {
      out.push({ index, message: `Vai trò "${info.name}" phải gắn với một cơ quan.` });
    }
    const key = `${g.role}@${g.agencyId ?? ''}`;
    if (seen.has(key)) out.push({ index, message: 'Vai trò bị lặp lại.' });
    seen.add(key);
  });
  return out;
}
