import { roleLabel } from '../labels';
import type { User } from '../types';

/** Chữ cái đầu của tên (từ cuối trong họ tên tiếng Việt). */
export function initials(fullName: string): string {
  const parts = fullName.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  return parts[parts.length - 1].charAt(0).toUpperCase();
}

/** Danh sách vai trò tiếng Việt, không trùng. */
export function rolesText(user: Pick<User, 'roles'>): string {
  return [...new Set(user.roles)].map(roleLabel).join(', ');
}
