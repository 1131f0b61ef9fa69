/**
 * Dossier statuses (trạng thái hồ sơ) in the national portal's vocabulary
 * (TrangThaiHoSo 1–10), the actions that change them, and which action is
 * allowed in which status. Pure data and rules.
 */

export const STATUS = {
  NEW: 1, // Mới đăng ký
  RECEIVED: 2, // Được tiếp nhận
  REFUSED: 3, // Không được tiếp nhận
  PROCESSING: 4, // Đang xử lý
  SUPPLEMENT: 5, // Yêu cầu bổ sung giấy tờ
  PAYMENT: 6, // Yêu cầu thực hiện nghĩa vụ tài chính
  WITHDRAWN: 7, // Công dân yêu cầu rút hồ sơ
  STOPPED: 8, // Dừng xử lý
  DONE: 9, // Đã xử lý xong
  RETURNED: 10, // Đã trả kết quả
} as const;
export type Status = (typeof STATUS)[keyof typeof STATUS];

export const STATUS_NAMES: Record<Status, string> = {
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

/** Kênh thực hiện: counter (trực tiếp, 1), online (trực tuyến, 2), postal (bưu chính công ích, 3). */
export const CHANNELS = ['counter', 'online', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_CODES: Record<Channel, 1 | 2 | 3> = { counter: 1, online: 2, postal: 3 };
export const CHANNEL_NAMES: Record<Channel, string> = { counter: 'Trực tiếp', online: 'Trực tuyến', postal: 'Bưu chính công ích' };

export const ACTIONS = [
  'accept',
  'refuse',
  'request_supplement',
  'submit_supplement',
  'assign',
  'forward',
  'send_back',
  'request_payment',
  'confirm_payment',
  'stop',
  'withdraw',
  'reschedule',
  'complete',
  'return',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_NAMES: Record<Action | 'create' | 'submit' | 'overdue' | 'import', string> = {
  create: 'Tiếp nhận tại quầy',
  submit: 'Nộp hồ sơ',
  import: 'Chuyển từ hệ thống cũ',
  accept: 'Tiếp nhận hồ sơ',
  refuse: 'Từ chối tiếp nhận',
  request_supplement: 'Yêu cầu bổ sung, hoàn thiện hồ sơ',
  submit_supplement: 'Nộp bổ sung hồ sơ',
  assign: 'Phân công xử lý',
  forward: 'Chuyển xử lý',
  send_back: 'Trả lại bước trước',
  request_payment: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  confirm_payment: 'Xác nhận hoàn thành nghĩa vụ tài chính',
  stop: 'Dừng xử lý',
  withdraw: 'Rút hồ sơ',
  reschedule: 'Xin lỗi và hẹn lại ngày trả',
  complete: 'Có kết quả giải quyết',
  return: 'Trả kết quả',
  overdue: 'Quá hạn',
};

/** Statuses in which processing has ended (the dossier is finished). */
export const FINISHED: readonly Status[] = [STATUS.REFUSED, STATUS.WITHDRAWN, STATUS.STOPPED, STATUS.DONE, STATUS.RETURNED];
/** Statuses in which the legal clock is paused, waiting on the citizen. */
export const PAUSED: readonly Status[] = [STATUS.SUPPLEMENT, STATUS.PAYMENT];
/** Statuses of an accepted dossier that is still open (the clock runs or is paused). */
export const OPEN: readonly Status[] = [STATUS.RECEIVED, STATUS.PROCESSING, STATUS.SUPPLEMENT, STATUS.PAYMENT];

export function isFinished(s: Status): boolean {
  return FINISHED.includes(s);
}

/** From which statuses each action may be taken. */
export const ALLOWED_FROM: Record<Action, readonly Status[]> = {
  accept: [STATUS.NEW],
  refuse: [STATUS.NEW],
  // At reception (status 1) this is Mẫu 02 before acceptance; during processing it pauses the clock.
  request_supplement: [STATUS.NEW, STATUS.RECEIVED, STATUS.PROCESSING],
  submit_supplement: [STATUS.SUPPLEMENT],
  assign: [STATUS.RECEIVED, STATUS.PROCESSING],
  forward: [STATUS.RECEIVED, STATUS.PROCESSING],
  send_back: [STATUS.PROCESSING],
  request_payment: [STATUS.RECEIVED, STATUS.PROCESSING],
  confirm_payment: [STATUS.PAYMENT],
  stop: [STATUS.RECEIVED, STATUS.PROCESSING, STATUS.SUPPLEMENT, STATUS.PAYMENT],
  withdraw: [STATUS.NEW, STATUS.RECEIVED, STATUS.PROCESSING, STATUS.SUPPLEMENT, STATUS.PAYMENT],
  reschedule: [STATUS.RECEIVED, STATUS.PROCESSING, STATUS.SUPPLEMENT, STATUS.PAYMENT],
  complete: [STATUS.RECEIVED, STATUS.PROCESSING],
  return: [STATUS.DONE],
};

export function actionAllowed(action: Action, status: Status): boolean {
  return ALLOWED_FROM[action].includes(status);
}

/** The actions allowed in a status (before role and step checks). */
export function actionsFor(status: Status): Action[] {
  return ACTIONS.filter((a) => actionAllowed(a, status));
}
