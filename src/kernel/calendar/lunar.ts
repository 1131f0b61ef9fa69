/**
 * Vietnamese lunisolar calendar (âm lịch) for 1900–2199, both directions.
 *
 * The rules of the modern Vietnamese calendar (in force in the North from
 * 1968 and nationwide from 1976), applied astronomically at the meridian
 * 105° E (UTC+7):
 *  1. a month begins on the civil day (UTC+7) that contains a true new moon;
 *  2. month 11 is the month containing the December solstice (Đông chí);
 *  3. if there are 13 months from one month 11 to the next, the first of
 *     them (after month 11) that contains no major solar term (trung khí,
 *     the Sun at a multiple of 30° of longitude) is the leap month (tháng
 *     nhuận) and takes the number of the month before it.
 * This is the formulation popularised by Hồ Ngọc Đức; the code here is
 * motcua's own, on the Meeus/VSOP87 astronomy in astro.ts.
 *
 * For years before 1968 (North) / 1976 (South) the calendar people actually
 * used was computed for UTC+8 and may differ on a few days from what this
 * module returns (e.g. Tết Mậu Thân: 29/01/1968 in the North, 30/01/1968 in
 * the South). Holidays before 1968 inherit that difference (docs/calendar.md §2.1).
 */

import { newMoonJd, solarLongitudeInstant, sunApparentLongitude } from './astro.ts';
import {
  epochDayFromSolar, isValidSolarDate, jdnFromEpochDay, epochDayFromJdn, solarFromEpochDay, type SolarDate,
} from './civil.ts';
import { CalendarRangeError } from './errors.ts';

/** First and last solar years supported by the conversion. */
export const LUNAR_MIN_YEAR = 1900;
export const LUNAR_MAX_YEAR = 2199;

/** A date of the Vietnamese lunar calendar. `leap` marks a day of a leap month (tháng nhuận). */
export interface LunarDate {
  readonly day: number;
  readonly month: number;
  readonly year: number;
  readonly leap: boolean;
}

/** One lunar month: its number, leap flag, first civil day (epoch day) and length (29 or 30). */
export interface LunarMonth {
  readonly year: number;
  readonly month: number;
  readonly leap: boolean;
  /** Epoch day (days since 1970-01-01) of mùng 1. */
  readonly startDay: number;
  readonly length: 29 | 30;
}

const TZ_DAYS = 7 / 24;
const MIN_EPOCH_DAY = epochDayFromSolar(LUNAR_MIN_YEAR, 1, 1);
const MAX_EPOCH_DAY = epochDayFromSolar(LUNAR_MAX_YEAR, 12, 31);

/** Civil day (JDN, UTC+7) containing the UT instant `jd`. */
function localJdnOf(jd: number): number {
  return Math.floor(jd + 0.5 + TZ_DAYS);
}

const newMoonDayCache = new Map<number, number>();

/** JDN of the civil day (UTC+7) that contains new moon number k. */
function newMoonDay(k: number): number {
  let day = newMoonDayCache.get(k);
  if (day === undefined) {
    day = localJdnOf(newMoonJd(k));
    newMoonDayCache.set(k, day);
  }
  return day;
}

/**
 * Index 0–11 of the 30° sector the Sun is in at local midnight starting civil day `jdn`:
 * sector s means apparent longitude in [30·s°, 30·(s+1)°). A month contains a major
 * term exactly when the sector at its first midnight differs from the sector at the
 * first midnight of the next month.
 */
function sectorAtStartOf(jdn: number): number {
  return Math.floor(sunApparentLongitude(jdn - 0.5 - TZ_DAYS) / 30);
}

const month11Cache = new Map<number, number>();

/** New-moon number k of the month 11 that contains the December solstice of Gregorian year g. */
function month11K(g: number): number {
  let k = month11Cache.get(g);
  if (k !== undefined) return k;
  const solsticeGuess = jdnFromEpochDay(epochDayFromSolar(g, 12, 21));
  const solsticeDay = localJdnOf(solarLongitudeInstant(270, solsticeGuess));
  let kk = Math.floor((solsticeDay - 2_451_550.1) / 29.530588861);
  while (newMoonDay(kk) > solsticeDay) kk--;
  while (newMoonDay(kk + 1) <= solsticeDay) kk++;
  k = kk;
  month11Cache.set(g, k);
  return k;
}

/**
 * The months from month 11 of lunar year g−1 (inclusive) to month 11 of lunar
 * year g (exclusive), i.e. months 11 and 12 of year g−1 then months 1–10 of year g.
 */
interface Cycle {
  readonly months: readonly LunarMonth[];
}

const cycleCache = new Map<number, Cycle>();

function cycle(g: number): Cycle {
  const cached = cycleCache.get(g);
  if (cached) return cached;
  const k0 = month11K(g - 1);
  const k1 = month11K(g);
  const count = k1 - k0;
  const starts: number[] = [];
  for (let i = 0; i <= count; i++) starts.push(newMoonDay(k0 + i));
  let leapIndex = -1;
  if (count === 13) {
    for (let i = 1; i < count; i++) {
      if (sectorAtStartOf(starts[i]) === sectorAtStartOf(starts[i + 1])) {
        leapIndex = i;
        break;
      }
    }
    if (leapIndex < 0) throw new Error(`lunar: no month without a major term in the cycle ending ${g}`);
  } else if (count !== 12) {
    throw new Error(`lunar: ${count} months between two months 11 (cycle ending ${g})`);
  }
  const months: LunarMonth[] = [];
  let number = 10;
  let year = g - 1;
  for (let i = 0; i < count; i++) {
    const leap = i === leapIndex;
    if (!leap) {
      number = number === 12 ? 1 : number + 1;
      if (number === 1) year = g;
    }
    const length = starts[i + 1] - starts[i];
    if (length !== 29 && length !== 30) throw new Error(`lunar: month of ${length} days`);
    months.push({ year, month: number, leap, startDay: epochDayFromJdn(starts[i]), length });
  }
  const result: Cycle = { months };
  cycleCache.set(g, result);
  return result;
}

function assertSolarInRange(epochDay: number, what: string): void {
  if (epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY) {
    throw new CalendarRangeError('OUT_OF_RANGE', `${what} is outside ${LUNAR_MIN_YEAR}–${LUNAR_MAX_YEAR}`);
  }
}

/** The lunar month (with its year) that contains epoch day `n` (must be within 1900–2199). */
export function lunarMonthOfEpochDay(n: number): LunarMonth {
  assertSolarInRange(n, `Day ${n}`);
  const { y } = solarFromEpochDay(n);
  const jdn = jdnFromEpochDay(n);
  const g = jdn >= newMoonDay(month11K(y)) ? y + 1 : y;
  const months = cycle(g).months;
  for (let i = months.length - 1; i >= 0; i--) {
    if (months[i].startDay <= n) return months[i];
  }
  throw new Error('lunar: day precedes its cycle'); // unreachable
}

/** Lunar date of an epoch day (days since 1970-01-01, civil date at UTC+7). */
export function lunarFromEpochDay(n: number): LunarDate {
  const month = lunarMonthOfEpochDay(n);
  return { day: n - month.startDay + 1, month: month.month, year: month.year, leap: month.leap };
}

/**
 * Solar (Gregorian) date → Vietnamese lunar date. Throws CalendarRangeError for
 * dates outside 01/01/1900–31/12/2199 (OUT_OF_RANGE) or non-existent dates (INVALID_INPUT).
 */
export function solarToLunar(y: number, m: number, d: number): LunarDate {
  if (!isValidSolarDate(y, m, d)) throw new CalendarRangeError('INVALID_INPUT', `No such date: ${y}-${m}-${d}`);
  return lunarFromEpochDay(epochDayFromSolar(y, m, d));
}

/**
 * All months of lunar year `year` in order (12 or 13), from tháng Giêng to
 * tháng Chạp. Lunar years 1900–2199 are supported (the last months of 2199 run
 * into 2200 and are still listed).
 */
export function lunarYearMonths(year: number): readonly LunarMonth[] {
  if (!Number.isInteger(year) || year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR) {
    throw new CalendarRangeError('OUT_OF_RANGE', `Lunar year ${year} is outside ${LUNAR_MIN_YEAR}–${LUNAR_MAX_YEAR}`);
  }
  return [...cycle(year).months, ...cycle(year + 1).months].filter((mo) => mo.year === year);
}

/**
 * Vietnamese lunar date → solar date. Returns null when the lunar date does not
 * exist (no such leap month that year, day 30 of a 29-day month, month outside
 * 1–12, day outside 1–30). Throws CalendarRangeError when the year is not an
 * integer in 1899–2199 or the resulting solar date is outside 1900–2199.
 */
export function lunarToSolar(day: number, month: number, year: number, leap = false): SolarDate | null {
  const n = lunarToEpochDay(day, month, year, leap);
  return n === null ? null : solarFromEpochDay(n);
}

/** Like lunarToSolar, returning an epoch day. */
export function lunarToEpochDay(day: number, month: number, year: number, leap = false): number | null {
  if (!Number.isInteger(year) || year < LUNAR_MIN_YEAR - 1 || year > LUNAR_MAX_YEAR) {
    throw new CalendarRangeError('OUT_OF_RANGE', `Lunar year ${year} is outside ${LUNAR_MIN_YEAR}–${LUNAR_MAX_YEAR}`);
  }
  if (!Number.isInteger(day) || !Number.isInteger(month) || month < 1 || month > 12 || day < 1 || day > 30) {
    return null;
  }
  // Months 11 and 12 of lunar year Y open the cycle that ends with month 11 of Y+1.
  const g = month >= 11 ? year + 1 : year;
  const found = cycle(g).months.find((mo) => mo.month === month && mo.leap === leap && mo.year === year);
  if (!found || day > found.length) return null;
  const n = found.startDay + day - 1;
  assertSolarInRange(n, `Lunar date ${day}/${month}${leap ? ' nhuận' : ''}/${year}`);
  return n;
}

/** Solar date of Tết Nguyên đán (mùng 1 tháng Giêng) of lunar year `year` (1900–2199). */
export function tetDate(year: number): SolarDate {
  const months = lunarYearMonths(year);
  return solarFromEpochDay(months[0].startDay);
}

/** The leap month of lunar year `year` (its number), or null when the year has none. */
export function leapMonthOf(year: number): number | null {
  const leap = lunarYearMonths(year).find((mo) => mo.leap);
  return leap ? leap.month : null;
}

const CAN = ['Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ', 'Canh', 'Tân', 'Nhâm', 'Quý'] as const;
const CHI = ['Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi', 'Thân', 'Dậu', 'Tuất', 'Hợi'] as const;

/** Can Chi name of a lunar year, e.g. 2025 → 'Ất Tỵ', 2026 → 'Bính Ngọ'. */
export function lunarYearName(year: number): string {
  return `${CAN[(((year + 6) % 10) + 10) % 10]} ${CHI[(((year + 8) % 12) + 12) % 12]}`;
}

const MONTH_NAMES = ['Giêng', 'Hai', 'Ba', 'Tư', 'Năm', 'Sáu', 'Bảy', 'Tám', 'Chín', 'Mười', 'Mười Một', 'Chạp'] as const;

/** Vietnamese label of a lunar day and month, e.g. 'mùng 1 tháng Giêng', '29 tháng Chạp', '15 tháng Tư nhuận'. */
export function lunarDayLabel(date: Pick<LunarDate, 'day' | 'month' | 'leap'>): string {
  const day = date.day <= 10 ? `mùng ${date.day}` : String(date.day);
  return `${day} tháng ${MONTH_NAMES[date.month - 1]}${date.leap ? ' nhuận' : ''}`;
}
