/**
 * Public holidays (ngày nghỉ lễ, tết) as data with rules.
 *
 * Two kinds of data decide which days public servants are off in a year:
 *  - RULES (HOLIDAY_RULES): the statutory holidays of the Labour Code 2019,
 *    Article 112(1) (and the Labour Code 2012, Article 115, before 2021), one
 *    data row per holiday; a new holiday (e.g. 24/11 "Ngày Văn hóa Việt Nam",
 *    under discussion in 2026) is one more row;
 *  - SCHEDULES (schedules.ts) and OVERRIDES: the official yearly schedule for
 *    public servants (exact Tết days, swapped days off, Saturdays worked in
 *    exchange). A schedule block names the rules it replaces for that year;
 *    an override (e.g. edited by an administrator and stored in the
 *    database) has the same shape and wins over both.
 *
 * Rules produce, per year: the holiday days, and a compensatory day off
 * (nghỉ bù, Labour Code 2019 Art. 111(3)) on the next working day for each
 * holiday that falls on the weekly rest day (Saturday or Sunday for public
 * servants) or on a day already taken by another holiday.
 *
 * Years supported: 2014 (first Tết under the 5-day rule of the Labour Code
 * 2012) to 2199 (end of the lunar conversion range).
 */

import {
  epochDayFromIso, epochDayFromSolar, isoFromEpochDay, isoWeekday, solarFromEpochDay,
} from './civil.ts';
import { CalendarRangeError } from './errors.ts';
import { lunarToEpochDay } from './lunar.ts';
import { OFFICIAL_SCHEDULES } from './schedules.ts';

export const HOLIDAY_MIN_YEAR = 2014;
export const HOLIDAY_MAX_YEAR = 2199;

/**
 * Kind of a day off:
 * - holiday: a statutory holiday on its own date (ngày lễ);
 * - tet: one of the five Tết Nguyên đán days;
 * - compensatory: nghỉ bù for a holiday that fell on a weekly rest day;
 * - swap: a working day given off in exchange for a Saturday worked (hoán đổi ngày làm việc).
 */
export type HolidayDayKind = 'holiday' | 'tet' | 'compensatory' | 'swap';

/** One day off in a schedule or override. `date` is 'YYYY-MM-DD'. */
export interface ScheduledDay {
  readonly date: string;
  readonly name: string;
  readonly kind: HolidayDayKind;
}

/** One day off in the result of holidaysForYear. */
export interface HolidayDay extends ScheduledDay {
  /** Where the day comes from: an override, an official schedule, or a rule. */
  readonly origin: 'override' | 'official' | 'rule';
  /** Rule id behind the day, when there is one. */
  readonly ruleId?: string;
  /** Legal basis or official document. */
  readonly source: string;
}

/**
 * A statutory holiday rule: `length` consecutive days starting `startOffset`
 * days from the anchor (solar or lunar month/day of the holiday's year),
 * plus optionally one day adjacent to the anchor.
 */
export interface HolidayRule {
  /** Stable id; schedule blocks refer to it. Several rows may share an id with disjoint validity. */
  readonly id: string;
  /** Vietnamese name, shown to people. */
  readonly name: string;
  readonly kind: 'solar' | 'lunar';
  readonly month: number;
  readonly day: number;
  /** Days from the anchor to the first day off (Tết: −1 = last day of the old lunar year). Default 0. */
  readonly startOffset?: number;
  /** Number of consecutive days off. */
  readonly length: number;
  /**
   * One more day next to the anchor (Quốc khánh: "02/9 and one day immediately
   * before or after"). 'auto' picks the side by the weekday of the anchor:
   * Mon → after, Tue → before, Wed → before, Thu → after, Fri → before,
   * Sat → before, Sun → after (what the official schedules 2021–2026 chose).
   */
  readonly adjacentDay?: 'before' | 'after' | 'auto';
  /** Kind given to the days of this rule. Default 'holiday'. */
  readonly dayKind?: 'holiday' | 'tet';
  /** First and last year (inclusive) the row applies to. */
  readonly validFrom?: number;
  readonly validTo?: number;
  readonly legalBasis: string;
}

/** The statutory holidays for public servants. Data, not code: add a row for a new holiday. */
export const HOLIDAY_RULES: readonly HolidayRule[] = [
  {
    id: 'tet-duong-lich', name: 'Tết Dương lịch', kind: 'solar', month: 1, day: 1, length: 1,
    legalBasis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm a (trước 2021: Bộ luật Lao động 2012, Điều 115)',
  },
  {
    // No official schedule: the last day of the old lunar year (29 or 30 tháng Chạp)
    // and mùng 1–4 tháng Giêng. Official schedules 2019, 2022 and 2026 were exactly this;
    // 2020, 2021, 2023, 2024 and 2025 took two days before Tết and three after.
    id: 'tet-nguyen-dan', name: 'Tết Nguyên đán', kind: 'lunar', month: 1, day: 1, startOffset: -1, length: 5,
    dayKind: 'tet', validFrom: 2014,
    legalBasis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm b (trước 2021: Bộ luật Lao động 2012, Điều 115)',
  },
  {
    id: 'gio-to-hung-vuong', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', kind: 'lunar', month: 3, day: 10, length: 1,
    legalBasis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm đ (trước 2021: Bộ luật Lao động 2012, Điều 115)',
  },
  {
    id: 'chien-thang', name: 'Ngày Chiến thắng (30/4)', kind: 'solar', month: 4, day: 30, length: 1,
    legalBasis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm c (trước 2021: Bộ luật Lao động 2012, Điều 115)',
  },
  {
    id: 'quoc-te-lao-dong', name: 'Ngày Quốc tế Lao động (1/5)', kind: 'solar', month: 5, day: 1, length: 1,
    legalBasis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm d (trước 2021: Bộ luật Lao động 2012, Điều 115)',
  },
  {
    id: 'quoc-khanh', name: 'Quốc khánh (2/9)', kind: 'solar', month: 9, day: 2, length: 1, validTo: 2020,
    legalBasis: 'Bộ luật Lao động 2012, Điều 115 khoản 1 điểm đ (một ngày)',
  },
  {
    id: 'quoc-khanh', name: 'Quốc khánh (2/9)', kind: 'solar', month: 9, day: 2, length: 1, adjacentDay: 'auto',
    validFrom: 2021,
    legalBasis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm e (ngày 02/9 và một ngày liền kề trước hoặc sau)',
  },
];

/** Legal basis of compensatory days off. */
export const COMPENSATORY_BASIS = 'Bộ luật Lao động 2019, Điều 111 khoản 3 (nghỉ bù vào ngày làm việc kế tiếp)';

/**
 * A block of an official schedule or an override: the days off it fixes, the
 * Saturdays (exceptionally Sundays) worked in exchange, and the rules whose
 * computed days it replaces for the year ('all': the whole year, rules and
 * shipped schedules, is exactly this schedule's blocks).
 */
export interface ScheduleBlock {
  readonly replaces: readonly string[] | 'all';
  readonly days: readonly ScheduledDay[];
  readonly workingSaturdays?: readonly string[];
  /** Official document(s) and where they were read. */
  readonly source: string;
  /** False when the dates could not be checked against a published text. */
  readonly verified: boolean;
  readonly note?: string;
}

/** An official yearly schedule, or an override of one (same shape). */
export interface YearSchedule {
  /** The holiday year the blocks belong to; their dates may spill into the neighbouring years (e.g. 31/12). */
  readonly year: number;
  readonly blocks: readonly ScheduleBlock[];
}

/** Where the days of a holiday came from in a given year. */
export interface HolidayBasis {
  readonly year: number;
  readonly ruleIds: readonly string[] | 'all';
  readonly origin: 'override' | 'official' | 'rule';
  readonly source: string;
  readonly verified: boolean;
}

/** Days off and working Saturdays of one calendar year, for public servants (Monday–Friday week). */
export interface HolidayYear {
  readonly year: number;
  /** Every day of the year that is a holiday or a day off for public servants (weekend holidays included), by date. */
  readonly days: readonly HolidayDay[];
  /** Weekend days of the year worked in exchange for a swapped day off. */
  readonly workingSaturdays: readonly string[];
  /** Provenance of the holidays of this year (and of neighbouring years' days that fall in it). */
  readonly basis: readonly HolidayBasis[];
}

/** Optional data to compute with instead of the shipped rules and schedules. */
export interface HolidayData {
  readonly rules?: readonly HolidayRule[];
  readonly schedules?: readonly YearSchedule[];
}

function isWeekend(epochDay: number): boolean {
  return isoWeekday(epochDay) >= 6;
}

function ruleAppliesIn(rule: HolidayRule, year: number): boolean {
  return (rule.validFrom === undefined || year >= rule.validFrom) && (rule.validTo === undefined || year <= rule.validTo);
}

const AUTO_ADJACENT_AFTER: Readonly<Record<number, boolean>> = { 1: true, 2: false, 3: false, 4: true, 5: false, 6: false, 7: true };

function ruleAnchor(rule: HolidayRule, year: number): number {
  if (rule.kind === 'solar') {
    const day = epochDayFromSolar(year, rule.month, rule.day);
    if (solarFromEpochDay(day).m !== rule.month) {
      throw new CalendarRangeError('INVALID_INPUT', `Holiday rule ${rule.id}: no ${rule.day}/${rule.month} in ${year}`);
    }
    return day;
  }
  const day = lunarToEpochDay(rule.day, rule.month, year, false);
  if (day === null) {
    throw new CalendarRangeError('INVALID_INPUT', `Holiday rule ${rule.id}: no lunar ${rule.day}/${rule.month} in ${year}`);
  }
  return day;
}

interface RuleOccurrence {
  readonly rule: HolidayRule;
  readonly days: ReadonlyArray<{ readonly day: number; readonly adjacent: boolean }>;
}

function ruleOccurrence(rule: HolidayRule, year: number): RuleOccurrence {
  if (!Number.isInteger(rule.length) || rule.length < 1) {
    throw new CalendarRangeError('INVALID_INPUT', `Holiday rule ${rule.id}: length must be a positive integer`);
  }
  const anchor = ruleAnchor(rule, year);
  const first = anchor + (rule.startOffset ?? 0);
  const days: Array<{ day: number; adjacent: boolean }> = [];
  for (let i = 0; i < rule.length; i++) days.push({ day: first + i, adjacent: false });
  if (rule.adjacentDay) {
    const after = rule.adjacentDay === 'auto' ? AUTO_ADJACENT_AFTER[isoWeekday(anchor)] : rule.adjacentDay === 'after';
    const day = after ? first + rule.length : first - 1;
    days.push({ day, adjacent: true });
  }
  days.sort((a, b) => a.day - b.day);
  return { rule, days };
}

function validateBlock(block: ScheduleBlock, year: number): void {
  const where = `Schedule ${year} (${block.source})`;
  for (const day of block.days) epochDayFromIso(day.date);
  for (const sat of block.workingSaturdays ?? []) {
    if (!isWeekend(epochDayFromIso(sat))) {
      throw new CalendarRangeError('INVALID_INPUT', `${where}: working day ${sat} is not a Saturday or Sunday`);
    }
  }
  if (!block.source.trim()) throw new CalendarRangeError('INVALID_INPUT', `Schedule ${year}: a block without a source`);
}

interface YearComputation {
  readonly days: Map<number, HolidayDay>;
  readonly working: Set<number>;
  readonly basis: HolidayBasis[];
}

function computeHolidayYear(
  year: number, overrides: readonly YearSchedule[], rules: readonly HolidayRule[], schedules: readonly YearSchedule[],
): YearComputation {
  const overrideBlocks = overrides.filter((s) => s.year === year).flatMap((s) => s.blocks);
  const shippedBlocks = schedules.filter((s) => s.year === year).flatMap((s) => s.blocks);
  overrideBlocks.forEach((b) => validateBlock(b, year));
  shippedBlocks.forEach((b) => validateBlock(b, year));

  const wholeYearOverride = overrideBlocks.some((b) => b.replaces === 'all');
  const overridden = new Set(overrideBlocks.flatMap((b) => (b.replaces === 'all' ? [] : b.replaces)));
  const blocks: Array<{ block: ScheduleBlock; origin: 'override' | 'official' }> = overrideBlocks.map((block) => ({
    block, origin: 'override' as const,
  }));
  if (!wholeYearOverride) {
    for (const block of shippedBlocks) {
      const ids = block.replaces === 'all' ? null : block.replaces;
      if (ids === null || !ids.some((id) => overridden.has(id))) blocks.push({ block, origin: 'official' });
    }
  }
  const shippedWholeYear = blocks.some(({ block }) => block.replaces === 'all');
  const replaced = new Set(blocks.flatMap(({ block }) => (block.replaces === 'all' ? [] : block.replaces)));

  const days = new Map<number, HolidayDay>();
  const working = new Set<number>();
  const basis: HolidayBasis[] = [];

  for (const { block, origin } of blocks) {
    basis.push({ year, ruleIds: block.replaces, origin, source: block.source, verified: block.verified });
    for (const day of block.days) {
      const n = epochDayFromIso(day.date);
      if (!days.has(n)) days.set(n, { ...day, origin, source: block.source });
    }
    for (const sat of block.workingSaturdays ?? []) working.add(epochDayFromIso(sat));
  }
  if (wholeYearOverride || shippedWholeYear) return { days, working, basis };

  // Rule-computed holidays, then their compensatory days.
  const needCompensation: Array<{ day: number; name: string; ruleId: string }> = [];
  for (const rule of rules) {
    if (!ruleAppliesIn(rule, year) || replaced.has(rule.id)) continue;
    const occurrence = ruleOccurrence(rule, year);
    basis.push({ year, ruleIds: [rule.id], origin: 'rule', source: rule.legalBasis, verified: false });
    for (const { day: n, adjacent } of occurrence.days) {
      const kind = rule.dayKind ?? 'holiday';
      const name = adjacent ? `${rule.name} – ngày liền kề` : rule.name;
      if (days.has(n) || working.has(n)) {
        // Two holidays on one date (or a holiday on a day an official block already fixed):
        // the entitlement moves to the next working day like a weekend holiday.
        needCompensation.push({ day: n, name, ruleId: rule.id });
        continue;
      }
      days.set(n, { date: isoFromEpochDay(n), name, kind, origin: 'rule', ruleId: rule.id, source: rule.legalBasis });
      if (isWeekend(n)) needCompensation.push({ day: n, name, ruleId: rule.id });
    }
  }
  needCompensation.sort((a, b) => a.day - b.day);
  for (const item of needCompensation) {
    let n = item.day + 1;
    while (isWeekend(n) || days.has(n)) n++;
    days.set(n, {
      date: isoFromEpochDay(n), name: `Nghỉ bù ${item.name}`, kind: 'compensatory', origin: 'rule', ruleId: item.ruleId,
      source: COMPENSATORY_BASIS,
    });
  }
  return { days, working, basis };
}

function assertHolidayYear(year: number): void {
  if (!Number.isInteger(year) || year < HOLIDAY_MIN_YEAR || year > HOLIDAY_MAX_YEAR) {
    throw new CalendarRangeError('OUT_OF_RANGE', `Holidays are modelled for ${HOLIDAY_MIN_YEAR}–${HOLIDAY_MAX_YEAR}, not ${year}`);
  }
}

/**
 * Days off and working Saturdays of solar year `year` for public servants.
 *
 * Precedence per holiday: an override block naming the holiday (or 'all') >
 * the shipped official schedule (schedules.ts) > the rule. Overrides replace
 * whole shipped blocks: a shipped block that shares a holiday with an
 * override block is dropped, and its other holidays fall back to the rules
 * unless the override covers them too. Days of a neighbouring year's schedule
 * that fall in `year` (e.g. 31/12 given off for the next Tết Dương lịch) are
 * included.
 */
export function holidaysForYear(year: number, overrides: readonly YearSchedule[] = [], data: HolidayData = {}): HolidayYear {
  assertHolidayYear(year);
  const rules = data.rules ?? HOLIDAY_RULES;
  const schedules = data.schedules ?? OFFICIAL_SCHEDULES;
  const first = epochDayFromSolar(year, 1, 1);
  const last = epochDayFromSolar(year, 12, 31);
  const days = new Map<number, HolidayDay>();
  const working = new Set<number>();
  const basis: HolidayBasis[] = [];
  for (const y of [year, year - 1, year + 1]) {
    if (y < HOLIDAY_MIN_YEAR || y > HOLIDAY_MAX_YEAR) continue;
    const computed = computeHolidayYear(y, overrides, rules, schedules);
    let contributes = y === year;
    for (const [n, day] of computed.days) {
      if (n < first || n > last || days.has(n)) continue;
      days.set(n, day);
      contributes = true;
    }
    for (const n of computed.working) {
      if (n < first || n > last) continue;
      working.add(n);
      contributes = true;
    }
    if (contributes) basis.push(...computed.basis);
  }
  for (const n of working) {
    if (days.has(n)) {
      throw new CalendarRangeError('INVALID_INPUT', `${isoFromEpochDay(n)} is both a day off and a working Saturday`);
    }
  }
  return {
    year,
    days: [...days.entries()].sort((a, b) => a[0] - b[0]).map(([, day]) => day),
    workingSaturdays: [...working].sort((a, b) => a - b).map(isoFromEpochDay),
    basis,
  };
}
