/**
 * Civil-date helpers for the calendar kernel (lịch dương).
 *
 * Everything here is pure integer arithmetic on the proleptic Gregorian
 * calendar. Days are counted as "epoch days": whole days since 1970-01-01 of
 * the Vietnamese civil calendar. Instants are epoch milliseconds (UTC); the
 * civil day an instant belongs to is always taken at UTC+7
 * (Asia/Ho_Chi_Minh, which has had no daylight saving time since 1975), never
 * in the time zone of the machine running the code.
 */

import { CalendarRangeError } from './errors.ts';

/** Offset of Vietnamese civil time from UTC, in milliseconds (UTC+7). */
export const VN_OFFSET_MS = 7 * 3_600_000;
/** Length of a civil day in milliseconds. */
export const DAY_MS = 86_400_000;
/** Julian Day Number of 1970-01-01 (epoch day 0). */
export const JDN_OF_EPOCH_DAY_0 = 2_440_588;

/** A civil (solar, Gregorian) date. `m` is 1–12, `d` is 1–31. */
export interface SolarDate {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

/** True for Gregorian leap years. */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Number of days in month `m` (1–12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** True when (y, m, d) are integers naming a real Gregorian date. */
export function isValidSolarDate(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) &&
    m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
  );
}

/** Epoch day of a Gregorian date (days since 1970-01-01). No validation. */
export function epochDayFromSolar(y: number, m: number, d: number): number {
  // Days-from-civil (H. Hinnant), integer arithmetic, valid for any year.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Gregorian date of an epoch day. */
export function solarFromEpochDay(n: number): SolarDate {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** ISO date string 'YYYY-MM-DD' of an epoch day. */
export function isoFromEpochDay(n: number): string {
  const { y, m, d } = solarFromEpochDay(n);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** ISO date string 'YYYY-MM-DD' of a solar date. */
export function isoFromSolar(s: SolarDate): string {
  return `${s.y}-${pad2(s.m)}-${pad2(s.d)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD'; throws CalendarRangeError('INVALID_INPUT') when malformed or not a real date. */
export function parseIsoDate(s: string): SolarDate {
  const match = ISO_DATE.exec(s);
  if (!match) throw new CalendarRangeError('INVALID_INPUT', `Not an ISO date (YYYY-MM-DD): ${JSON.stringify(s)}`);
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (!isValidSolarDate(y, m, d)) throw new CalendarRangeError('INVALID_INPUT', `No such date: ${s}`);
  return { y, m, d };
}

/** Epoch day of 'YYYY-MM-DD' (validated). */
export function epochDayFromIso(s: string): number {
  const { y, m, d } = parseIsoDate(s);
  return epochDayFromSolar(y, m, d);
}

/** ISO weekday of an epoch day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(n: number): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

/** Julian Day Number of an epoch day. */
export function jdnFromEpochDay(n: number): number {
  return n + JDN_OF_EPOCH_DAY_0;
}

/** Epoch day of a Julian Day Number. */
export function epochDayFromJdn(jdn: number): number {
  return jdn - JDN_OF_EPOCH_DAY_0;
}

/** Vietnamese civil day (epoch day at UTC+7) containing the instant `utcMs`. */
export function vnEpochDay(utcMs: number): number {
  return Math.floor((utcMs + VN_OFFSET_MS) / DAY_MS);
}

/** Milliseconds since local (UTC+7) midnight of the instant `utcMs`. */
export function vnMsOfDay(utcMs: number): number {
  const local = utcMs + VN_OFFSET_MS;
  return local - Math.floor(local / DAY_MS) * DAY_MS;
}

/** UTC epoch milliseconds of local (UTC+7) time `msOfDay` on epoch day `day`. */
export function utcMsFromVn(day: number, msOfDay: number): number {
  return day * DAY_MS + msOfDay - VN_OFFSET_MS;
}

/**
 * UTC epoch milliseconds of a Vietnamese wall-clock time, e.g.
 * `vnInstant(2025, 1, 24, 16, 0)` = 24/01/2025 16:00 in Hà Nội.
 */
export function vnInstant(y: number, m: number, d: number, hh = 0, mm = 0, ss = 0): number {
  if (!isValidSolarDate(y, m, d)) throw new CalendarRangeError('INVALID_INPUT', `No such date: ${y}-${m}-${d}`);
  return utcMsFromVn(epochDayFromSolar(y, m, d), ((hh * 60 + mm) * 60 + ss) * 1000);
}

const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** Parses 'HH:mm' or 'HH:mm:ss' (00:00–24:00) into milliseconds since midnight. */
export function parseTimeOfDay(s: string): number {
  const match = TIME_OF_DAY.exec(s);
  if (!match) throw new CalendarRangeError('INVALID_INPUT', `Not a time of day (HH:mm): ${JSON.stringify(s)}`);
  const h = Number(match[1]);
  const min = Number(match[2]);
  const sec = match[3] === undefined ? 0 : Number(match[3]);
  const ms = ((h * 60 + min) * 60 + sec) * 1000;
  if (min > 59 || sec > 59 || ms > DAY_MS) {
    throw new CalendarRangeError('INVALID_INPUT', `Not a time of day (HH:mm): ${JSON.stringify(s)}`);
  }
  return ms;
}

/** 'HH:mm' (or 'HH:mm:ss' when seconds are not zero) of milliseconds since midnight. */
export function formatTimeOfDay(ms: number): string {
  const totalSec = Math.floor(ms / 1000);
  const h = Math.floor(totalSec / 3600);
  const min = Math.floor((totalSec % 3600) / 60);
  const sec = totalSec % 60;
  return sec === 0 ? `${pad2(h)}:${pad2(min)}` : `${pad2(h)}:${pad2(min)}:${pad2(sec)}`;
}

/** 'YYYY-MM-DDTHH:mm:ss+07:00' of an instant, for logs and test messages. */
export function formatVn(utcMs: number): string {
  const day = vnEpochDay(utcMs);
  const ms = vnMsOfDay(utcMs);
  const sec = Math.floor(ms / 1000);
  const frac = ms % 1000;
  const base = `${isoFromEpochDay(day)}T${pad2(Math.floor(sec / 3600))}:${pad2(Math.floor((sec % 3600) / 60))}:${pad2(sec % 60)}`;
  return `${base}${frac === 0 ? '' : `.${String(frac).padStart(3, '0')}`}+07:00`;
}
