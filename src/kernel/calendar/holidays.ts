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
 * Years supported: 1900 to 2199 (the range of the lunar conversion). The
 * rules follow the law in force on each holiday's date, from Thông tư
 * 71-TTg-4A (1951) through Nghị định 028-TTg (1959), Nghị định 13-CP (1977),
 * the Labour Code 1994 (as amended in 2007), 2012 and 2019; before 1951 no
 * text could be checked, so the 1951 rules are applied and marked
 * `verified: false` (see docs/calendar.md §2.1). The weekly rest day of
 * public servants is Sunday until 01/10/1999 and Saturday + Sunday from
 * 02/10/1999 (Quyết định 188/1999/QĐ-TTg); compensatory days exist from
 * 1995 (Labour Code 1994, Article 73).
 */

import {
  epochDayFromIso, epochDayFromSolar, isoFromEpochDay, isoWeekday, solarFromEpochDay,
} from './civil.ts';
import { CalendarRangeError } from './errors.ts';
import { lunarToEpochDay } from './lunar.ts';
import { OFFICIAL_SCHEDULES } from './schedules.ts';

export const HOLIDAY_MIN_YEAR = 1900;
export const HOLIDAY_MAX_YEAR = 2199;

/**
 * First day of the five-day week of public servants (Saturday and Sunday off):
 * Quyết định 188/1999/QĐ-TTg ngày 17/9/1999, applied from 02/10/1999. Before
 * it, public servants worked Monday–Saturday and rested on Sunday.
 */
export const FIVE_DAY_WEEK_FROM = '1999-10-02';

/**
 * First day a holiday falling on the weekly rest day gives a compensatory day
 * (Labour Code 1994, Article 73, in force from 01/01/1995). Nghị định 028-TTg
 * (1959) and Nghị định 13-CP (1977) said expressly: no compensatory day.
 */
export const COMPENSATION_FROM = '1995-01-01';

const FIVE_DAY_WEEK_FROM_DAY = epochDayFromIso(FIVE_DAY_WEEK_FROM);
const COMPENSATION_FROM_DAY = epochDayFromIso(COMPENSATION_FROM);

/** True when the civil day (epoch day) is a weekly rest day of public servants, by the rules of its time. */
export function isPublicServantRestDay(epochDay: number): boolean {
  const wd = isoWeekday(epochDay);
  return wd === 7 || (wd === 6 && epochDay >= FIVE_DAY_WEEK_FROM_DAY);
}

/**
 * Kind of a day off:
 * - holiday: a statutory holiday on its own date (ngày lễ);
 * - tet: one of the five Tết Nguyên đán days;
 * - compensatory: nghỉ bù for a holiday that fell on a weekly rest day;
 * - swap: a working day given off in exchange for a Saturday worked (hoán đổi ngày làm việc).
 */
export type HolidayDayKind = 'holiday' | 'tet' | 'compensatory' | 'swap';

/**
 * Part of a day that is off: 'afternoon' (buổi chiều, from 12:00) for the half
 * days of the older rules (the afternoon of the last day of the lunar year in
 * 1959–1976, the afternoon of 30/4 in 1977–1994). Absent: the whole day.
 */
export type DayPart = 'afternoon';

/** One day off in a schedule or override. `date` is 'YYYY-MM-DD'. */
export interface ScheduledDay {
  readonly date: string;
  readonly name: string;
  readonly kind: HolidayDayKind;
  /** Only part of the day is off; absent = the whole day. */
  readonly part?: DayPart;
}

/** One day off in the result of holidaysForYear. */
export interface HolidayDay extends ScheduledDay {
  /** Where the day comes from: an override, an official schedule, or a rule. */
  readonly origin: 'override' | 'official' | 'rule';
  /** Rule id behind the day, when there is one. */
  readonly ruleId?: string;
  /** Legal basis or official document. */
  readonly source: string;
  /** The holiday year whose schedule or rules gave this day, when it is not the year asked for (e.g. 31/12 for the next Tết Dương lịch). */
  readonly holidayYear?: number;
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
  /** Only the afternoon of each day is off (older rules); absent = whole days. */
  readonly part?: DayPart;
  /** First and last year (inclusive) the row applies to. */
  readonly validFrom?: number;
  readonly validTo?: number;
  /**
   * First and last civil day ('YYYY-MM-DD', inclusive) of the law behind the
   * row, compared with the holiday's own date (Tết: mùng 1): the Labour Code
   * 2012 took effect on 01/05/2013, so Tết 2013 still had four days.
   */
  readonly effectiveFrom?: string;
  readonly effectiveTo?: string;
  readonly legalBasis: string;
  /** False when the row could not be checked against the text of the law (default true). */
  readonly verified?: boolean;
  /** Why a row is unverified, or an interpretation it makes. */
  readonly note?: string;
}

// Legal texts behind the rules (docs/calendar.md §2.1 lists where each was read).
const TT_1951 = 'Thông tư 71-TTg-4A ngày 17/02/1951 của Thủ tướng Chính phủ quy định những ngày nghỉ lễ';
const ND_1959 = 'Nghị định 028-TTg ngày 28/01/1959 (hiệu lực 12/02/1959) quy định những ngày lễ được nghỉ có lương, Điều 2';
const ND_1977 = 'Nghị định 13-CP ngày 22/01/1977 của Hội đồng Chính phủ sửa đổi những ngày lễ được nghỉ có lương, Điều 1';
const BLLD_1994 = 'Bộ luật Lao động 1994 (hiệu lực 01/01/1995), Điều 73';
const BEFORE_1951_NOTE =
  'Chưa đối chiếu được văn bản áp dụng trước ngày 17/02/1951 (Sắc lệnh 22/SL ngày 18/02/1946 có bảng ngày lễ nhưng chưa đọc được số ngày nghỉ; ' +
  'trước năm 1945 không có quy định của Nhà nước Việt Nam hiện nay): áp dụng quy tắc gần nhất đã xác minh, Thông tư 71-TTg-4A ngày 17/02/1951.';

const LUNAR_UTC8_NOTE =
  'Ngày âm lịch được tính theo giờ UTC+7; trước năm 1968 miền Bắc dùng lịch tính theo UTC+8 nên có năm lệch một ngày (ví dụ Tết Ất Tỵ: 02/02/1965 theo lịch khi đó, 01/02/1965 theo UTC+7).';

/** The 1951 set, applied as is before 17/02/1951 (unverified) and from it (verified). */
function rules1951(from: string | undefined, to: string, verified: boolean): HolidayRule[] {
  const base = verified ? TT_1951 : `${TT_1951} (áp dụng cho thời gian trước đó, chưa xác minh)`;
  const note = verified ? undefined : BEFORE_1951_NOTE;
  const era = { ...(from ? { effectiveFrom: from } : {}), effectiveTo: to, verified, ...(note ? { note } : {}) };
  return [
    { id: 'tet-duong-lich', name: 'Tết Dương lịch', kind: 'solar', month: 1, day: 1, length: 1, legalBasis: base, ...era },
    {
      id: 'tet-nguyen-dan', name: 'Tết Nguyên đán', kind: 'lunar', month: 1, day: 1, startOffset: -1, length: 2, dayKind: 'tet',
      legalBasis: base, ...era, verified: false,
      note: `${note ?? 'Thông tư cho nghỉ mùng 1 Tết và "một ngày trước hay sau"; motcua tính ngày cuối năm cũ (29 hoặc 30 tháng Chạp).'} ${LUNAR_UTC8_NOTE}`,
    },
    { id: 'quoc-te-lao-dong', name: 'Ngày Quốc tế Lao động (1/5)', kind: 'solar', month: 5, day: 1, length: 1, legalBasis: base, ...era },
    { id: 'quoc-khanh', name: 'Quốc khánh (2/9)', kind: 'solar', month: 9, day: 2, length: 1, legalBasis: base, ...era },
    // After the fixed-date holidays: in 1952 and 1963 Phật đản fell on 1/5 (no compensatory day before 1995).
    {
      id: 'phat-dan', name: 'Lễ Phật đản (8/4 âm lịch)', kind: 'lunar', month: 4, day: 8, length: 1, legalBasis: base, ...era,
      note: note ? `${note} ${LUNAR_UTC8_NOTE}` : LUNAR_UTC8_NOTE,
    },
    { id: 'giang-sinh', name: 'Lễ Thiên chúa giáng sinh (25/12)', kind: 'solar', month: 12, day: 25, length: 1, legalBasis: base, ...era },
  ];
}

/**
 * The statutory holidays for public servants, each row valid over the dates
 * of the law behind it. Data, not code: add a row for a new holiday.
 */
export const HOLIDAY_RULES: readonly HolidayRule[] = [
  // Before 17/02/1951: not verified; the 1951 set applied (see BEFORE_1951_NOTE).
  ...rules1951(undefined, '1951-02-16', false),
  // 17/02/1951 – 11/02/1959: Thông tư 71-TTg-4A.
  ...rules1951('1951-02-17', '1959-02-11', true),

  // 12/02/1959 – 21/01/1977: Nghị định 028-TTg. Tết: half of the last day of the year, mùng 1 and mùng 2.
  { id: 'tet-duong-lich', name: 'Tết Dương lịch', kind: 'solar', month: 1, day: 1, length: 1, legalBasis: ND_1959, effectiveFrom: '1959-02-12', effectiveTo: '1977-01-21' },
  {
    id: 'tet-nguyen-dan', name: 'Tết Nguyên đán (chiều cuối năm)', kind: 'lunar', month: 1, day: 1, startOffset: -1, length: 1, dayKind: 'tet',
    part: 'afternoon', legalBasis: ND_1959, effectiveFrom: '1959-02-12', effectiveTo: '1977-01-21', verified: false,
    note: `Nghị định cho nghỉ "nửa ngày cuối năm" mà không nói buổi nào; motcua tính buổi chiều. ${LUNAR_UTC8_NOTE}`,
  },
  {
    id: 'tet-nguyen-dan', name: 'Tết Nguyên đán', kind: 'lunar', month: 1, day: 1, length: 2, dayKind: 'tet',
    legalBasis: ND_1959, effectiveFrom: '1959-02-12', effectiveTo: '1977-01-21', note: LUNAR_UTC8_NOTE,
  },
  { id: 'quoc-te-lao-dong', name: 'Ngày Quốc tế Lao động (1/5)', kind: 'solar', month: 5, day: 1, length: 1, legalBasis: ND_1959, effectiveFrom: '1959-02-12', effectiveTo: '1977-01-21' },
  { id: 'quoc-khanh', name: 'Quốc khánh (2/9)', kind: 'solar', month: 9, day: 2, length: 1, legalBasis: ND_1959, effectiveFrom: '1959-02-12', effectiveTo: '1977-01-21' },
  {
    id: 'phat-dan', name: 'Lễ Phật đản (8/4 âm lịch)', kind: 'lunar', month: 4, day: 8, length: 1, legalBasis: ND_1959,
    effectiveFrom: '1959-02-12', effectiveTo: '1977-01-21', note: LUNAR_UTC8_NOTE,
  },
  { id: 'giang-sinh', name: 'Lễ Thiên chúa giáng sinh (25/12)', kind: 'solar', month: 12, day: 25, length: 1, legalBasis: ND_1959, effectiveFrom: '1959-02-12', effectiveTo: '1977-01-21' },

  // 22/01/1977 – 31/12/1994: Nghị định 13-CP (taken as in force from its signature; the text gives no date).
  { id: 'tet-duong-lich', name: 'Tết Dương lịch', kind: 'solar', month: 1, day: 1, length: 1, legalBasis: ND_1977, effectiveFrom: '1977-01-22', effectiveTo: '1994-12-31' },
  {
    id: 'tet-nguyen-dan', name: 'Tết Nguyên đán', kind: 'lunar', month: 1, day: 1, startOffset: -1, length: 3, dayKind: 'tet',
    legalBasis: ND_1977, effectiveFrom: '1977-01-22', effectiveTo: '1994-12-31',
  },
  {
    id: 'quoc-te-lao-dong', name: 'Ngày Quốc tế Lao động (chiều 30/4)', kind: 'solar', month: 4, day: 30, length: 1, part: 'afternoon',
    legalBasis: ND_1977, effectiveFrom: '1977-01-22', effectiveTo: '1994-12-31',
  },
  { id: 'quoc-te-lao-dong', name: 'Ngày Quốc tế Lao động (1/5)', kind: 'solar', month: 5, day: 1, length: 1, legalBasis: ND_1977, effectiveFrom: '1977-01-22', effectiveTo: '1994-12-31' },
  { id: 'quoc-khanh', name: 'Quốc khánh (2/9 và 3/9)', kind: 'solar', month: 9, day: 2, length: 2, legalBasis: ND_1977, effectiveFrom: '1977-01-22', effectiveTo: '1994-12-31' },

  // 01/01/1995 – 30/04/2013: Labour Code 1994, Article 73 (Giỗ Tổ Hùng Vương added in April 2007).
  { id: 'tet-duong-lich', name: 'Tết Dương lịch', kind: 'solar', month: 1, day: 1, length: 1, legalBasis: BLLD_1994, effectiveFrom: '1995-01-01', effectiveTo: '2013-04-30' },
  {
    id: 'tet-nguyen-dan', name: 'Tết Nguyên đán', kind: 'lunar', month: 1, day: 1, startOffset: -1, length: 4, dayKind: 'tet',
    legalBasis: `${BLLD_1994} (một ngày cuối năm và ba ngày đầu năm âm lịch)`, effectiveFrom: '1995-01-01', effectiveTo: '2013-04-30',
  },
  { id: 'chien-thang', name: 'Ngày Chiến thắng (30/4)', kind: 'solar', month: 4, day: 30, length: 1, legalBasis: BLLD_1994, effectiveFrom: '1995-01-01', effectiveTo: '2013-04-30' },
  { id: 'quoc-te-lao-dong', name: 'Ngày Quốc tế Lao động (1/5)', kind: 'solar', month: 5, day: 1, length: 1, legalBasis: BLLD_1994, effectiveFrom: '1995-01-01', effectiveTo: '2013-04-30' },
  { id: 'quoc-khanh', name: 'Quốc khánh (2/9)', kind: 'solar', month: 9, day: 2, length: 1, legalBasis: BLLD_1994, effectiveFrom: '1995-01-01', effectiveTo: '2013-04-30' },

  // From 01/05/2013: Labour Code 2012, Article 115; from 01/01/2021: Labour Code 2019, Article 112.
  {
    id: 'tet-duong-lich', name: 'Tết Dương lịch', kind: 'solar', month: 1, day: 1, length: 1, effectiveFrom: '2013-05-01',
    legalBasis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm a (trước 2021: Bộ luật Lao động 2012, Điều 115)',
  },
  {
    // No official schedule: the last day of the old lunar year (29 or 30 tháng Chạp)
    // and mùng 1–4 tháng Giêng. Official schedules 2019, 2022 and 2026 were exactly this;
    // 2020, 2021, 2023, 2024 and 2025 took two days before Tết and three after.
    id: 'tet-nguyen-dan', name: 'Tết Nguyên đán', kind: 'lunar', month: 1, day: 1, startOffset: -1, length: 5,
    dayKind: 'tet', effectiveFrom: '2013-05-01',
    legalBasis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm b (trước 2021: Bộ luật Lao động 2012, Điều 115)',
  },
  {
    id: 'gio-to-hung-vuong', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', kind: 'lunar', month: 3, day: 10, length: 1, effectiveFrom: '2007-04-02',
    legalBasis:
      'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm đ (2013–2020: Bộ luật Lao động 2012, Điều 115; từ tháng 4/2007: ' +
      'Bộ luật Lao động 1994, Điều 73 sửa đổi bởi Luật 84/2007/QH11)',
  },
  {
    id: 'chien-thang', name: 'Ngày Chiến thắng (30/4)', kind: 'solar', month: 4, day: 30, length: 1, effectiveFrom: '2013-05-01',
    legalBasis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm c (trước 2021: Bộ luật Lao động 2012, Điều 115)',
  },
  {
    id: 'quoc-te-lao-dong', name: 'Ngày Quốc tế Lao động (1/5)', kind: 'solar', month: 5, day: 1, length: 1, effectiveFrom: '2013-05-01',
    legalBasis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm d (trước 2021: Bộ luật Lao động 2012, Điều 115)',
  },
  {
    id: 'quoc-khanh', name: 'Quốc khánh (2/9)', kind: 'solar', month: 9, day: 2, length: 1, effectiveFrom: '2013-05-01', validTo: 2020,
    legalBasis: 'Bộ luật Lao động 2012, Điều 115 khoản 1 điểm đ (một ngày)',
  },
  {
    id: 'quoc-khanh', name: 'Quốc khánh (2/9)', kind: 'solar', month: 9, day: 2, length: 1, adjacentDay: 'auto',
    validFrom: 2021,
    legalBasis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm e (ngày 02/9 và một ngày liền kề trước hoặc sau)',
  },
];

/** Legal basis of compensatory days off. */
export const COMPENSATORY_BASIS =
  'Bộ luật Lao động 2019, Điều 111 khoản 3 (nghỉ bù vào ngày làm việc kế tiếp; từ 1995: Bộ luật Lao động 1994, Điều 73)';

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
  /** Why it is unverified, or an interpretation made. */
  readonly note?: string;
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
  if (rule.validFrom !== undefined && year < rule.validFrom) return false;
  if (rule.validTo !== undefined && year > rule.validTo) return false;
  if (rule.effectiveFrom !== undefined && year < Number(rule.effectiveFrom.slice(0, 4))) return false;
  if (rule.effectiveTo !== undefined && year > Number(rule.effectiveTo.slice(0, 4))) return false;
  return true;
}

/** Whether the law behind the rule was in force on the holiday's own date (its anchor). */
function ruleInForceOn(rule: HolidayRule, anchor: number): boolean {
  if (rule.effectiveFrom !== undefined && anchor < epochDayFromIso(rule.effectiveFrom)) return false;
  if (rule.effectiveTo !== undefined && anchor > epochDayFromIso(rule.effectiveTo)) return false;
  return true;
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

/** The days of a rule in a year, or null when the law behind the row was not in force on the holiday's date. */
function ruleOccurrence(rule: HolidayRule, year: number): RuleOccurrence | null {
  if (!Number.isInteger(rule.length) || rule.length < 1) {
    throw new CalendarRangeError('INVALID_INPUT', `Holiday rule ${rule.id}: length must be a positive integer`);
  }
  const anchor = ruleAnchor(rule, year);
  if (!ruleInForceOn(rule, anchor)) return null;
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
  for (const day of block.days) {
    epochDayFromIso(day.date);
    if (day.part !== undefined && day.part !== 'afternoon') {
      throw new CalendarRangeError('INVALID_INPUT', `${where}: unknown part of day ${String(day.part)}`);
    }
  }
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
  const ruleBasis = new Set<string>();
  for (const rule of rules) {
    if (!ruleAppliesIn(rule, year) || replaced.has(rule.id)) continue;
    const occurrence = ruleOccurrence(rule, year);
    if (!occurrence) continue;
    const basisKey = `${rule.id}|${rule.legalBasis}`;
    if (!ruleBasis.has(basisKey)) {
      ruleBasis.add(basisKey);
      basis.push({
        year, ruleIds: [rule.id], origin: 'rule', source: rule.legalBasis, verified: rule.verified !== false,
        ...(rule.note ? { note: rule.note } : {}),
      });
    }
    for (const { day: n, adjacent } of occurrence.days) {
      const kind = rule.dayKind ?? 'holiday';
      const name = adjacent ? `${rule.name} – ngày liền kề` : rule.name;
      const compensated = rule.part === undefined && n >= COMPENSATION_FROM_DAY;
      if (days.has(n) || working.has(n)) {
        // Two holidays on one date (or a holiday on a day an official block already fixed):
        // the entitlement moves to the next working day like a weekend holiday (from 1995).
        if (compensated) needCompensation.push({ day: n, name, ruleId: rule.id });
        continue;
      }
      days.set(n, {
        date: isoFromEpochDay(n), name, kind, origin: 'rule', ruleId: rule.id, source: rule.legalBasis,
        ...(rule.part ? { part: rule.part } : {}),
      });
      if (compensated && isPublicServantRestDay(n)) needCompensation.push({ day: n, name, ruleId: rule.id });
    }
  }
  needCompensation.sort((a, b) => a.day - b.day);
  for (const item of needCompensation) {
    let n = item.day + 1;
    while (isPublicServantRestDay(n) || days.has(n)) n++;
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
      days.set(n, y === year ? day : { ...day, holidayYear: y });
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
