import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './api';
import type { Agency, AuditEvent, Health, Items, Paged, PublicInfo, Role, User } from './types';

export const qk = {
  publicInfo: ['public-info'] as const,
  health: ['health'] as const,
  roles: ['roles'] as const,
  agencies: (scope: 'all' | 'active') => ['agencies', scope] as const,
  agenciesRoot: ['agencies'] as const,
  users: (p: UsersParams) => ['users', p] as const,
  usersRoot: ['users'] as const,
  audit: (p: AuditParams) => ['audit', p] as const,
};

export function usePublicInfo() {
  return useQuery({
    queryKey: qk.publicInfo,
    queryFn: ({ signal }) => api.get<PublicInfo>('/public/info', undefined, { signal }),
    staleTime: 60 * 60_000,
  });
}

export function useHealth() {
  return useQuery({
    queryKey: qk.health,
    queryFn: ({ signal }) => api.get<Health>('/health', undefined, { signal }),
    staleTime: 30_000,
  });
}

export function useRoles() {
  return useQuery({
    queryKey: qk.roles,
    queryFn: ({ signal }) => api.get<Items<Role>>('/roles', undefined, { signal }).then((r) => r.items),
    staleTime: 10 * 60_000,
  });
}

/** scope 'all': kể cả cơ quan đã giải thể/sáp nhập; 'active': chỉ cơ quan đang có hiệu lực. */
export function useAgencies(scope: 'all' | 'active') {
  return useQuery({
    queryKey: qk.agencies(scope),
    queryFn: ({ signal }) =>
      api.get<Items<Agency>>('/agencies', scope === 'all' ? { all: true } : undefined, { signal }).then((r) => r.items),
    staleTime: 60_000,
  });
}

export interface UsersParams {
  q?: string;
  agencyId?: string;
  page: number;
  pageSize: number;
}

export function useUsers(p: UsersParams) {
  return useQuery({
    queryKey: qk.users(p),
    queryFn: ({ signal }) => api.get<Paged<User>>('/users', { ...p }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export interface AuditParams {
  type?: string;
  page: number;
  pageSize: number;
}

export function useAudit(p: AuditParams) {
  return useQuery({
    queryKey: qk.audit(p),
    queryFn: ({ signal }) => api.get<Paged<AuditEvent>>('/audit', { ...p }, { signal }),
    placeholderData: keepPreviousData,
  });
}
