// Danh mục thủ tục hành chính công khai: kiểu dữ liệu theo API, truy vấn, nhãn tiếng Việt,
// và ánh xạ bộ lọc ⇄ tham số trên URL (để chia sẻ được một lượt tìm kiếm).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { Items, Paged } from '../../types';
import { fold } from '../../lib/text';

export type ProcedureLevel = 'province' | 'commune' | 'central';
export type OnlineType = 'full' | 'partial' | 'none';
export type DurationUnit = 'working_days' | 'working_hours' | 'calendar_days';
export type VersionStatus = 'draft' | 'published' | 'archived';

export interface ProcedureCase {
  code: string;
  name: string;
  durationAmount: number;
  durationUnit: DurationUnit;
  sameDayCutoff: string | null;
}

export interface ProcedureSummary {
  id: string;
  code: string;
  name: string;
  field: { code: string; name: string };
  levels: ProcedureLevel[];
  onlineType: OnlineType;
  boundaryFree: boolean;
  agencies: { id: string; name: string }[];
  cases: ProcedureCase[];
}

export interface DossierComponent {
  name: string;
  originals: number;
  copies: number;
  template?: string | null;
}

export interface Fee {
  name: string;
  amount: number;
  note?: string | null;
}

export interface ProcedureDetail extends ProcedureSummary {
  localCode: string | null;
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
}

export interface VersionSummary {
  number: number;
  status: VersionStatus;
  name: string;
  publishedAt: string | null;
  createdAt: string;
}

export interface FieldCount {
  code: string;
  name: string;
  count: number;
}

export interface PublicAgency {
  id: string;
  name: string;
  shortName: string | null;
  code: string;
  parentId: string | null;
  level: 'central' | 'province' | 'district' | 'commune';
  kind: string;
}

// ------------------------------------------------------------------ Nhãn

export const LEVEL_LABELS: Record<ProcedureLevel, string> = {
  province: 'Cấp tỉnh',
  commune: 'Cấp xã',
  central: 'Trung ương',
};

export const ONLINE_LABELS: Record<OnlineType, string> = {
  full: 'Toàn trình',
  partial: 'Một phần',
  none: 'Không',
};

/** Mô tả đầy đủ mức dịch vụ công trực tuyến. */
export const ONLINE_LONG: Record<OnlineType, string> = {
  full: 'Dịch vụ công trực tuyến toàn trình',
  partial: 'Dịch vụ công trực tuyến một phần',
  none: 'Không cung cấp dịch vụ công trực tuyến',
};

export const ONLINE_HINT: Record<OnlineType, string> = {
  full: 'Nộp hồ sơ, nộp phí và nhận kết quả hoàn toàn trên môi trường mạng.',
  partial: 'Nộp hồ sơ trực tuyến; nộp phí hoặc nhận kết quả trực tiếp tại Bộ phận Một cửa.',
  none: 'Nộp hồ sơ trực tiếp tại Bộ phận Một cửa hoặc qua dịch vụ bưu chính.',
};

const UNIT_LABELS: Record<DurationUnit, string> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
  calendar_days: 'ngày',
};

const numberVi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** "15 ngày làm việc", "4 giờ làm việc", "Trong ngày" (0 ngày). */
export function fmtDuration(amount: number, unit: DurationUnit): string {
  if (amount === 0) return 'Trong ngày';
  return `${numberVi.format(amount)} ${UNIT_LABELS[unit]}`;
}

/** 50000 → "50.000 đồng". */
export function fmtVnd(amount: number): string {
  return `${numberVi.format(amount)} đồng`;
}

// ----------------------------------------------------- Bộ lọc trên URL

/** Tham số URL tiếng Việt không dấu → giá trị API. */
const LEVEL_PARAM: Record<string, ProcedureLevel> = { tinh: 'province', xa: 'commune', 'trung-uong': 'central' };
const ONLINE_PARAM: Record<string, OnlineType> = { 'toan-trinh': 'full', 'mot-phan': 'partial', khong: 'none' };
const invert = <T extends string>(m: Record<string, T>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k])) as Record<T, string>;
const LEVEL_TO_PARAM = invert(LEVEL_PARAM);
const ONLINE_TO_PARAM = invert(ONLINE_PARAM);

export interface CatalogueFilters {
  q: string;
  field?: string;
  level?: ProcedureLevel;
  /** Mã định danh điện tử của cơ quan thực hiện (dễ đọc, ổn định khi chia sẻ). */
  agencyCode?: string;
  online?: OnlineType;
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [10, 20, 50];
export const DEFAULT_PAGE_SIZE = 20;

export function filtersFromParams(p: URLSearchParams): CatalogueFilters {
  const page = Number(p.get('trang'));
  const size = Number(p.get('so-dong'));
  return {
    q: p.get('q') ?? '',
    field: p.get('linh-vuc') || undefined,
    level: LEVEL_PARAM[p.get('cap') ?? ''],
    agencyCode: p.get('co-quan') || undefined,
    online: ONLINE_PARAM[p.get('truc-tuyen') ?? ''],
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

export function paramsFromFilters(f: CatalogueFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.field) p.set('linh-vuc', f.field);
  if (f.level) p.set('cap', LEVEL_TO_PARAM[f.level]);
  if (f.agencyCode) p.set('co-quan', f.agencyCode);
  if (f.online) p.set('truc-tuyen', ONLINE_TO_PARAM[f.online]);
  if (f.page > 1) p.set('trang', String(f.page));
  if (f.pageSize !== DEFAULT_PAGE_SIZE) p.set('so-dong', String(f.pageSize));
  return p;
}

/** Đường dẫn danh mục đã lọc sẵn (ví dụ từ trang chi tiết: "các thủ tục cùng lĩnh vực"). */
export function catalogueHref(base: string, f: Partial<CatalogueFilters>): string {
  const qs = paramsFromFilters({ q: '', page: 1, pageSize: DEFAULT_PAGE_SIZE, ...f }).toString();
  return qs ? `${base}?${qs}` : base;
}

// -------------------------------------------------------------- Truy vấn

export const catalogueKeys = {
  list: (q: object) => ['catalogue', 'list', q] as const,
  fields: ['catalogue', 'fields'] as const,
  agencies: ['catalogue', 'agencies'] as const,
  detail: (code: string, version?: number) => ['catalogue', 'detail', code, version ?? 'current'] as const,
  versions: (id: string) => ['catalogue', 'versions', id] as const,
};

export interface ListQuery {
  q?: string;
  field?: string;
  level?: ProcedureLevel;
  agency?: string;
  online?: OnlineType;
  page: number;
  pageSize: number;
}

export function useProcedureList(query: ListQuery, enabled = true) {
  return useQuery({
    queryKey: catalogueKeys.list(query),
    queryFn: ({ signal }) => api.get<Paged<ProcedureSummary>>('/procedures', { ...query }, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useFields() {
  return useQuery({
    queryKey: catalogueKeys.fields,
    queryFn: ({ signal }) => api.get<Items<FieldCount>>('/fields', undefined, { signal }).then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

export function usePublicAgencies() {
  return useQuery({
    queryKey: catalogueKeys.agencies,
    queryFn: ({ signal }) => api.get<Items<PublicAgency>>('/public/agencies', undefined, { signal }).then((r) => r.items),
    staleTime: 10 * 60_000,
  });
}

export function useProcedure(code: string, version?: number) {
  return useQuery({
    queryKey: catalogueKeys.detail(code, version),
    queryFn: ({ signal }) =>
      api.get<ProcedureDetail>(
        version ? `/procedures/${encodeURIComponent(code)}/versions/${version}` : `/procedures/${encodeURIComponent(code)}`,
        undefined,
        { signal },
      ),
  });
}

export function useProcedureVersions(id: string | undefined) {
  return useQuery({
    queryKey: catalogueKeys.versions(id ?? ''),
    queryFn: ({ signal }) =>
      api.get<Items<VersionSummary>>(`/procedures/${encodeURIComponent(id!)}/versions`, undefined, { signal }).then((r) => r.items),
    enabled: !!id,
  });
}

// ------------------------------------------------------ Tô sáng từ khóa

/**
 * Tách `text` thành các đoạn, đánh dấu các đoạn khớp từ khóa (so khớp không dấu,
 * không phân biệt hoa thường): "Cấp giấy phép" + "cap phep" → [Cấp] [ giấy ] [phép].
 */
export function highlightParts(text: string, query: string): { text: string; hit: boolean }[] {
  const words = fold(query).split(/\s+/).filter((w) => w.length > 0);
  if (!words.length || !text) return [{ text, hit: false }];
  // Gấp dấu từng ký tự để giữ được vị trí trong chuỗi gốc.
  const chars = Array.from(text.normalize('NFC'));
  const folded = chars.map((c) => fold(c) || c);
  const flat = folded.join('');
  const owner: number[] = [];
  folded.forEach((f, i) => {
    for (let k = 0; k < f.length; k++) owner.push(i);
  });
  const mark = new Array<boolean>(chars.length).fill(false);
  for (const w of words) {
    for (let at = flat.indexOf(w); at >= 0; at = flat.indexOf(w, at + w.length)) {
      for (let k = at; k < at + w.length; k++) mark[owner[k]] = true;
    }
  }
  const parts: { text: string; hit: boolean }[] = [];
  chars.forEach((c, i) => {
    const last = parts[parts.length - 1];
    if (last && last.hit === mark[i]) last.text += c;
    else parts.push({ text: c, hit: mark[i] });
  });
  return parts;
}
