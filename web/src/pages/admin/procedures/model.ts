// Kiểu dữ liệu, nhãn và truy vấn của trang quản trị danh mục thủ tục hành chính.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api';
import { PATHS } from '../../../paths';
import { useDebounced } from '../../../lib/hooks';
import { matches } from '../../../lib/text';
import type { DurationUnit, Workflow } from '../../../lib/workflow';
import type { Items, Paged } from '../../../types';

export type ProcedureLevel = 'province' | 'commune' | 'central';
export type OnlineType = 'full' | 'partial' | 'none';
export type VersionStatus = 'draft' | 'published' | 'archived';
export type AdminStatus = 'published' | 'draft' | 'unpublished';

/** Thành phần hồ sơ. */
export interface DossierComponent {
  name: string;
  originals: number;
  copies: number;
  template?: string | null;
}

/** Phí, lệ phí. */
export interface Fee {
  name: string;
  amount: number;
  note?: string | null;
}

/** Trường hợp giải quyết. */
export interface ProcedureCase {
  code: string;
  name: string;
  durationAmount: number;
  durationUnit: DurationUnit;
  sameDayCutoff: string | null;
  workflow: Workflow | null;
}

export interface ProcedureDetail {
  id: string;
  code: string;
  localCode: string | null;
  name: string;
  field: { code: string; name: string };
  levels: ProcedureLevel[];
  onlineType: OnlineType;
  boundaryFree: boolean;
  agencies: { id: string; name: string }[];
  rowVersion: number;
  versionNumber: number;
  status: VersionStatus;
  steps: string | null;
  submissionMeans: string | null;
  dossierComponents: DossierComponent[];
  timeLimit: string | null;
  applicants: string | null;
  competentAgency: string | null;
  result: string | null;
  fees: Fee[];
  legalBasis: string | null;
  decision: { number: string; date: string | null; effectiveDate: string | null } | null;
  publishedAt: string | null;
  cases: ProcedureCase[];
}

export interface AdminProcedureItem {
  id: string;
  code: string;
  localCode: string | null;
  name: string;
  field: { code: string; name: string };
  levels: ProcedureLevel[];
  onlineType: OnlineType;
  agencies: { id: string; name: string }[];
  rowVersion: number;
  publishedVersion: number | null;
  publishedAt: string | null;
  draftVersion: number | null;
  versionsCount: number;
  updatedAt: string;
}

export interface VersionSummary {
  number: number;
  status: VersionStatus;
  name: string;
  publishedAt: string | null;
  createdAt: string;
}

export interface Field {
  code: string;
  name: string;
  count: number;
}

export interface WorkflowCheck {
  problems: { path: string; message: string }[];
  longestPathHours: number | null;
  longestPath: string[];
  legalHours: number;
}

export const LEVELS: { value: ProcedureLevel; label: string }[] = [
  { value: 'province', label: 'Cấp tỉnh' },
  { value: 'commune', label: 'Cấp xã' },
  { value: 'central', label: 'Trung ương' },
];
export const levelLabel = (l: ProcedureLevel) => LEVELS.find((x) => x.value === l)?.label ?? l;

export const ONLINE_TYPES: { value: OnlineType; label: string; hint: string }[] = [
  { value: 'full', label: 'Toàn trình', hint: 'Nộp, xử lý và nhận kết quả hoàn toàn trực tuyến' },
  { value: 'partial', label: 'Một phần', hint: 'Nộp trực tuyến, nhận kết quả hoặc nộp bản gốc trực tiếp' },
  { value: 'none', label: 'Không', hint: 'Chỉ thực hiện trực tiếp hoặc qua bưu chính' },
];
export const onlineLabel = (o: OnlineType) => ONLINE_TYPES.find((x) => x.value === o)?.label ?? o;

export const STATUS_FILTERS: { value: AdminStatus; label: string }[] = [
  { value: 'published', label: 'Đang công bố' },
  { value: 'draft', label: 'Có bản dự thảo' },
  { value: 'unpublished', label: 'Chưa công bố' },
];

export const VERSION_STATUS_LABELS: Record<VersionStatus, string> = {
  draft: 'Dự thảo',
  published: 'Đang công bố',
  archived: 'Đã thay thế',
};
export const VERSION_STATUS_COLORS: Record<VersionStatus, string> = {
  draft: 'gold',
  published: 'green',
  archived: 'default',
};

/** Vai trò không thực hiện bước xử lý hồ sơ. */
export const NON_PROCESSING_ROLES = new Set(['citizen', 'admin', 'supervisor']);

/** Lọc lựa chọn của Select theo nhãn, gõ không dấu được. */
export const foldSearch = {
  filterOption: (input: string, option?: { label?: unknown; value?: unknown }) => matches(input, String(option?.label ?? ''), String(option?.value ?? '')),
};

// Đường dẫn.
export const procedurePaths = {
  list: PATHS.adminProcedures,
  create: `${PATHS.adminProcedures}/moi`,
  edit: (id: string) => `${PATHS.adminProcedures}/${id}`,
  versions: (id: string, n?: number) => `${PATHS.adminProcedures}/${id}/phien-ban${n ? `/${n}` : ''}`,
};

// Truy vấn.
export const pk = {
  adminList: (p: AdminListParams) => ['admin-procedures', p] as const,
  adminRoot: ['admin-procedures'] as const,
  fields: ['fields'] as const,
  versions: (id: string) => ['procedure-versions', id] as const,
  version: (id: string, n: number) => ['procedure-version', id, n] as const,
  procedureRoot: (id: string) => [['procedure-versions', id], ['procedure-version', id]] as const,
};

export interface AdminListParams {
  q?: string;
  field?: string;
  status?: AdminStatus;
  page: number;
  pageSize: number;
}

export function useAdminProcedures(p: AdminListParams) {
  return useQuery({
    queryKey: pk.adminList(p),
    queryFn: ({ signal }) => api.get<Paged<AdminProcedureItem>>('/admin/procedures', { ...p }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useFields() {
  return useQuery({
    queryKey: pk.fields,
    queryFn: ({ signal }) => api.get<Items<Field>>('/fields', undefined, { signal }).then((r) => r.items),
    staleTime: 60_000,
  });
}

export function useProcedureVersions(id: string | undefined) {
  return useQuery({
    queryKey: pk.versions(id ?? ''),
    queryFn: ({ signal }) => api.get<Items<VersionSummary>>(`/procedures/${id}/versions`, undefined, { signal }).then((r) => r.items),
    enabled: !!id,
  });
}

export function useProcedureVersion(id: string | undefined, n: number | undefined) {
  return useQuery({
    queryKey: pk.version(id ?? '', n ?? 0),
    queryFn: ({ signal }) => api.get<ProcedureDetail>(`/procedures/${id}/versions/${n}`, undefined, { signal }),
    enabled: !!id && !!n,
  });
}

/** Kiểm tra quy trình trên máy chủ khi người dùng ngừng gõ (không lưu gì). */
export function useWorkflowCheck(workflow: Workflow | null | undefined, durationAmount: number | null | undefined, durationUnit: DurationUnit | undefined) {
  const body =
    workflow && workflow.steps.length > 0 && typeof durationAmount === 'number' && durationUnit
      ? JSON.stringify({ workflow: cleanWorkflow(workflow), durationAmount, durationUnit })
      : null;
  const debounced = useDebounced(body, 300);
  return useQuery({
    queryKey: ['workflow-check', debounced],
    queryFn: ({ signal }) => api.post<WorkflowCheck>('/procedures/validate-workflow', JSON.parse(debounced!), { signal }),
    enabled: debounced !== null,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    retry: false,
  });
}

/** Quy trình gửi lên máy chủ: bỏ cơ quan trống, tên đã cắt khoảng trắng. */
export function cleanWorkflow(wf: Workflow): Workflow {
  return {
    steps: wf.steps.map((s) => ({
      id: s.id,
      name: s.name.trim() || 'Bước chưa đặt tên',
      role: s.role || 'specialist',
      ...(s.agencyId ? { agencyId: s.agencyId } : {}),
      quotaHours: Number.isFinite(s.quotaHours) ? s.quotaHours : 0,
    })),
    transitions: wf.transitions.filter((t) => t.from && t.to),
    start: wf.start,
    ends: wf.ends,
  };
}
