// Lịch làm việc: kiểu dữ liệu theo hợp đồng /api/v1/calendar và các truy vấn dùng trên trang.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

export type DayKind = 'holiday' | 'tet' | 'compensatory' | 'swap';
export type DayStatus = 'working' | 'weekend' | 'holiday' | 'tet' | 'compensatory' | 'swap' | 'working_weekend' | 'half_day';
export type Origin = 'override' | 'official' | 'rule';
export type YearOrigin = 'override' | 'official' | 'rules';
export type DurationUnit = 'working_days' | 'working_hours' | 'calendar_days';

export interface Lunar {
  day: number;
  month: number;
  year: number;
  leap: boolean;
  yearName: string;
  label: string;
}

export interface Period {
  start: string;
  end: string;
}

export interface HolidayInfo {
  date: string;
  name: string;
  kind: DayKind;
  origin: Origin;
  source: string;
  part?: 'afternoon';
  ruleId?: string;
  holidayYear?: number;
}

export interface Basis {
  year: number;
  ruleIds: string[] | 'all';
  origin: Origin;
  source: string;
  verified: boolean;
  note?: string;
}

export interface CalendarDay {
  date: string;
  weekday: number;
  lunar: Lunar;
  working: boolean;
  periods: Period[];
  status: DayStatus;
  reason: string;
  holiday?: HolidayInfo;
}

export interface OfficeHours {
  periods: Period[];
  cutoff: string | null;
}

export interface AgencyRef {
  id: string;
  code: string;
  name: string;
}

export interface YearDays {
  year: number;
  agency: AgencyRef | null;
  officeHours: OfficeHours;
  lunarYearName: string;
  origin: YearOrigin;
  days: CalendarDay[];
  basis: Basis[];
  workingDays: number;
}

export interface Block {
  replaces: string[] | 'all';
  days: Array<{ date: string; name: string; kind: DayKind; part?: 'afternoon' }>;
  workingSaturdays?: string[];
  source: string;
  verified: boolean;
  note?: string;
}

export interface ScheduleView {
  year: number;
  lunarYearName: string;
  origin: YearOrigin;
  version: number;
  override: { blocks: Block[]; note: string | null } | null;
  lastChange: { version: number; at: string; by: string | null; reverted: boolean } | null;
  official: { blocks: Block[] } | null;
  effective: { days: HolidayInfo[]; workingSaturdays: string[]; basis: Basis[] };
  rules: Array<{ id: string; name: string; legalBasis: string; verified: boolean; note?: string }>;
}

export interface DueResult {
  from: string;
  due: string;
  clockStart: string;
  amount: number;
  unit: DurationUnit;
  cutoff: string | null;
  agency: AgencyRef | null;
  officeHours: OfficeHours;
  workingDayHours: number;
}

export interface OfficeHoursView {
  agency: AgencyRef;
  version: number;
  own: OfficeHours | null;
  effective: OfficeHours;
  inheritedFrom: AgencyRef | null;
  isDefault: boolean;
  defaults: OfficeHours;
}

export const calendarKeys = {
  all: ['calendar'] as const,
  year: (year: number, agency?: string) => ['calendar', 'year', year, agency ?? ''] as const,
  schedule: (year: number) => ['calendar', 'schedule', year] as const,
  due: (q: object) => ['calendar', 'due', q] as const,
  officeHours: (agencyId: string) => ['calendar', 'office-hours', agencyId] as const,
};

export function useYearDays(year: number, agency?: string) {
  return useQuery({
    queryKey: calendarKeys.year(year, agency),
    queryFn: ({ signal }) => api.get<YearDays>('/calendar/year', { year, agency }, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useSchedule(year: number, enabled: boolean) {
  return useQuery({
    queryKey: calendarKeys.schedule(year),
    queryFn: ({ signal }) => api.get<ScheduleView>(`/calendar/schedules/${year}`, undefined, { signal }),
    enabled,
    staleTime: 30_000,
  });
}

export interface DueParams {
  from: string;
  amount: number;
  unit: DurationUnit;
  agency?: string;
}

export function useDue(p: DueParams | null) {
  return useQuery({
    queryKey: calendarKeys.due(p ?? {}),
    queryFn: ({ signal }) => api.get<DueResult>('/calendar/due', { ...p! }, { signal }),
    enabled: p !== null,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useOfficeHours(agencyId: string | undefined) {
  return useQuery({
    queryKey: calendarKeys.officeHours(agencyId ?? ''),
    queryFn: ({ signal }) => api.get<OfficeHoursView>(`/agencies/${encodeURIComponent(agencyId!)}/office-hours`, undefined, { signal }),
    enabled: !!agencyId,
  });
}

// ——— nhãn hiển thị ———

export const KIND_LABELS: Record<DayKind, string> = {
  holiday: 'Ngày lễ',
  tet: 'Tết Nguyên đán',
  compensatory: 'Nghỉ bù',
  swap: 'Nghỉ hoán đổi',
};

export const STATUS_LABELS: Record<DayStatus, string> = {
  working: 'Ngày làm việc',
  weekend: 'Nghỉ hằng tuần',
  holiday: 'Ngày lễ',
  tet: 'Tết Nguyên đán',
  compensatory: 'Nghỉ bù',
  swap: 'Nghỉ hoán đổi',
  working_weekend: 'Làm bù',
  half_day: 'Nghỉ buổi chiều',
};

export const ORIGIN_LABELS: Record<Origin, string> = {
  override: 'Quản trị viên sửa',
  official: 'Lịch chính thức',
  rule: 'Theo quy định',
};

export const YEAR_ORIGIN: Record<YearOrigin, { label: string; color: string; hint: string }> = {
  override: { label: 'Lịch do quản trị viên sửa', color: 'gold', hint: 'Lịch đã sửa được ưu tiên hơn lịch chính thức và quy định.' },
  official: { label: 'Theo lịch chính thức', color: 'green', hint: 'Theo thông báo nghỉ lễ, Tết của Chính phủ cho năm này.' },
  rules: { label: 'Theo quy định về nghỉ lễ, Tết', color: 'blue', hint: 'Không có lịch chính thức cho năm này: tính theo quy định về ngày nghỉ lễ, Tết và nghỉ bù có hiệu lực khi đó.' },
};

export const UNIT_LABELS: Record<DurationUnit, string> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
  calendar_days: 'ngày',
};

const WEEKDAYS = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
export const WEEKDAY_SHORT = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];

export function weekdayName(isoWeekday: number): string {
  return WEEKDAYS[isoWeekday] ?? '';
}

/** Thứ của ngày 'YYYY-MM-DD' (1 = thứ Hai … 7 = Chủ nhật), không phụ thuộc múi giờ máy. */
export function isoWeekdayOf(ymd: string): number {
  const [y, m, d] = ymd.split('-').map(Number);
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

export function fmtYmd(ymd: string): string {
  return `${ymd.slice(8, 10)}/${ymd.slice(5, 7)}/${ymd.slice(0, 4)}`;
}

/** '2026-03-09T09:00:00+07:00' → { date: '09/03/2026', time: '09:00', weekday: 'Thứ Hai' } (giờ Việt Nam, chuỗi đã ở +07:00). */
export function splitVnInstant(iso: string) {
  const ymd = iso.slice(0, 10);
  return { date: fmtYmd(ymd), time: iso.slice(11, 16), weekday: weekdayName(isoWeekdayOf(ymd)) };
}

export function hoursText(h: OfficeHours): string {
  return h.periods.map((p) => `${p.start}–${p.end}`).join(', ');
}

/** Số ngày âm lịch hiển thị dưới ngày dương: ngày đầu tháng âm (hoặc ô đầu) kèm tháng, ví dụ "1/2", "15". */
export function lunarShort(l: Lunar, first: boolean): string {
  if (l.day === 1 || first) return `${l.day}/${l.month}${l.leap ? 'n' : ''}`;
  return String(l.day);
}
