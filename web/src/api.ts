// Máy khách HTTP nhỏ gọn cho /api/v1.
// - Cùng nguồn gốc, dùng cookie phiên httpOnly (credentials: 'same-origin').
// - Lỗi từ máy chủ có dạng { error: { code, message, details? } } → ném ApiError.
// - Yêu cầu làm thay đổi dữ liệu gửi JSON kèm tiêu đề Idempotency-Key.
// - 401 (trừ khi được yêu cầu bỏ qua) → gọi trình xử lý "hết phiên" để chuyển tới trang đăng nhập.

export const API_BASE = '/api/v1';

export interface ApiErrorDetail {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];

  constructor(status: number, code: string, message: string, details: ApiErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

/** Thông điệp hiển thị cho người dùng từ một lỗi bất kỳ. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error && e.message) return e.message;
  return 'Đã có lỗi xảy ra. Vui lòng thử lại.';
}

const FALLBACK_MESSAGES: Record<number, string> = {
  400: 'Dữ liệu gửi lên không hợp lệ.',
  401: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
  403: 'Bạn không có quyền thực hiện thao tác này.',
  404: 'Không tìm thấy dữ liệu yêu cầu.',
  409: 'Dữ liệu đã bị thay đổi hoặc bị trùng. Vui lòng tải lại và thử lại.',
  413: 'Dữ liệu gửi lên quá lớn.',
  423: 'Tài khoản đang bị tạm khóa.',
  429: 'Bạn thao tác quá nhanh. Vui lòng chờ một lát rồi thử lại.',
};

function fallbackMessage(status: number): string {
  if (FALLBACK_MESSAGES[status]) return FALLBACK_MESSAGES[status];
  if (status >= 500) return `Hệ thống đang gặp sự cố (mã ${status}). Vui lòng thử lại sau.`;
  return `Yêu cầu không thành công (mã ${status}).`;
}

type UnauthorizedHandler = () => void;
let unauthorizedHandler: UnauthorizedHandler | null = null;

/** Đăng ký hành động khi máy chủ trả 401 (hết phiên). Trả về hàm hủy đăng ký. */
export function setUnauthorizedHandler(fn: UnauthorizedHandler | null): () => void {
  unauthorizedHandler = fn;
  return () => {
    if (unauthorizedHandler === fn) unauthorizedHandler = null;
  };
}

/** UUID v4; dùng crypto.randomUUID khi có (chỉ có trong ngữ cảnh an toàn: HTTPS/localhost). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Khóa chống lặp; mặc định sinh mới cho mỗi lần gọi. */
  idempotencyKey?: string;
  /** Không chuyển tới trang đăng nhập khi gặp 401 (dùng cho /auth/me, /auth/login). */
  skipAuthRedirect?: boolean;
}

function buildUrl(path: string, query?: Query): string {
  const url = API_BASE + (path.startsWith('/') ? path : `/${path}`);
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

function parseError(status: number, data: unknown): ApiError {
  const err = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof err?.code === 'string' ? err.code : `HTTP_${status}`;
  const message = typeof err?.message === 'string' && err.message ? err.message : fallbackMessage(status);
  const details = Array.isArray(err?.details)
    ? (err.details as unknown[])
        .filter((d): d is { path?: unknown; message?: unknown } => typeof d === 'object' && d !== null)
        .map((d) => ({
          path: Array.isArray(d.path) ? d.path.join('.') : String(d.path ?? ''),
          message: String(d.message ?? ''),
        }))
    : [];
  return new ApiError(status, code, message, details);
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    headers['Content-Type'] = 'application/json';
    headers['Idempotency-Key'] = opts.idempotencyKey ?? newIdempotencyKey();
    body = JSON.stringify(opts.body ?? {});
  }

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK_ERROR', 'Không kết nối được tới máy chủ. Vui lòng kiểm tra kết nối mạng và thử lại.');
  }

  if (res.status === 204) return undefined as T;

  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }

  if (!res.ok) {
    const err = parseError(res.status, data);
    if (res.status === 401 && !opts.skipAuthRedirect) unauthorizedHandler?.();
    throw err;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts: Omit<RequestOptions, 'query' | 'body'> = {}) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('PATCH', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('PUT', path, { ...opts, body }),
  delete: <T>(path: string, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('DELETE', path, opts),
};

/** Chuyển 'grants.0.agencyId' / 'grants[0].agencyId' / '/grants/0/agencyId' thành NamePath của antd Form. */
export function detailPathToName(path: string): (string | number)[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter(Boolean)
    .filter((seg, i) => !(i === 0 && seg === 'body'))
    .map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
}

interface FieldErrorTarget {
  // Tương thích với FormInstance<T> của antd với mọi T.
  setFields: (fields: any[]) => void;
}

/**
 * Gắn lỗi kiểm tra dữ liệu (400 VALIDATION_ERROR) vào các trường của antd Form.
 * `fields`: danh sách tên trường cấp cao nhất có trên biểu mẫu.
 * `codeFields`: ánh xạ mã lỗi → trường (ví dụ DUPLICATE_CODE → 'code').
 * Trả về các thông điệp không gắn được vào trường nào.
 */
export function applyFormErrors(
  form: FieldErrorTarget,
  e: unknown,
  fields: string[],
  codeFields: Record<string, string> = {},
): { applied: boolean; unmatched: string[] } {
  if (!(e instanceof ApiError)) return { applied: false, unmatched: [] };
  const toSet: { name: (string | number)[]; errors: string[] }[] = [];
  const unmatched: string[] = [];
  if (codeFields[e.code]) {
    toSet.push({ name: [codeFields[e.code]], errors: [e.message] });
  }
  if (e.code === 'VALIDATION_ERROR' || e.status === 400) {
    for (const d of e.details) {
      const name = detailPathToName(d.path);
      if (name.length > 0 && fields.includes(String(name[0]))) {
        const existing = toSet.find((f) => f.name.join('.') === name.join('.'));
        if (existing) existing.errors.push(d.message);
        else toSet.push({ name, errors: [d.message] });
      } else if (d.message) {
        unmatched.push(d.path ? `${d.path}: ${d.message}` : d.message);
      }
    }
  }
  if (toSet.length) form.setFields(toSet);
  return { applied: toSet.length > 0, unmatched };
}
