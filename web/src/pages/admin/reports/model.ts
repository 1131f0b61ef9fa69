// Báo cáo: Biểu 06/VPCP/KSTT và Sổ theo dõi hồ sơ — kiểu dữ liệu theo API
// /api/v1/reports, kỳ báo cáo (tháng, quý, 6 tháng, năm; theo tháng dương lịch
// hoặc từ ngày 15 tháng trước đến ngày 14), truy vấn và tải tệp Excel.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, API_BASE, ApiError } from '../../../api';
import type { Paged, User } from '../../../types';
import type { Dossier } from '../dossiers/model';

/** Vai trò được xem báo cáo (trùng với máy chủ). */
export const REPORT_ROLES = ['leader', 'head', 'reform', 'supervisor', 'admin'];

export const canReadReports = (user: User | null | undefined) => !!user && user.roles.some((r) => REPORT_ROLES.includes(r));

// ---------------------------------------------------------------------------
// Kỳ báo cáo
// ---------------------------------------------------------------------------

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year' | 'custom';
export type Convention = 'calendar' | 'reporting';

export interface PeriodState {
  kind: PeriodKind;
  year: number;
  /** Tháng 1–12, quý 1–4, nửa năm 1–2; năm: bỏ qua. */
  index: number;
  convention: Convention;
  /** Khoảng ngày tự chọn (YYYY-MM-DD). */
  from?: string;
  to?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * Kỳ báo cáo dựng sẵn (giống presetPeriod của máy chủ). `calendar`: theo tháng
 * dương lịch; `reporting`: từ ngày 15 của tháng trước tháng đầu kỳ đến ngày 14
 * của tháng cuối kỳ (Nghị định 09/2019/NĐ-CP).
 */
export function presetPeriod(kind: Exclude<PeriodKind, 'custom'>, year: number, index: number, convention: Convention): { from: string; to: string } {
  const months = kind === 'month' ? 1 : kind === 'quarter' ? 3 : kind === 'half' ? 6 : 12;
  const first = kind === 'year' ? 1 : (index - 1) * months + 1;
  const last = first + months - 1;
  if (convention === 'calendar') {
    return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDayOf(year, last))}` };
  }
  const py = first === 1 ? year - 1 : year;
  const pm = first === 1 ? 12 : first - 1;
  return { from: `${py}-${pad(pm)}-15`, to: `${year}-${pad(last)}-14` };
}

export function periodRange(p: PeriodState): { from: string; to: string } | null {
  if (p.kind === 'custom') return p.from && p.to && p.from <= p.to ? { from: p.from, to: p.to } : null;
  return presetPeriod(p.kind, p.year, p.index, p.convention);
}

export const ROMAN = ['I', 'II', 'III', 'IV'];

export function indexOptions(kind: PeriodKind): { value: number; label: string }[] {
  if (kind === 'month') return Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `Tháng ${i + 1}` }));
  if (kind === 'quarter') return [1, 2, 3, 4].map((q) => ({ value: q, label: `Quý ${ROMAN[q - 1]}` }));
  if (kind === 'half') return [{ value: 1, label: '6 tháng đầu năm' }, { value: 2, label: '6 tháng cuối năm' }];
  return [];
}

/** Kỳ hiện tại (theo ngày hôm nay, giờ Việt Nam) của một loại kỳ. */
export function currentIndex(kind: PeriodKind, today: string, convention: Convention): { year: number; index: number } {
  let year = Number(today.slice(0, 4));
  let month = Number(today.slice(5, 7));
  // Theo quy ước 15–14, từ ngày 15 đã sang kỳ của tháng sau.
  if (convention === 'reporting' && Number(today.slice(8, 10)) >= 15) {
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  const index = kind === 'month' ? month : kind === 'quarter' ? Math.ceil(month / 3) : kind === 'half' ? (month <= 6 ? 1 : 2) : 1;
  return { year, index };
}

const KINDS: PeriodKind[] = ['month', 'quarter', 'half', 'year', 'custom'];

/** Đọc kỳ báo cáo từ URL (?ky=&nam=&so=&quyuoc=&tu=&den=), mặc định: năm nay, theo tháng dương lịch. */
export function readPeriod(params: URLSearchParams, today: string): PeriodState {
  const kindParam = params.get('ky') as PeriodKind | null;
  const kind: PeriodKind = kindParam && KINDS.includes(kindParam) ? kindParam : 'year';
  const convention: Convention = params.get('quyuoc') === 'reporting' ? 'reporting' : 'calendar';
  const cur = currentIndex(kind, today, convention);
  const year = Number(params.get('nam'));
  const index = Number(params.get('so'));
  const maxIndex = kind === 'month' ? 12 : kind === 'quarter' ? 4 : kind === 'half' ? 2 : 1;
  const ymd = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
  return {
    kind,
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : cur.year,
    index: Number.isInteger(index) && index >= 1 && index <= maxIndex ? index : cur.index,
    convention,
    from: ymd(params.get('tu')),
    to: ymd(params.get('den')),
  };
}

export function writePeriod(p: PeriodState, params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const k of ['ky', 'nam', 'so', 'quyuoc', 'tu', 'den']) next.delete(k);
  next.set('ky', p.kind);
  if (p.kind === 'custom') {
    if (p.from) next.set('tu', p.from);
    if (p.to) next.set('den', p.to);
  } else {
    next.set('nam', String(p.year));
    if (p.kind !== 'year') next.set('so', String(p.index));
    if (p.convention === 'reporting') next.set('quyuoc', 'reporting');
  }
  return next;
}

// ---------------------------------------------------------------------------
// Biểu 06
// ---------------------------------------------------------------------------

export type GroupBy = 'field' | 'agency';

export interface Counts {
  received: { total: number; carriedOver: number; online: number; direct: number };
  resolved: { total: number; early: number; onTime: number; late: number };
  inProgress: { total: number; withinDeadline: number; overdue: number };
}

export interface SheetLine {
  kind: 'row' | 'group';
  stt: string;
  name: string;
  depth: number;
  drill: { key: string } | { agency: string };
  counts: Counts;
}

export interface ReportHead {
  from: string;
  to: string;
  agency: { id: string; name: string } | null;
  unit: string;
  place: string;
  period: string;
}

export interface Bieu06Sheet extends ReportHead {
  groupBy: GroupBy;
  lines: SheetLine[];
  total: Counts;
}

/** Ô số của biểu (tham số `cell` của API khi xem danh sách hồ sơ). */
export type CellPath =
  | 'received'
  | 'received.carriedOver'
  | 'received.online'
  | 'received.direct'
  | 'resolved'
  | 'resolved.early'
  | 'resolved.onTime'
  | 'resolved.late'
  | 'inProgress'
  | 'inProgress.withinDeadline'
  | 'inProgress.overdue';

/** Các cột số (2)…(12) theo thứ tự trên biểu, kèm tên đầy đủ để hiển thị. */
export const COLUMNS: { cell: CellPath; no: number; label: string }[] = [
  { cell: 'received', no: 2, label: 'Tổng số hồ sơ nhận giải quyết' },
  { cell: 'received.carriedOver', no: 3, label: 'Số kỳ trước chuyển qua' },
  { cell: 'received.online', no: 4, label: 'Số mới tiếp nhận trực tuyến' },
  { cell: 'received.direct', no: 5, label: 'Số mới tiếp nhận trực tiếp, dịch vụ bưu chính' },
  { cell: 'resolved', no: 6, label: 'Tổng số hồ sơ đã giải quyết' },
  { cell: 'resolved.early', no: 7, label: 'Đã giải quyết trước hạn' },
  { cell: 'resolved.onTime', no: 8, label: 'Đã giải quyết đúng hạn' },
  { cell: 'resolved.late', no: 9, label: 'Đã giải quyết quá hạn' },
  { cell: 'inProgress', no: 10, label: 'Tổng số hồ sơ đang giải quyết' },
  { cell: 'inProgress.withinDeadline', no: 11, label: 'Đang giải quyết trong hạn' },
  { cell: 'inProgress.overdue', no: 12, label: 'Đang giải quyết quá hạn' },
];

export function countOf(c: Counts, cell: CellPath): number {
  const [g, k] = cell.split('.') as [keyof Counts, string | undefined];
  return (c[g] as Record<string, number>)[k ?? 'total'];
}

export const fmtCount = (n: number) => n.toLocaleString('vi-VN');

/** Tỷ lệ phần trăm một chữ số thập phân, dấu phẩy thập phân: "96,4%". */
export const fmtPercent = (part: number, whole: number) =>
  whole > 0 ? `${((part / whole) * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}%` : '—';

export interface Bieu06Params {
  from: string;
  to: string;
  groupBy: GroupBy;
  agency?: string;
}

export const reportKeys = {
  sheet: (p: Bieu06Params) => ['reports', 'bieu-06', p] as const,
  drill: (p: DrillParams) => ['reports', 'bieu-06', 'dossiers', p] as const,
  tracking: (p: TrackingParams) => ['reports', 'so-theo-doi', p] as const,
};

export function useBieu06(p: Bieu06Params | null) {
  return useQuery({
    queryKey: reportKeys.sheet(p ?? { from: '', to: '', groupBy: 'field' }),
    queryFn: ({ signal }) => api.get<Bieu06Sheet>('/reports/bieu-06/sheet', { ...p! }, { signal }),
    enabled: !!p,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export interface DrillParams extends Bieu06Params {
  key?: string;
  cell: CellPath;
  page: number;
  pageSize: number;
}

export function useBieu06Dossiers(p: DrillParams | null) {
  return useQuery({
    queryKey: reportKeys.drill(p ?? { from: '', to: '', groupBy: 'field', cell: 'received', page: 1, pageSize: 20 }),
    queryFn: ({ signal }) => api.get<Paged<Dossier>>('/reports/bieu-06/dossiers', { ...p! }, { signal }),
    enabled: !!p,
    placeholderData: keepPreviousData,
  });
}

// ---------------------------------------------------------------------------
// Sổ theo dõi hồ sơ
// ---------------------------------------------------------------------------

export interface TrackingLine {
  stt: number;
  id: string;
  code: string | null;
  procedure: { code: string; name: string };
  caseName: string;
  sets: number;
  applicant: { name: string; address: string; phone: string };
  agency: { id: string; name: string };
  channel: 'counter' | 'online' | 'postal';
  status: number;
  receivedAt: string;
  dueAt: string | null;
  forwardedAt: string | null;
  resultAt: string | null;
  returnedAt: string | null;
  timeliness: 'early' | 'on_time' | 'late' | null;
  supplementCount: number;
  note: string;
}

export interface TrackingBook extends ReportHead {
  items: TrackingLine[];
  total: number;
}

export interface TrackingParams {
  from: string;
  to: string;
  agency?: string;
  page: number;
  pageSize: number;
}

export function useTracking(p: TrackingParams | null) {
  return useQuery({
    queryKey: reportKeys.tracking(p ?? { from: '', to: '', page: 1, pageSize: 50 }),
    queryFn: ({ signal }) => api.get<TrackingBook>('/reports/so-theo-doi', { ...p! }, { signal }),
    enabled: !!p,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** Mọi dòng của sổ (để in), tối đa `limit` dòng, tải 500 dòng một lần. */
export async function fetchAllTracking(p: Omit<TrackingParams, 'page' | 'pageSize'>, limit: number): Promise<TrackingLine[]> {
  const out: TrackingLine[] = [];
  for (let page = 1; out.length < limit; page++) {
    const res = await api.get<TrackingBook>('/reports/so-theo-doi', { ...p, page, pageSize: 500 });
    out.push(...res.items);
    if (res.items.length < 500 || out.length >= res.total) break;
  }
  return out.slice(0, limit);
}

// ---------------------------------------------------------------------------
// Tải tệp Excel
// ---------------------------------------------------------------------------

function fileNameOf(disposition: string | null, fallback: string): string {
  const star = disposition?.match(/filename\*=UTF-8''([^;]+)/i);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // tên không hợp lệ: dùng tên dự phòng
    }
  }
  return disposition?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

/** Tải tệp từ API (cookie phiên) và lưu về máy; lỗi từ máy chủ → ApiError tiếng Việt. */
export async function downloadFile(path: string, query: Record<string, string | undefined>, fallbackName: string): Promise<string> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}?${params.toString()}`, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'Không kết nối được tới máy chủ. Vui lòng kiểm tra kết nối mạng và thử lại.');
  }
  if (!res.ok) {
    const data = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(res.status, data?.error?.code ?? `HTTP_${res.status}`, data?.error?.message ?? `Không tải được tệp (mã ${res.status}).`);
  }
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
