// Công dân trực tuyến: kiểu dữ liệu theo API, truy vấn, tải tệp và nhãn tiếng Việt dễ hiểu
// cho các trang nộp hồ sơ, hồ sơ của tôi và tra cứu hồ sơ.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, API_BASE, ApiError } from '../../api';

// ---------------------------------------------------------------- Kiểu dữ liệu

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

export interface Brief {
  id: string;
  name: string;
  code: string;
}

export type RatingLevel = 'very_satisfied' | 'satisfied' | 'not_satisfied';

export interface Rating {
  level: RatingLevel;
  levelName: string;
  comment?: string | null;
  via?: 'account' | 'qr';
  at: string;
}

export interface DossierEvent {
  seq: number;
  action: string;
  actionName: string;
  at: string;
  fromStatus: number | null;
  toStatus: number;
  agencyId: string | null;
  data: Record<string, unknown>;
}

export interface MyDossier {
  id: string;
  code: string | null;
  status: number;
  statusName: string;
  dueAt: string | null;
  version: number;
  channel: 'counter' | 'online' | 'postal';
  procedure: { code: string; name: string; caseName: string; durationAmount: number; durationUnit: string };
  agency: Brief | null;
  receptionAgency: Brief | null;
  currentAgency: Brief | null;
  applicant: Person;
  authorised: Person | null;
  components: { name: string; originals: number; copies: number; files: FileRef[] }[];
  submittedAt: string;
  receivedAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
  rescheduledDueAt: string | null;
  overdue: boolean;
  result: { number?: string | null; signer?: string | null; signedOn?: string | null; summary?: string | null; files?: FileRef[] } | null;
  returnInfo: { method?: 'counter' | 'post' | 'electronic' } | null;
  allowedActions: string[];
}

export interface MyDossierDetail extends MyDossier {
  events: DossierEvent[];
  rating: Rating | null;
}

export interface Profile {
  fullName: string;
  idNumber: string | null;
  phone: string | null;
  email: string | null;
}

export interface PublicDossier {
  code: string;
  status: number;
  statusName: string;
  procedureName: string;
  receivedAt: string | null;
  dueAt: string | null;
  rescheduledDueAt: string | null;
  finishedAt: string | null;
  currentAgency: { name: string };
  history: { at: string; action: string; actionName: string; status: number; agencyName: string | null }[];
}

// ---------------------------------------------------------------- Nhãn

export const STATUS_NAMES: Record<number, string> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};

/** Tông màu của thẻ trạng thái. */
export type Tone = 'blue' | 'green' | 'orange' | 'red' | 'grey';

export const STATUS_TONE: Record<number, Tone> = {
  1: 'blue',
  2: 'blue',
  3: 'red',
  4: 'blue',
  5: 'orange',
  6: 'orange',
  7: 'grey',
  8: 'red',
  9: 'green',
  10: 'green',
};

/** Việc tiếp theo, nói với người nộp hồ sơ. */
export const NEXT_STEP: Record<number, string> = {
  1: 'Bộ phận Một cửa đang kiểm tra hồ sơ. Khi hồ sơ được tiếp nhận, bạn nhận được mã hồ sơ và ngày hẹn trả kết quả.',
  2: 'Hồ sơ đã được tiếp nhận và chuyển tới cơ quan giải quyết. Bạn không cần làm gì thêm.',
  3: 'Hồ sơ không được tiếp nhận. Xem lý do trong tiến trình xử lý.',
  4: 'Cơ quan có thẩm quyền đang giải quyết hồ sơ. Bạn không cần làm gì thêm.',
  5: 'Hồ sơ cần bổ sung giấy tờ. Mở hồ sơ để xem danh sách và gửi bổ sung.',
  6: 'Hồ sơ cần hoàn thành nghĩa vụ tài chính (phí, lệ phí, thuế) theo thông báo.',
  7: 'Bạn đã rút hồ sơ. Hồ sơ không còn được giải quyết.',
  8: 'Cơ quan đã dừng xử lý hồ sơ. Xem lý do trong tiến trình xử lý.',
  9: 'Đã có kết quả giải quyết. Bạn nhận kết quả theo hình thức đã đăng ký.',
  10: 'Đã trả kết quả. Bạn có thể đánh giá mức độ hài lòng về việc giải quyết hồ sơ.',
};

/** Việc tiếp theo trên trang của chính hồ sơ (nơi đã có sẵn ô bổ sung, ô đánh giá). */
export function nextStepHere(status: number, rated: boolean): string {
  if (status === 5) return 'Hồ sơ cần bổ sung giấy tờ: đính kèm từng giấy tờ được yêu cầu dưới đây rồi bấm “Gửi bổ sung”.';
  if ((status === 9 || status === 10) && rated) return `${status === 10 ? 'Đã trả kết quả' : 'Đã có kết quả giải quyết'}. Cảm ơn bạn đã đánh giá mức độ hài lòng.`;
  if (status === 9 || status === 10) return `${status === 10 ? 'Đã trả kết quả' : 'Đã có kết quả giải quyết'}. Mời bạn đánh giá mức độ hài lòng ở dưới đây.`;
  return NEXT_STEP[status] ?? '';
}

/** Những việc người nộp cần làm ngay (hiện nổi bật trong danh sách). */
export const NEEDS_ACTION = new Set([5, 6]);

export const RATING_OPTIONS: { level: RatingLevel; label: string; hint: string }[] = [
  { level: 'very_satisfied', label: 'Rất hài lòng', hint: 'Nhanh, đúng hẹn, cán bộ tận tình' },
  { level: 'satisfied', label: 'Hài lòng', hint: 'Được giải quyết như mong đợi' },
  { level: 'not_satisfied', label: 'Không hài lòng', hint: 'Có điều cần cải thiện' },
];

export const RETURN_METHODS: Record<string, string> = {
  counter: 'tại Bộ phận Một cửa',
  post: 'qua dịch vụ bưu chính',
  electronic: 'bản điện tử',
};

export const ratable = (status: number) => status === 9 || status === 10;
export const finished = (status: number) => [3, 7, 8, 9, 10].includes(status);

// ---------------------------------------------------------------- Tệp

/** Loại tệp được nhận (máy chủ kiểm tra theo nội dung tệp). */
export const UPLOAD_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
/** Giới hạn dung lượng mặc định của máy chủ (MAX_UPLOAD_MB). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const ACCEPTED_MIME = ['application/pdf', 'image/jpeg', 'image/png'];

export interface StoredFile {
  sha256: string;
  size: number;
  mime: string;
  name: string;
}

const sizeFmt = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** 1536 → "1,5 KB". */
export function fmtSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${sizeFmt.format(bytes / 1024)} KB`;
  return `${sizeFmt.format(bytes / (1024 * 1024))} MB`;
}

/** Lỗi trước khi tải (đuôi tệp, dung lượng); null nếu hợp lệ. */
export function fileProblem(file: File): string | null {
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  const typeOk = ACCEPTED_MIME.includes(file.type) || ['pdf', 'jpg', 'jpeg', 'png'].includes(ext);
  if (!typeOk) return 'Chỉ nhận tệp PDF, JPEG hoặc PNG.';
  if (file.size === 0) return 'Tệp rỗng.';
  if (file.size > MAX_UPLOAD_BYTES) return `Tệp ${fmtSize(file.size)} vượt quá dung lượng cho phép (${fmtSize(MAX_UPLOAD_BYTES)}).`;
  return null;
}

/** Tải một tệp lên kho tệp (POST /files, nội dung thô), báo tiến độ; lỗi là ApiError với thông điệp tiếng Việt. */
export function uploadFile(file: File, onProgress?: (percent: number) => void): Promise<StoredFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/files?name=${encodeURIComponent(file.name.slice(0, 200))}`);
    xhr.setRequestHeader('Content-Type', ACCEPTED_MIME.includes(file.type) ? file.type : 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as StoredFile);
      const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
      const fallback =
        xhr.status === 413
          ? 'Tệp vượt quá dung lượng cho phép.'
          : xhr.status === 415
            ? 'Chỉ nhận tệp PDF, JPEG hoặc PNG.'
            : xhr.status === 401
              ? 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.'
              : `Không tải được tệp (mã ${xhr.status}).`;
      reject(new ApiError(xhr.status, err?.code ?? `HTTP_${xhr.status}`, err?.message ?? fallback));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'Mất kết nối khi tải tệp. Vui lòng thử lại.'));
    xhr.send(file);
  });
}

// ---------------------------------------------------------------- Truy vấn

export const citizenKeys = {
  profile: ['citizen', 'profile'] as const,
  mine: ['citizen', 'dossiers'] as const,
  dossier: (id: string) => ['citizen', 'dossier', id] as const,
};

export function useProfile(enabled = true) {
  return useQuery({
    queryKey: citizenKeys.profile,
    queryFn: ({ signal }) => api.get<Profile>('/citizen/profile', undefined, { signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** Hồ sơ của tôi: mọi hồ sơ của tài khoản (tối đa 200, mới nhất trước). */
export function useMyDossiers(enabled = true) {
  return useQuery({
    queryKey: citizenKeys.mine,
    queryFn: async ({ signal }) => {
      const res = await api.get<{ items: MyDossier[]; total: number }>('/dossiers', { pageSize: 200 }, { signal });
      const items = [...res.items].sort((a, b) => {
        // Hồ sơ cần làm gì đó trước, rồi hồ sơ đang giải quyết, rồi hồ sơ đã kết thúc; trong mỗi nhóm mới nhất trước.
        const rank = (d: MyDossier) => (NEEDS_ACTION.has(d.status) ? 0 : finished(d.status) ? 2 : 1);
        return rank(a) - rank(b) || b.submittedAt.localeCompare(a.submittedAt);
      });
      return { items, total: res.total };
    },
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useMyDossier(id: string, enabled = true) {
  return useQuery({
    queryKey: citizenKeys.dossier(id),
    queryFn: ({ signal }) => api.get<MyDossierDetail>(`/dossiers/${encodeURIComponent(id)}`, undefined, { signal }),
    enabled: enabled && !!id,
  });
}

/** Yêu cầu bổ sung gần nhất còn hiệu lực (hồ sơ đang ở trạng thái 5). */
export function supplementRequest(d: MyDossierDetail): { items: { name: string; reason?: string | null }[]; reason: string | null; at: string } | null {
  if (d.status !== 5) return null;
  const e = [...d.events].reverse().find((x) => x.action === 'request_supplement');
  if (!e) return null;
  const items = Array.isArray(e.data.items) ? (e.data.items as { name: string; reason?: string | null }[]) : [];
  return { items, reason: typeof e.data.reason === 'string' ? e.data.reason : null, at: e.at };
}

/** Yêu cầu nộp phí gần nhất (hồ sơ ở trạng thái 6). */
export function paymentRequest(d: MyDossierDetail): { amount: number; description: string | null } | null {
  if (d.status !== 6) return null;
  const e = [...d.events].reverse().find((x) => x.action === 'request_payment');
  if (!e) return null;
  return { amount: Number(e.data.amount) || 0, description: typeof e.data.description === 'string' ? e.data.description : null };
}

const vnd = new Intl.NumberFormat('vi-VN');
export const fmtVnd = (n: number) => `${vnd.format(n)} đồng`;
