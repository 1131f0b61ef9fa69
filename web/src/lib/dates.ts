import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import 'dayjs/locale/vi';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);
dayjs.locale('vi');

/** Múi giờ nghiệp vụ của hệ thống. */
export const TZ = 'Asia/Ho_Chi_Minh';
export const DATE_FORMAT = 'DD/MM/YYYY';
export const DATE_TIME_FORMAT = 'DD/MM/YYYY HH:mm';
export const ISO_DATE = 'YYYY-MM-DD';

/** Ngày hôm nay theo giờ Việt Nam, dạng YYYY-MM-DD. */
export function todayYmd(): string {
  return dayjs().tz(TZ).format(ISO_DATE);
}

/** Ngày hôm nay (giờ Việt Nam) dưới dạng Dayjs không gắn giờ — dùng cho DatePicker. */
export function today(): Dayjs {
  return dayjs(todayYmd(), ISO_DATE);
}

/** 'YYYY-MM-DD' → 'dd/MM/yyyy' (không đổi múi giờ: đây là ngày lịch). */
export function fmtDate(ymd: string | null | undefined): string {
  if (!ymd) return '';
  const d = dayjs(ymd.slice(0, 10), ISO_DATE, true);
  return d.isValid() ? d.format(DATE_FORMAT) : ymd;
}

/** Thời điểm ISO → 'dd/MM/yyyy HH:mm' theo giờ Việt Nam. */
export function fmtDateTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '';
  const d = dayjs(iso);
  if (!d.isValid()) return iso;
  return d.tz(TZ).format(withSeconds ? 'DD/MM/YYYY HH:mm:ss' : DATE_TIME_FORMAT);
}

/** Dayjs (từ DatePicker) → 'YYYY-MM-DD'. */
export function toYmd(d: Dayjs | null | undefined): string | undefined {
  return d ? d.format(ISO_DATE) : undefined;
}

/** 'YYYY-MM-DD' → Dayjs cho DatePicker. */
export function fromYmd(ymd: string | null | undefined): Dayjs | undefined {
  if (!ymd) return undefined;
  const d = dayjs(ymd.slice(0, 10), ISO_DATE, true);
  return d.isValid() ? d : undefined;
}

/** "Thứ Bảy, 22/11/2025" theo giờ Việt Nam. */
export function longToday(): string {
  const s = dayjs().tz(TZ).locale('vi').format('dddd, DD/MM/YYYY');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Thời điểm ISO đã qua so với hiện tại chưa. */
export function isFuture(iso: string | null | undefined): boolean {
  if (!iso) return false;
  const d = dayjs(iso);
  return d.isValid() && d.isAfter(dayjs());
}

export { dayjs };
