/**
 * Working time and due dates (thời hạn, ngày hẹn trả kết quả).
 *
 * A WorkCalendar is built once per agency from the holiday data of a range
 * of years and the agency's office hours; it precomputes, for every civil day
 * of the range, which office periods are open and the cumulative office time
 * before the day. Every question (due date, working time between two
 * instants, pause/resume) is then an O(1) lookup plus a short search.
 *
 * Conventions (the rules are spelled out in docs/calendar.md):
 * - Instants: functions accept a JS Date or epoch milliseconds (UTC) and
 *   return a Date. Durations are milliseconds. Civil days and office hours
 *   are always those of UTC+7 (Asia/Ho_Chi_Minh), never the host's zone.
 * - Office time is the half-open union of the periods of each working day,
 *   by default 07:00–11:30 and 13:30–17:00 (8 h), Monday–Friday; official
 *   days off are closed; Saturdays worked in exchange (làm bù) are open.
 * - One working day = `workingDayMs` (8 h by default) of office time, counted
 *   from the instant the clock starts: received Monday 09:00 with 5 working
 *   days → due next Monday 09:00.
 * - The clock starts at the receipt instant when it is inside office hours;
 *   otherwise at the start of the next office period (lunch → 13:30; after
 *   17:00, on a day off → next working day 07:00). With a same-day cut-off
 *   (e.g. '15:00'), a receipt strictly after the cut-off starts the next
 *   working day.
 * - The due instant of N > 0 units of working time is the earliest instant by
 *   which that much office time has elapsed: work running out exactly at the
 *   end of a period is due at that end (17:00), not the next morning.
 * - Calendar days: the due instant is the end of office hours of the day
 *   N days after the clock-start day, or of the next working day when that
 *   day is not a working day.
 * - Amount 0 → the clock-start instant. Negative, NaN or infinite amounts throw.
 */

import {
  DAY_MS, VN_OFFSET_MS, epochDayFromIso, epochDayFromSolar, formatTimeOfDay, isoFromEpochDay, isoWeekday,
  parseTimeOfDay,
} from './civil.ts';
import { CalendarRangeError } from './errors.ts';
import {
  FIVE_DAY_WEEK_FROM, HOLIDAY_MAX_YEAR, HOLIDAY_MIN_YEAR, holidaysForYear, type HolidayData, type HolidayDay,
  type HolidayYear, type YearSchedule,
} from './holidays.ts';

/** An instant: a Date or epoch milliseconds (UTC). */
export type Instant = Date | number;

/** Unit of a legal duration: working days, working hours, or calendar days (ngày làm việc / giờ làm việc / ngày). */
export type DurationUnit = 'working_days' | 'working_hours' | 'calendar_days';

/** One office period of a day, 'HH:mm' local time (UTC+7), start < end. */
export interface OfficePeriod {
  readonly start: string;
  readonly end: string;
}

/** Default office hours of Vietnamese public agencies: 07:00–11:30 and 13:30–17:00. */
export const DEFAULT_OFFICE_PERIODS: readonly OfficePeriod[] = [
  { start: '07:00', end: '11:30' },
  { start: '13:30', end: '17:00' },
];

/** Default working week for public servants: Monday–Friday (ISO weekdays 1–5). */
export const DEFAULT_WORK_WEEK: readonly number[] = [1, 2, 3, 4, 5];

/** Working week of public servants before FIVE_DAY_WEEK_FROM (02/10/1999): Monday–Saturday. */
export const SIX_DAY_WORK_WEEK: readonly number[] = [1, 2, 3, 4, 5, 6];

/** A half-day holiday closes the office from this time of day (12:00). */
const AFTERNOON_FROM_MS = 12 * 3_600_000;

export interface WorkCalendarConfig {
  /** First and last solar year covered (inclusive). Instants outside throw OUT_OF_RANGE. */
  readonly fromYear: number;
  readonly toYear: number;
  /** Office periods of a standard working day (also used on working Saturdays). */
  readonly periods?: readonly OfficePeriod[];
  /**
   * ISO weekdays (1 = Monday … 7 = Sunday) that are regular working days.
   * Omitted: the public servants' week of the time, Monday–Friday from
   * 02/10/1999 and Monday–Saturday before (Quyết định 188/1999/QĐ-TTg).
   */
  readonly workWeek?: readonly number[];
  /** Different periods for some weekdays of the work week (e.g. Saturday morning only). */
  readonly weekdayPeriods?: Readonly<Partial<Record<number, readonly OfficePeriod[]>>>;
  /** Office hours in one working day, for converting working days to time. Default: length of `periods`. */
  readonly workingDayHours?: number;
  /** Default same-day cut-off 'HH:mm' for dueDate/clockStart (none when omitted). */
  readonly cutoff?: string;
  /** Holiday data per year; computed with holidaysForYear(year, overrides, holidayData) when omitted. */
  readonly holidays?: readonly HolidayYear[];
  /** Year overrides (e.g. edited by an administrator) passed to holidaysForYear. */
  readonly overrides?: readonly YearSchedule[];
  readonly holidayData?: HolidayData;
}

interface Profile {
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly total: number;
}

const CLOSED: Profile = { starts: [], ends: [], total: 0 };

function parsePeriods(periods: readonly OfficePeriod[], where: string): Profile {
  if (periods.length === 0) return CLOSED;
  const starts: number[] = [];
  const ends: number[] = [];
  let total = 0;
  let previousEnd = -1;
  for (const period of periods) {
    const start = parseTimeOfDay(period.start);
    const end = parseTimeOfDay(period.end);
    if (!(start < end) || start < previousEnd) {
      throw new CalendarRangeError('INVALID_INPUT', `${where}: periods must be increasing and not overlap (${period.start}–${period.end})`);
    }
    starts.push(start);
    ends.push(end);
    total += end - start;
    previousEnd = end;
  }
  return { starts, ends, total };
}

function profileKey(p: Profile): string {
  return p.starts.map((s, i) => `${s}-${p.ends[i]}`).join(',');
}

/** The part of a day's office periods before `until` (ms of the day). */
function morningOf(p: Profile, until: number): Profile {
  const starts: number[] = [];
  const ends: number[] = [];
  let total = 0;
  for (let k = 0; k < p.starts.length; k++) {
    if (p.starts[k] >= until) break;
    const end = Math.min(p.ends[k], until);
    starts.push(p.starts[k]);
    ends.push(end);
    total += end - p.starts[k];
  }
  return total === 0 ? CLOSED : { starts, ends, total };
}

function toMs(instant: Instant, what = 'instant'): number {
  const ms = typeof instant === 'number' ? instant : instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new CalendarRangeError('INVALID_INPUT', `Invalid ${what}: ${String(instant)}`);
  return ms;
}

const cutoffCache = new Map<string, number>();

function cutoffMsOf(cutoff: string | null | undefined, fallback: number | null): number | null {
  if (cutoff === undefined) return fallback;
  if (cutoff === null) return null;
  let ms = cutoffCache.get(cutoff);
  if (ms === undefined) {
    ms = parseTimeOfDay(cutoff);
    cutoffCache.set(cutoff, ms);
  }
  return ms;
}

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** What a calendar says about one civil day. */
export interface DayInfo {
  readonly date: string;
  readonly working: boolean;
  readonly periods: readonly OfficePeriod[];
  /** The official day off on this date, if any (also for weekend holidays). */
  readonly holiday?: HolidayDay;
  /** True when the day is a Saturday/Sunday worked in exchange for a swapped day off. */
  readonly workingSaturday: boolean;
}

/**
 * An agency's working calendar over a range of years, with per-day tables.
 * Build it with createWorkCalendar; it is immutable.
 */
export class WorkCalendar {
  readonly fromYear: number;
  readonly toYear: number;
  /** Office time of one working day, in ms (8 h by default). */
  readonly workingDayMs: number;
  /** Default same-day cut-off in ms since midnight, or null. */
  readonly cutoffMs: number | null;
  /**
   * Short hash of everything that decides working time (days, periods, day
   * length). Store it with a computed due date: a different fingerprint later
   * means the calendar changed since (see docs/calendar.md).
   */
  readonly fingerprint: string;
  /** The holiday data the calendar was built from, per year. */
  readonly holidayYears: readonly HolidayYear[];

  /** Epoch day of 1 January fromYear. */
  private readonly firstDay: number;
  private readonly dayCount: number;
  private readonly profiles: readonly Profile[];
  private readonly profileOf: Uint8Array;
  /** cum[i] = office ms from the start of the range to the start of day i; length dayCount + 1. */
  private readonly cum: Float64Array;
  /** nextOpen[i] = first working day index ≥ i, or dayCount when none; length dayCount + 1. */
  private readonly nextOpen: Int32Array;
  private readonly holidayByDay: ReadonlyMap<number, HolidayDay>;
  private readonly workingWeekendDays: ReadonlySet<number>;

  constructor(config: WorkCalendarConfig) {
    const { fromYear, toYear } = config;
    if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
      throw new CalendarRangeError('INVALID_INPUT', `Invalid calendar range ${fromYear}–${toYear}`);
    }
    const standard = parsePeriods(config.periods ?? DEFAULT_OFFICE_PERIODS, 'periods');
    if (standard.total === 0) throw new CalendarRangeError('INVALID_INPUT', 'A working day needs at least one office period');
    const workWeek = new Set(config.workWeek ?? DEFAULT_WORK_WEEK);
    for (const wd of workWeek) {
      if (!Number.isInteger(wd) || wd < 1 || wd > 7) throw new CalendarRangeError('INVALID_INPUT', `Invalid weekday ${wd}`);
    }
    const dayHours = config.workingDayHours;
    if (dayHours !== undefined && !(Number.isFinite(dayHours) && dayHours > 0 && dayHours <= 24)) {
      throw new CalendarRangeError('INVALID_INPUT', `Invalid workingDayHours ${dayHours}`);
    }
    this.workingDayMs = dayHours === undefined ? standard.total : Math.round(dayHours * 3_600_000);
    this.cutoffMs = config.cutoff === undefined ? null : parseTimeOfDay(config.cutoff);
    this.fromYear = fromYear;
    this.toYear = toYear;

    // Holiday data for every year of the range.
    let holidayYears: HolidayYear[];
    if (config.holidays) {
      holidayYears = [...config.holidays];
      for (let y = fromYear; y <= toYear; y++) {
        if (!holidayYears.some((h) => h.year === y)) {
          throw new CalendarRangeError('INVALID_INPUT', `No holiday data given for ${y}`);
        }
      }
    } else {
      if (fromYear < HOLIDAY_MIN_YEAR || toYear > HOLIDAY_MAX_YEAR) {
        throw new CalendarRangeError('OUT_OF_RANGE', `Holidays are modelled for ${HOLIDAY_MIN_YEAR}–${HOLIDAY_MAX_YEAR}`);
      }
      holidayYears = [];
      for (let y = fromYear; y <= toYear; y++) holidayYears.push(holidaysForYear(y, config.overrides ?? [], config.holidayData ?? {}));
    }
    this.holidayYears = holidayYears;
    const holidayByDay = new Map<number, HolidayDay>();
    const workingWeekendDays = new Set<number>();
    for (const hy of holidayYears) {
      for (const day of hy.days) holidayByDay.set(epochDayFromIso(day.date), day);
      for (const sat of hy.workingSaturdays) workingWeekendDays.add(epochDayFromIso(sat));
    }
    this.holidayByDay = holidayByDay;
    this.workingWeekendDays = workingWeekendDays;

    // Distinct day profiles: 0 = closed, 1 = standard, then per-weekday and half-day variants.
    const profiles: Profile[] = [CLOSED, standard];
    const indexByKey = new Map<string, number>([[profileKey(CLOSED), 0], [profileKey(standard), 1]]);
    const profileIndex = (p: Profile): number => {
      const key = profileKey(p);
      let index = indexByKey.get(key);
      if (index === undefined) {
        index = profiles.length;
        if (index > 255) throw new CalendarRangeError('INVALID_INPUT', 'Too many distinct office-hour profiles');
        profiles.push(p);
        indexByKey.set(key, index);
      }
      return index;
    };
    const weekdayProfiles = (week: ReadonlySet<number>): number[] => {
      const out: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
      for (let wd = 1; wd <= 7; wd++) {
        if (!week.has(wd)) continue;
        const special = config.weekdayPeriods?.[wd];
        out[wd] = special ? profileIndex(parsePeriods(special, `weekdayPeriods[${wd}]`)) : 1;
      }
      return out;
    };
    const weekdayProfile = weekdayProfiles(workWeek);
    // Without an explicit work week, days before 02/10/1999 follow the six-day week of the time.
    const sixDayProfile = config.workWeek === undefined ? weekdayProfiles(new Set(SIX_DAY_WORK_WEEK)) : weekdayProfile;
    const fiveDayFrom = epochDayFromIso(FIVE_DAY_WEEK_FROM);
    const afternoonOff = new Map<number, number>();
    const morningProfile = (index: number): number => {
      let m = afternoonOff.get(index);
      if (m === undefined) {
        m = profileIndex(morningOf(profiles[index], AFTERNOON_FROM_MS));
        afternoonOff.set(index, m);
      }
      return m;
    };

    this.firstDay = epochDayFromSolar(fromYear, 1, 1);
    this.dayCount = epochDayFromSolar(toYear, 12, 31) - this.firstDay + 1;
    this.profileOf = new Uint8Array(this.dayCount);
    this.cum = new Float64Array(this.dayCount + 1);
    this.nextOpen = new Int32Array(this.dayCount + 1);
    let total = 0;
    for (let i = 0; i < this.dayCount; i++) {
      const day = this.firstDay + i;
      let profile = (day < fiveDayFrom ? sixDayProfile : weekdayProfile)[isoWeekday(day)];
      const holiday = holidayByDay.get(day);
      if (holiday) profile = holiday.part === 'afternoon' ? morningProfile(profile) : 0;
      else if (workingWeekendDays.has(day)) profile = 1;
      this.profileOf[i] = profile;
      this.cum[i] = total;
      total += profiles[profile].total;
    }
    this.profiles = profiles;
    this.cum[this.dayCount] = total;
    this.nextOpen[this.dayCount] = this.dayCount;
    for (let i = this.dayCount - 1; i >= 0; i--) {
      this.nextOpen[i] = this.profileOf[i] === 0 ? this.nextOpen[i + 1] : i;
    }
    this.fingerprint = fnv1a(
      `${this.workingDayMs}|${profiles.map(profileKey).join(';')}|${this.firstDay}|${Array.from(this.profileOf).join('')}`,
    );
  }

  /** Index (from 1 January fromYear) of the UTC+7 civil day of an instant; throws OUT_OF_RANGE outside the range. */
  dayIndexOf(ms: number): number {
    const i = Math.floor((ms + VN_OFFSET_MS) / DAY_MS) - this.firstDay;
    if (i < 0 || i >= this.dayCount) {
      throw new CalendarRangeError('OUT_OF_RANGE', `Instant ${new Date(ms).toISOString()} is outside the calendar ${this.fromYear}–${this.toYear}`);
    }
    return i;
  }

  private utcOf(dayIndex: number, msOfDay: number): number {
    return (this.firstDay + dayIndex) * DAY_MS + msOfDay - VN_OFFSET_MS;
  }

  /** Office time (ms) from the start of the range to the instant. */
  offsetAt(ms: number): number {
    const i = this.dayIndexOf(ms);
    const tod = ms + VN_OFFSET_MS - (this.firstDay + i) * DAY_MS;
    const p = this.profiles[this.profileOf[i]];
    let inDay = 0;
    for (let k = 0; k < p.starts.length; k++) {
      const start = p.starts[k];
      if (tod <= start) break;
      const end = p.ends[k];
      inDay += (tod < end ? tod : end) - start;
    }
    return this.cum[i] + inDay;
  }

  /** The earliest instant by which `amount` ms (> 0) of office time has elapsed after `ms`. */
  addOfficeTimeMs(ms: number, amount: number): number {
    return this.instantAtOffset(this.offsetAt(ms) + amount, this.dayIndexOf(ms));
  }

  /**
   * Earliest instant at which the office time from the start of the range
   * reaches `target` (> 0); `hint` is a day index not after the answer.
   */
  instantAtOffset(target: number, hint = 0): number {
    const cum = this.cum;
    const last = this.dayCount - 1;
    if (target > cum[this.dayCount]) {
      throw new CalendarRangeError('OUT_OF_RANGE', `The due date falls after the end of the calendar (${this.toYear}); build it over more years`);
    }
    // Smallest i with cum[i + 1] >= target: gallop from the hint, then bisect.
    let lo = hint;
    if (cum[lo + 1] < target) {
      let step = 1;
      let hi = lo + 1;
      while (hi < last && cum[hi + 1] < target) {
        lo = hi;
        step *= 2;
        hi = Math.min(last, hi + step);
      }
      // invariant: cum[lo + 1] < target <= cum[hi + 1]
      while (hi - lo > 1) {
        const mid = (lo + hi) >>> 1;
        if (cum[mid + 1] < target) lo = mid;
        else hi = mid;
      }
      lo = hi;
    }
    const p = this.profiles[this.profileOf[lo]];
    let remaining = target - cum[lo];
    for (let k = 0; k < p.starts.length; k++) {
      const length = p.ends[k] - p.starts[k];
      if (remaining <= length) return this.utcOf(lo, p.starts[k] + remaining);
      remaining -= length;
    }
    throw new Error('worktime: offset search overran the day'); // unreachable
  }

  /** Instant at which the clock starts for something received at `ms` (see module doc). */
  clockStartMs(ms: number, cutoffMs: number | null): number {
    const i = this.dayIndexOf(ms);
    const p = this.profiles[this.profileOf[i]];
    if (p.total > 0) {
      const tod = ms + VN_OFFSET_MS - (this.firstDay + i) * DAY_MS;
      if (cutoffMs === null || tod <= cutoffMs) {
        for (let k = 0; k < p.starts.length; k++) {
          if (tod < p.ends[k]) return tod < p.starts[k] ? this.utcOf(i, p.starts[k]) : ms;
        }
      }
    }
    const j = this.nextOpen[i + 1];
    if (j >= this.dayCount) {
      throw new CalendarRangeError('OUT_OF_RANGE', `No working day after ${new Date(ms).toISOString()} within the calendar ${this.fromYear}–${this.toYear}`);
    }
    return this.utcOf(j, this.profiles[this.profileOf[j]].starts[0]);
  }

  /** Due instant of a calendar-day deadline whose clock started at `startMs` (see module doc). */
  calendarDaysDueMs(startMs: number, days: number): number {
    const target = this.dayIndexOf(startMs) + days;
    if (target >= this.dayCount) {
      throw new CalendarRangeError('OUT_OF_RANGE', `The due date falls after the end of the calendar (${this.toYear}); build it over more years`);
    }
    const j = this.nextOpen[target];
    if (j >= this.dayCount) {
      throw new CalendarRangeError('OUT_OF_RANGE', `No working day within the calendar after day ${target}`);
    }
    const p = this.profiles[this.profileOf[j]];
    return this.utcOf(j, p.ends[p.ends.length - 1]);
  }

  /** Day index of an epoch day, or −1 outside the range. */
  private indexOfEpochDay(day: number): number {
    const i = day - this.firstDay;
    return i >= 0 && i < this.dayCount ? i : -1;
  }

  /** True when the civil day (epoch day) is a working day of this calendar. */
  isWorkingEpochDay(day: number): boolean {
    const i = this.indexOfEpochDay(day);
    if (i < 0) throw new CalendarRangeError('OUT_OF_RANGE', `${isoFromEpochDay(day)} is outside the calendar ${this.fromYear}–${this.toYear}`);
    return this.profileOf[i] !== 0;
  }

  /** First working epoch day strictly after `day`. */
  nextWorkingEpochDay(day: number): number {
    const i = this.indexOfEpochDay(day);
    if (i < 0) throw new CalendarRangeError('OUT_OF_RANGE', `${isoFromEpochDay(day)} is outside the calendar ${this.fromYear}–${this.toYear}`);
    const j = this.nextOpen[i + 1];
    if (j >= this.dayCount) throw new CalendarRangeError('OUT_OF_RANGE', `No working day after ${isoFromEpochDay(day)} within the calendar`);
    return this.firstDay + j;
  }

  /** Everything the calendar knows about one civil day. */
  describeEpochDay(day: number): DayInfo {
    const working = this.isWorkingEpochDay(day);
    const p = this.profiles[this.profileOf[day - this.firstDay]];
    const holiday = this.holidayByDay.get(day);
    return {
      date: isoFromEpochDay(day),
      working,
      periods: p.starts.map((s, k) => ({ start: formatTimeOfDay(s), end: formatTimeOfDay(p.ends[k]) })),
      ...(holiday ? { holiday } : {}),
      workingSaturday: this.workingWeekendDays.has(day),
    };
  }
}

/** Builds an agency's WorkCalendar (see WorkCalendarConfig for the defaults). */
export function createWorkCalendar(config: WorkCalendarConfig): WorkCalendar {
  return new WorkCalendar(config);
}

/** Options of dueDate and clockStart. */
export interface DueDateOptions {
  /**
   * Same-day cut-off 'HH:mm' (e.g. '15:00'): a receipt strictly after it
   * starts the clock on the next working day. `null` disables the
   * calendar's default cut-off; omitted → the calendar's default.
   */
  readonly cutoff?: string | null;
}

function checkAmount(amount: number): void {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
    throw new CalendarRangeError('INVALID_INPUT', `Duration must be a finite number ≥ 0, got ${String(amount)}`);
  }
}

/** Instant at which the clock starts for something received at `from`. */
export function clockStart(from: Instant, cal: WorkCalendar, opts: DueDateOptions = {}): Date {
  return new Date(cal.clockStartMs(toMs(from, 'receipt time'), cutoffMsOf(opts.cutoff, cal.cutoffMs)));
}

/** Same as dueDate, in epoch milliseconds. */
export function dueDateMs(from: Instant, amount: number, unit: DurationUnit, cal: WorkCalendar, opts: DueDateOptions = {}): number {
  checkAmount(amount);
  const start = cal.clockStartMs(toMs(from, 'receipt time'), cutoffMsOf(opts.cutoff, cal.cutoffMs));
  if (amount === 0) return start;
  switch (unit) {
    case 'working_days':
      return cal.addOfficeTimeMs(start, Math.round(amount * cal.workingDayMs));
    case 'working_hours':
      return cal.addOfficeTimeMs(start, Math.round(amount * 3_600_000));
    case 'calendar_days':
      if (!Number.isInteger(amount)) throw new CalendarRangeError('INVALID_INPUT', `Calendar days must be a whole number, got ${amount}`);
      return cal.calendarDaysDueMs(start, amount);
    default:
      throw new CalendarRangeError('INVALID_INPUT', `Unknown duration unit ${String(unit)}`);
  }
}

/**
 * Due instant (ngày giờ hẹn trả) of a legal duration of `amount` `unit`s for
 * something received at `from`. See the module doc for the exact rules.
 */
export function dueDate(from: Instant, amount: number, unit: DurationUnit, cal: WorkCalendar, opts: DueDateOptions = {}): Date {
  return new Date(dueDateMs(from, amount, unit, cal, opts));
}

/**
 * The instant at which `ms` of office time has elapsed after `instant`
 * (the earliest such instant; `ms` = 0 returns `instant` itself).
 */
export function addWorkingTime(instant: Instant, ms: number, cal: WorkCalendar): Date {
  const t = toMs(instant);
  checkAmount(ms);
  const amount = Math.round(ms);
  if (amount === 0) return new Date(t);
  return new Date(cal.addOfficeTimeMs(t, amount));
}

/** Office time in ms between two instants (negative when b is before a). */
export function workingTimeBetween(a: Instant, b: Instant, cal: WorkCalendar): number {
  return cal.offsetAt(toMs(b)) - cal.offsetAt(toMs(a));
}

/**
 * Due date after a pause (tạm dừng, e.g. waiting for a supplement — yêu cầu
 * bổ sung): the due date in force when paused, extended by the office time
 * that elapsed while paused. Apply once per pause; repeated pauses each add
 * their own office time.
 */
export function resumeDue(dueWhenPaused: Instant, pausedAt: Instant, resumedAt: Instant, cal: WorkCalendar): Date {
  const paused = toMs(pausedAt, 'pause time');
  const resumed = toMs(resumedAt, 'resume time');
  if (resumed < paused) throw new CalendarRangeError('INVALID_INPUT', 'Resumed before it was paused');
  return addWorkingTime(dueWhenPaused, cal.offsetAt(resumed) - cal.offsetAt(paused), cal);
}

/**
 * Due date to propose when the calendar changed after a due date was promised
 * (the explicit, logged recompute action of docs/calendar.md): the instant
 * at which, under `newCal`, as much office time has elapsed after
 * `clockStarted` as elapsed until `storedDue` under `oldCal`; never earlier
 * than `storedDue`.
 */
export function rebaseDueDate(
  clockStarted: Instant, storedDue: Instant, oldCal: WorkCalendar, newCal: WorkCalendar,
): { due: Date; changed: boolean } {
  const start = toMs(clockStarted, 'clock start');
  const due = toMs(storedDue, 'stored due date');
  const owed = oldCal.offsetAt(due) - oldCal.offsetAt(start);
  if (owed <= 0) return { due: new Date(due), changed: false };
  const candidate = newCal.addOfficeTimeMs(start, owed);
  return candidate > due ? { due: new Date(candidate), changed: true } : { due: new Date(due), changed: false };
}

function epochDayOfDateArg(date: string | Instant): number {
  if (typeof date === 'string') return epochDayFromIso(date);
  return Math.floor((toMs(date) + VN_OFFSET_MS) / DAY_MS);
}

/** True when the civil day ('YYYY-MM-DD', or the UTC+7 day of an instant) is a working day. */
export function isWorkingDay(date: string | Instant, cal: WorkCalendar): boolean {
  return cal.isWorkingEpochDay(epochDayOfDateArg(date));
}

/** The first working day ('YYYY-MM-DD') strictly after the given civil day. */
export function nextWorkingDay(date: string | Instant, cal: WorkCalendar): string {
  return isoFromEpochDay(cal.nextWorkingEpochDay(epochDayOfDateArg(date)));
}

/** Office periods, holiday and working-Saturday status of a civil day. */
export function describeDay(date: string | Instant, cal: WorkCalendar): DayInfo {
  return cal.describeEpochDay(epochDayOfDateArg(date));
}
