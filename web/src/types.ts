// Kiểu dữ liệu theo hợp đồng API /api/v1 (xem src/ phía máy chủ).

export type RoleId =
  | 'citizen'
  | 'reception'
  | 'specialist'
  | 'head'
  | 'leader'
  | 'clerk'
  | 'reform'
  | 'supervisor'
  | 'admin';

export interface Grant {
  role: string;
  agencyId: string | null;
  agencyName: string | null;
}

export interface User {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  active: boolean;
  lockedUntil: string | null;
  roles: string[];
  grants: Grant[];
}

export interface Role {
  id: string;
  name: string;
  description?: string | null;
  /** Vai trò có thể gắn với một cơ quan. */
  agencyScoped: boolean;
  /** Gắn cơ quan là tùy chọn (để trống = toàn hệ thống). */
  agencyOptional?: boolean;
}

export type AgencyLevel = 'central' | 'province' | 'district' | 'commune';
export type AgencyKind =
  | 'people_committee'
  | 'department'
  | 'service_center'
  | 'one_stop'
  | 'division'
  | 'branch'
  | 'other';

export interface Agency {
  id: string;
  name: string;
  shortName: string | null;
  code: string;
  adminUnitCode: string | null;
  parentId: string | null;
  level: AgencyLevel;
  kind: AgencyKind;
  validFrom: string;
  validTo: string | null;
  predecessorIds: string[];
  successorIds: string[];
  version: number;
}

export interface AuditEvent {
  id: string | number;
  at: string;
  type: string;
  actorName: string | null;
  subject: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}

export interface Paged<T> {
  items: T[];
  total: number;
}

export interface Items<T> {
  items: T[];
}

export interface PublicInfo {
  provinceName: string;
  siteName: string;
}

export interface Health {
  status: string;
  db: 'pglite' | 'postgres' | string;
  version: string;
}
