// Hồ sơ (dossier): kiểu dữ liệu theo API /api/v1/dossiers, nhãn tiếng Việt,
// tính thời gian còn lại theo giờ làm việc và các truy vấn TanStack Query.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api, API_BASE, ApiError, newIdempotencyKey } from '../../../api';
import { hasRole } from '../../../auth';
import { dayjs, TZ } from '../../../lib/dates';
import type { Workflow } from '../../../lib/workflow';
import type { Items, Paged, User } from '../../../types';

// ---------------------------------------------------------------------------
// Kiểu dữ liệu
// ---------------------------------------------------------------------------

export type Channel = 'counter' | 'online' | 'postal';
export type Timeliness = 'early' | 'on_time' | 'late';
export type DossierAction =
  | 'accept'
  | 'refuse'
  | 'request_supplement'
  | 'submit_supplement'
  | 'assign'
  | 'forward'
  | 'send_back'
  | 'request_payment'
  | 'confirm_payment'
  | 'stop'
  | 'withdraw'
  | 'reschedule'
  | 'complete'
  | 'return';

export type Queue = 'all' | 'to_receive' | 'mine' | 'due_soon' | 'overdue' | 'waiting' | 'to_return' | 'finished';

export interface Brief {
  id: string;
  name: string;
  code: string;
}

/** Chủ hồ sơ hoặc người được ủy quyền. */
export interface Person {
  fullName: string;
  idNumber: string;
  phone: string;
  email?: string | null;
  address: string;
}

export interface FileRef {
  sha256: string;
  name: string;
}

export interface ComponentEntry {
  name: string;
  originals: number;
  copies: number;
  files: FileRef[];
}

export interface DossierResult {
  number?: string | null;
  signer?: string | null;
  signedOn?: string | null;
  summary?: string | null;
  files?: FileRef[];
}

export interface ReturnInfo {
  method?: 'counter' | 'post' | 'electronic';
  receivedBy?: string | null;
  trackingNumber?: string | null;
}

export interface Dossier {
  id: string;
  code: string | null;
  status: number;
  statusName: string;
  dueAt: string | null;
  version: number;
  channel: Channel;
  procedure: {
    id: string;
    code: string;
    name: string;
    fieldCode: string;
    caseCode: string;
    caseName: string;
    durationAmount: number;
    durationUnit: string;
  };
  agency: Brief | null;
  receptionAgency: Brief | null;
  currentAgency: Brief | null;
  currentStep: { id: string; name: string; role: string; startedAt: string | null; dueAt: string | null } | null;
  assignee: { id: string; fullName: string } | null;
  applicant: Person;
  authorised: Person | null;
  components: ComponentEntry[];
  submittedAt: string;
  receivedAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
  rescheduledDueAt: string | null;
  pausedAt: string | null;
  supplementCount: number;
  timeliness: Timeliness | null;
  overdue: boolean;
  result: DossierResult | null;
  returnInfo: ReturnInfo | null;
  imported: boolean;
  allowedActions: DossierAction[];
  workflow: Workflow | null;
}

export interface StepOutcome {
  step: string;
  stepName: string;
  agencyId?: string | null;
  startedAt: string;
  dueAt: string | null;
  endedAt: string;
  outcome: Timeliness;
}

export interface DossierEvent {
  seq: number;
  action: string;
  actionName: string;
  at: string;
  actor: { id: string; fullName: string | null } | null;
  fromStatus: number | null;
  toStatus: number;
  fromStep: string | null;
  toStep: string | null;
  agencyId: string | null;
  data: Record<string, unknown> & {
    note?: string | null;
    reason?: string | null;
    items?: { name: string; reason?: string | null }[];
    stepOutcome?: StepOutcome;
    result?: DossierResult;
    return?: ReturnInfo;
    assignee?: { id: string; name: string };
    newDueAt?: string;
    previousDueAt?: string | null;
  };
}

export interface DossierDetail extends Dossier {
  events: DossierEvent[];
}

export interface Officer {
  id: string;
  fullName: string;
  role: string;
}

export interface StoredFile {
  sha256: string;
  size: number;
  mime: string;
  name: string;
}

// ---------------------------------------------------------------------------
// Nhãn
// ---------------------------------------------------------------------------

export const STATUS_NAMES: Record<number, string> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Chờ thực hiện nghĩa vụ tài chính',
  7: 'Công dân rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};

export const STATUS_COLORS: Record<number, string> = {
  1: 'purple',
  2: 'geekblue',
  3: 'red',
  4: 'blue',
  5: 'orange',
  6: 'gold',
  7: 'default',
  8: 'volcano',
  9: 'cyan',
  10: 'green',
};

export const STATUS_OPTIONS = Object.entries(STATUS_NAMES).map(([value, label]) => ({ value: Number(value), label }));

/** Hồ sơ đã kết thúc xử lý. */
export const FINISHED_STATUSES = [3, 7, 8, 9, 10];
/** Đồng hồ tạm dừng, chờ công dân. */
export const PAUSED_STATUSES = [5, 6];

export const CHANNEL_NAMES: Record<Channel, string> = {
  counter: 'Trực tiếp',
  online: 'Trực tuyến',
  postal: 'Bưu chính',
};

export const CHANNEL_OPTIONS = (Object.keys(CHANNEL_NAMES) as Channel[]).map((value) => ({ value, label: CHANNEL_NAMES[value] }));

export const QUEUES: { key: Queue; label: string; hint: string }[] = [
  { key: 'to_receive', label: 'Chờ tiếp nhận', hint: 'Hồ sơ nộp trực tuyến đang chờ bộ phận một cửa kiểm tra, tiếp nhận' },
  { key: 'mine', label: 'Cần xử lý', hint: 'Hồ sơ đang ở bước của bạn hoặc được phân công cho bạn' },
  { key: 'due_soon', label: 'Sắp đến hạn', hint: 'Hồ sơ đang xử lý còn dưới một ngày làm việc' },
  { key: 'overdue', label: 'Quá hạn', hint: 'Hồ sơ đang xử lý đã quá hạn giải quyết' },
  { key: 'waiting', label: 'Chờ bổ sung, nộp phí', hint: 'Hồ sơ đang chờ công dân bổ sung giấy tờ hoặc thực hiện nghĩa vụ tài chính' },
  { key: 'to_return', label: 'Chờ trả kết quả', hint: 'Hồ sơ đã có kết quả, chờ trả cho công dân' },
  { key: 'finished', label: 'Đã kết thúc', hint: 'Hồ sơ đã trả kết quả, không được tiếp nhận, dừng xử lý hoặc đã rút' },
  { key: 'all', label: 'Tất cả', hint: 'Mọi hồ sơ trong phạm vi của bạn' },
];

export const QUEUE_KEYS = QUEUES.map((q) => q.key);

const ACTING_ROLES = ['reception', 'specialist', 'head', 'leader', 'clerk'];

/** Hàng đợi mặc định: "Cần xử lý" cho cán bộ nghiệp vụ, "Tất cả" cho người chỉ xem. */
export function defaultQueue(user: User | null | undefined): Queue {
  return user?.roles.some((r) => ACTING_ROLES.includes(r)) ? 'mine' : 'all';
}

/** Hàng đợi hiển thị cho người dùng (ẩn "Chờ tiếp nhận" với người không tiếp nhận hồ sơ). */
export function visibleQueues(user: User | null | undefined) {
  const receives = !!user && (hasRole(user, 'reception') || !user.roles.some((r) => ACTING_ROLES.includes(r)));
  const acts = !!user && user.roles.some((r) => ACTING_ROLES.includes(r));
  return QUEUES.filter((q) => (q.key !== 'to_receive' || receives) && (q.key !== 'mine' || acts));
}

export const ACTION_LABELS: Record<DossierAction, string> = {
  accept: 'Tiếp nhận',
  refuse: 'Từ chối tiếp nhận',
  request_supplement: 'Yêu cầu bổ sung',
  submit_supplement: 'Nhận hồ sơ bổ sung',
  assign: 'Phân công',
  forward: 'Chuyển xử lý',
  send_back: 'Trả lại bước trước',
  request_payment: 'Yêu cầu nộp phí',
  confirm_payment: 'Xác nhận đã nộp phí',
  stop: 'Dừng xử lý',
  withdraw: 'Rút hồ sơ',
  reschedule: 'Xin lỗi, hẹn lại',
  complete: 'Ghi nhận kết quả',
  return: 'Trả kết quả',
};

export const TIMELINESS_LABELS: Record<Timeliness, string> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
};

export const TIMELINESS_COLORS: Record<Timeliness, string> = {
  early: 'green',
  on_time: 'blue',
  late: 'red',
};

export const RETURN_METHODS: Record<'counter' | 'post' | 'electronic', string> = {
  counter: 'Trực tiếp tại bộ phận một cửa',
  post: 'Qua dịch vụ bưu chính công ích',
  electronic: 'Trả kết quả điện tử',
};

export const DURATION_UNIT_NAMES: Record<string, string> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
  calendar_days: 'ngày',
};

export function fmtLegalDuration(amount: number, unit: string): string {
  if (amount === 0 && unit !== 'working_hours') return 'Trong ngày';
  return `${amount} ${DURATION_UNIT_NAMES[unit] ?? unit}`;
}

// ---------------------------------------------------------------------------
// Phiếu in (Mẫu 01–06)
// ---------------------------------------------------------------------------

export type SlipForm = 'receipt' | 'supplement' | 'refusal' | 'apology' | 'stop' | 'control';

export const SLIP_NAMES: Record<SlipForm, { title: string; form: string }> = {
  receipt: { title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', form: 'Mẫu 01' },
  supplement: { title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', form: 'Mẫu 02' },
  refusal: { title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', form: 'Mẫu 03' },
  apology: { title: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả', form: 'Mẫu 04' },
  stop: { title: 'Phiếu đề nghị dừng giải quyết', form: 'Mẫu 05' },
  control: { title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ', form: 'Mẫu 06' },
};

export const slipUrl = (id: string, form: SlipForm) => `${API_BASE}/dossiers/${encodeURIComponent(id)}/slips/${form}`;
export const fileUrl = (id: string, sha256: string) => `${API_BASE}/dossiers/${encodeURIComponent(id)}/files/${sha256}`;

/** Các phiếu áp dụng cho hồ sơ ở trạng thái hiện tại. */
export function slipsFor(d: DossierDetail): SlipForm[] {
  const out: SlipForm[] = [];
  const accepted = !!d.receivedAt;
  const did = (a: string) => d.events.some((e) => e.action === a);
  if (accepted) out.push('receipt');
  if (d.status === 5 || did('request_supplement')) out.push('supplement');
  if (d.status === 3) out.push('refusal');
  if (d.rescheduledDueAt || did('reschedule')) out.push('apology');
  if (d.status === 8) out.push('stop');
  if (accepted) out.push('control');
  return out;
}

// ---------------------------------------------------------------------------
// Thời gian làm việc (ước tính phía trình duyệt)
// ---------------------------------------------------------------------------

const HOUR = 3_600_000;
/** Giờ hành chính mặc định (giờ Việt Nam, phút kể từ 0 giờ): 07:00–11:30 và 13:30–17:00 = 8 giờ. */
const OFFICE_PERIODS: [number, number][] = [
  [7 * 60, 11 * 60 + 30],
  [13 * 60 + 30, 17 * 60],
];
const WORKDAY_HOURS = 8;
const VN_OFFSET = 7 * HOUR;
const DAY = 24 * HOUR;

/**
 * Thời gian làm việc (ms) từ a đến b, thứ Hai đến thứ Sáu trong giờ hành chính;
 * âm khi b trước a. Ước tính để hiển thị (không tính ngày lễ, ngày nghỉ bù);
 * hạn xử lý chính thức do máy chủ tính theo lịch làm việc.
 */
export function workingMsBetween(a: number, b: number): number {
  if (b < a) return -workingMsBetween(b, a);
  let total = 0;
  const startDay = Math.floor((a + VN_OFFSET) / DAY);
  const endDay = Math.floor((b + VN_OFFSET) / DAY);
  for (let day = startDay; day <= endDay && day - startDay < 4000; day++) {
    const weekday = (day + 4) % 7; // 1970-01-01 là thứ Năm (4); 0 = Chủ nhật
    if (weekday === 0 || weekday === 6) continue;
    const base = day * DAY - VN_OFFSET;
    for (const [s, e] of OFFICE_PERIODS) {
      const from = Math.max(a, base + s * 60_000);
      const to = Math.min(b, base + e * 60_000);
      if (to > from) total += to - from;
    }
  }
  return total;
}

/** "2 ngày", "1 ngày 4 giờ", "5 giờ", "40 phút" từ một khoảng thời gian làm việc. */
export function fmtWorkingSpan(ms: number): string {
  const abs = Math.abs(ms);
  const hours = abs / HOUR;
  if (hours >= WORKDAY_HOURS) {
    const days = Math.floor(hours / WORKDAY_HOURS);
    const rest = Math.floor(hours - days * WORKDAY_HOURS);
    return days < 3 && rest >= 1 ? `${days} ngày ${rest} giờ` : `${days} ngày`;
  }
  if (hours >= 1) return `${Math.floor(hours)} giờ`;
  return `${Math.max(1, Math.round(abs / 60_000))} phút`;
}

export type DueTone = 'overdue' | 'soon' | 'ok' | 'paused' | 'done' | 'none';

export interface DueState {
  tone: DueTone;
  /** "còn 2 ngày", "quá 3 ngày", "tạm dừng", ... */
  text: string;
}

/** Tình trạng hạn xử lý của hồ sơ lúc `now`. */
export function dueState(d: Pick<Dossier, 'status' | 'dueAt' | 'overdue' | 'timeliness'>, now = Date.now()): DueState {
  if (FINISHED_STATUSES.includes(d.status)) {
    // Đúng/trước/quá hạn chỉ có nghĩa với hồ sơ có kết quả (đã xử lý xong, đã trả).
    if (d.timeliness && (d.status === 9 || d.status === 10)) return { tone: 'done', text: TIMELINESS_LABELS[d.timeliness] };
    return { tone: 'none', text: '' };
  }
  if (!d.dueAt) return { tone: 'none', text: '' };
  if (PAUSED_STATUSES.includes(d.status)) return { tone: 'paused', text: 'tạm dừng, chờ công dân' };
  const due = Date.parse(d.dueAt);
  if (d.overdue || due < now) {
    const late = workingMsBetween(due, now);
    return { tone: 'overdue', text: late >= 60_000 ? `quá ${fmtWorkingSpan(late)}` : 'vừa quá hạn' };
  }
  const left = workingMsBetween(now, due);
  if (left <= WORKDAY_HOURS * HOUR) return { tone: 'soon', text: left >= 60_000 ? `còn ${fmtWorkingSpan(left)}` : 'đến hạn' };
  return { tone: 'ok', text: `còn ${fmtWorkingSpan(left)}` };
}

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** "Thứ Hai" theo giờ Việt Nam. */
export function weekdayOf(iso: string): string {
  return WEEKDAYS[dayjs(iso).tz(TZ).day()];
}

/** "Thứ Hai, 29/12/2026 17:00" theo giờ Việt Nam. */
export function fmtDueLong(iso: string | null | undefined): string {
  if (!iso) return '';
  return `${weekdayOf(iso)}, ${dayjs(iso).tz(TZ).format('DD/MM/YYYY HH:mm')}`;
}

/** Ngày giờ (chọn trên DatePicker, hiểu là giờ Việt Nam) → ISO 8601 có múi giờ +07:00. */
export function toVnIso(d: Dayjs): string {
  return dayjs.tz(d.format('YYYY-MM-DDTHH:mm'), TZ).format('YYYY-MM-DDTHH:mm:ssZ');
}

// ---------------------------------------------------------------------------
// Truy vấn
// ---------------------------------------------------------------------------

export const dossierKeys = {
  root: ['dossiers'] as const,
  counts: ['dossiers', 'queues'] as const,
  list: (p: ListParams) => ['dossiers', 'list', p] as const,
  one: (id: string) => ['dossiers', 'one', id] as const,
  officers: (id: string) => ['dossiers', 'officers', id] as const,
};

export interface ListParams {
  queue: Queue;
  q?: string;
  status?: number;
  channel?: Channel;
  page: number;
  pageSize: number;
}

export function useQueueCounts(enabled = true) {
  return useQuery({
    queryKey: dossierKeys.counts,
    queryFn: ({ signal }) => api.get<Record<Queue, number>>('/dossiers/queues', undefined, { signal }),
    refetchInterval: 30_000,
    staleTime: 10_000,
    enabled,
  });
}

export function useDossierList(p: ListParams) {
  return useQuery({
    queryKey: dossierKeys.list(p),
    queryFn: ({ signal }) => api.get<Paged<Dossier>>('/dossiers', { ...p }, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useDossier(id: string) {
  return useQuery({
    queryKey: dossierKeys.one(id),
    queryFn: ({ signal }) => api.get<DossierDetail>(`/dossiers/${encodeURIComponent(id)}`, undefined, { signal }),
    staleTime: 5_000,
  });
}

export function useOfficers(id: string, enabled: boolean) {
  return useQuery({
    queryKey: dossierKeys.officers(id),
    queryFn: ({ signal }) =>
      api.get<Items<Officer>>(`/dossiers/${encodeURIComponent(id)}/officers`, undefined, { signal }).then((r) => r.items),
    enabled,
    staleTime: 60_000,
  });
}

export interface ActionRequest {
  action: DossierAction;
  expectedVersion: number;
  [k: string]: unknown;
}

/** Thực hiện thao tác; `key`: Idempotency-Key của lần bấm (giữ nguyên khi thử lại). */
export function useDossierAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: ActionRequest; key: string }) =>
      api.post<Dossier>(`/dossiers/${encodeURIComponent(id)}/actions`, body, { idempotencyKey: key }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: dossierKeys.root });
    },
  });
}

// Thủ tục (cho biểu mẫu tiếp nhận)

export interface ProcedureCaseBrief {
  code: string;
  name: string;
  durationAmount: number;
  durationUnit: string;
  sameDayCutoff: string | null;
  workflow?: Workflow | null;
}

export interface ProcedureSummary {
  id: string;
  code: string;
  name: string;
  field: { code: string; name: string };
  levels: string[];
  agencies: { id: string; name: string }[];
  cases: ProcedureCaseBrief[];
}

export interface ProcedureDetail extends ProcedureSummary {
  dossierComponents: { name: string; originals: number; copies: number; template?: string | null }[];
  timeLimit: string | null;
  fees: { name: string; amount: number; note?: string | null }[];
}

export function useProcedureSearch(q: string) {
  return useQuery({
    queryKey: ['procedures', 'intake-search', q],
    queryFn: ({ signal }) => api.get<Paged<ProcedureSummary>>('/procedures', { q: q || undefined, pageSize: 30 }, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useProcedure(code: string | undefined) {
  return useQuery({
    queryKey: ['procedures', 'published', code],
    queryFn: ({ signal }) => api.get<ProcedureDetail>(`/procedures/${encodeURIComponent(code!)}`, undefined, { signal }),
    enabled: !!code,
    staleTime: 5 * 60_000,
  });
}

// ---------------------------------------------------------------------------
// Tải tệp lên
// ---------------------------------------------------------------------------

const UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
export const UPLOAD_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/** Tải một tệp (PDF, JPEG, PNG) lên kho tệp; trả về mã SHA-256 để đính kèm hồ sơ. */
export async function uploadFile(file: File): Promise<StoredFile> {
  const type = UPLOAD_TYPES.includes(file.type) ? file.type : 'application/octet-stream';
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/files?name=${encodeURIComponent(file.name.slice(0, 200))}`, {
      method: 'POST',
      headers: { 'Content-Type': type, Accept: 'application/json', 'Idempotency-Key': newIdempotencyKey() },
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'Không kết nối được tới máy chủ để tải tệp lên.');
  }
  const data = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | StoredFile | null;
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
    const fallback =
      res.status === 413
        ? 'Tệp vượt quá dung lượng cho phép.'
        : res.status === 415
          ? 'Chỉ nhận tệp PDF, JPEG hoặc PNG.'
          : `Không tải được tệp lên (mã ${res.status}).`;
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message || fallback);
  }
  return data as StoredFile;
}

/** Thông điệp khi thao tác gặp hồ sơ đã bị người khác thay đổi. */
export const CONFLICT_MESSAGE = 'Hồ sơ vừa được người khác cập nhật. Trang đã tải lại thông tin mới nhất, vui lòng kiểm tra rồi thao tác lại.';
