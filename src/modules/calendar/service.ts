/**
 * The working-day calendar as a module (lịch làm việc): lunar dates, the
 * holidays of any year 1900–2199 with the administrators' overrides applied,
 * office hours per agency, due dates, and the admin use cases that change them.
 *
 * Everything time-related is computed by the pure kernel (src/kernel/calendar);
 * this module supplies its data: the overrides stored in `holiday_schedules`
 * and the office hours in `agencies.settings.officeHours`, inherited from the
 * nearest ancestor that sets them.
 *
 * In-memory snapshot. The overrides and the agencies' office hours are held in
 * memory per AppContext and the WorkCalendars built from them are cached per
 * (overrides version, office hours). `getWorkCalendar` therefore does not touch
 * the database on PGlite (one process owns the data folder and every change
 * goes through it: the writes below and the agency routes refresh the
 * snapshot after they commit), so it is safe to call inside another
 * module's transaction. With PostgreSQL several processes may write, so the
 * snapshot is compared with a cheap stamp of the two tables and reloaded when
 * it moved: at most once a second (STAMP_INTERVAL_MS), so a change made by
 * another process is seen within a second; a change made through this
 * process is seen at once.
 */
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { AppError, errors, type ErrorDetail } from '../../http/errors.ts';
import {
  CalendarRangeError, DEFAULT_OFFICE_PERIODS, HOLIDAY_MAX_YEAR, HOLIDAY_MIN_YEAR, HOLIDAY_RULES, OFFICIAL_SCHEDULES,
  type DurationUnit, type HolidayBasis, type HolidayDay, type HolidayRule, type HolidayYear, type OfficePeriod, type ScheduleBlock,
  type ScheduledDay, type WorkCalendar, type YearSchedule, clockStart, createWorkCalendar, describeDay, dueDateMs,
  epochDayFromIso, epochDayFromSolar, formatVn, holidaysForYear, isValidSolarDate, isoFromEpochDay, isoWeekday,
  lunarDayLabel, lunarFromEpochDay, lunarYearName, parseTimeOfDay, vnEpochDay,
} from '../../kernel/calendar/index.ts';
import { recordAudit } from '../audit/repo.ts';
import { hasSystemRole, mayActAt, type Principal } from '../auth/access.ts';
import * as repo from './repo.ts';

export const CALENDAR_MIN_YEAR = HOLIDAY_MIN_YEAR;
export const CALENDAR_MAX_YEAR = HOLIDAY_MAX_YEAR;
export const DURATION_UNITS = ['working_days', 'working_hours', 'calendar_days'] as const;
export const DAY_KINDS = ['holiday', 'tet', 'compensatory', 'swap'] as const;

/** Giờ làm việc of an agency: office periods of a working day and an optional same-day cut-off (giờ chốt). */
export interface OfficeHours {
  periods: OfficePeriod[];
  cutoff: string | null;
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = { periods: DEFAULT_OFFICE_PERIODS.map((p) => ({ ...p })), cutoff: null };

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const fmtDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const RANGE_TEXT = `${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR}`;

function invalid(path: string, message: string): AppError {
  return errors.validation([{ path, message }], message);
}

// ——— the snapshot ———

/** An agency as the snapshot holds it. */
export interface AgencyBrief {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  kind: string;
  validTo: string | null;
  /** The agency's own settings (address, phone, office hours…). */
  settings: Record<string, unknown>;
}

interface AgencyNode extends AgencyBrief {
  officeHours: OfficeHours | null;
  version: number;
}

interface State {
  loaded: boolean;
  stamp: string | null;
  /** When the stamp was last compared (Date.now()). */
  checkedAt: number;
  rows: Map<number, repo.HolidayScheduleRow>;
  overrides: YearSchedule[];
  overridesVersion: number;
  agencies: Map<string, AgencyNode>;
  byCode: Map<string, AgencyNode>;
  /** Holiday data per year for the current overrides, filled lazily. */
  holidayYears: Map<number, HolidayYear>;
  /** WorkCalendars over 1900–2199 for the current overrides, by office hours. */
  calendars: Map<string, WorkCalendar>;
  loading: Promise<void> | null;
}

const states = new WeakMap<AppContext, State>();

function stateOf(ctx: AppContext): State {
  let st = states.get(ctx);
  if (!st) {
    st = {
      loaded: false, stamp: null, checkedAt: 0, rows: new Map(), overrides: [], overridesVersion: -1, agencies: new Map(), byCode: new Map(),
      holidayYears: new Map(), calendars: new Map(), loading: null,
    };
    states.set(ctx, st);
  }
  return st;
}

/** Reads stored office hours leniently: anything malformed counts as "not set". */
function parseStoredOfficeHours(value: unknown): OfficeHours | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as { periods?: unknown; cutoff?: unknown };
  if (!Array.isArray(v.periods)) return null;
  const hours = {
    periods: v.periods.map((p) => ({ start: String((p as OfficePeriod)?.start ?? ''), end: String((p as OfficePeriod)?.end ?? '') })),
    cutoff: typeof v.cutoff === 'string' && v.cutoff ? v.cutoff : null,
  };
  return officeHoursProblems(hours, '').length ? null : hours;
}

async function load(ctx: AppContext, db: Tx): Promise<void> {
  const st = stateOf(ctx);
  const stamp = await repo.calendarStamp(db);
  const [scheduleRows, agencyRows] = await Promise.all([repo.listSchedules(db), repo.listAgencyHours(db)]);
  const rowsByYear = new Map(scheduleRows.map((r) => [r.year, r]));
  const overridesVersion = scheduleRows.reduce((sum, r) => sum + r.version, 0);
  const agencies = new Map<string, AgencyNode>();
  const byCode = new Map<string, AgencyNode>();
  for (const a of agencyRows) {
    const node: AgencyNode = {
      id: a.id, parentId: a.parentId, code: a.code, name: a.name, kind: a.kind, validTo: a.validTo ?? null,
      settings: (typeof a.settings === 'string' ? JSON.parse(a.settings) : (a.settings ?? {})) as Record<string, unknown>,
      officeHours: parseStoredOfficeHours(a.officeHours), version: Number(a.version),
    };
    agencies.set(a.id, node);
    byCode.set(a.code, node);
  }
  if (overridesVersion !== st.overridesVersion) {
    st.holidayYears = new Map();
    st.calendars = new Map();
  }
  st.rows = rowsByYear;
  st.overrides = scheduleRows.filter((r) => r.blocks !== null).map((r) => ({ year: r.year, blocks: r.blocks ?? [] }));
  st.overridesVersion = overridesVersion;
  st.agencies = agencies;
  st.byCode = byCode;
  st.stamp = stamp;
  st.checkedAt = Date.now();
  st.loaded = true;
}

/**
 * Reloads the snapshot from the database. Call it after a change has
 * committed, outside any transaction (the agency routes and the writes of
 * this module do).
 */
export async function refreshCalendarData(ctx: AppContext, db: Tx = ctx.db): Promise<void> {
  const st = stateOf(ctx);
  const run = load(ctx, db);
  st.loading = run;
  try {
    await run;
  } finally {
    if (st.loading === run) st.loading = null;
  }
}

/** How often the snapshot is compared with the database's stamp on PostgreSQL. */
const STAMP_INTERVAL_MS = 1000;

async function ensureFresh(ctx: AppContext, db: Tx): Promise<State> {
  const st = stateOf(ctx);
  if (st.loading) await st.loading.catch(() => {});
  if (!st.loaded) {
    await refreshCalendarData(ctx, db);
  } else if (ctx.database.kind === 'postgres' && Date.now() - st.checkedAt >= STAMP_INTERVAL_MS) {
    // Other processes may have written: compare the stamp.
    st.checkedAt = Date.now();
    if ((await repo.calendarStamp(db)) !== st.stamp) await refreshCalendarData(ctx, db);
  }
  return st;
}

function holidayYearOf(st: State, year: number): HolidayYear {
  let h = st.holidayYears.get(year);
  if (!h) {
    h = holidaysForYear(year, st.overrides);
    st.holidayYears.set(year, h);
  }
  return h;
}

function hoursKey(h: OfficeHours): string {
  return `${h.periods.map((p) => `${p.start}-${p.end}`).join(',')}|${h.cutoff ?? ''}`;
}

/** '07:00–11:30, 13:30–17:00; giờ chốt 15:00' */
export function describeOfficeHours(h: OfficeHours): string {
  return `${h.periods.map((p) => `${p.start}–${p.end}`).join(', ')}${h.cutoff ? `; giờ chốt ${h.cutoff}` : ''}`;
}

const MAX_CACHED_CALENDARS = 16;

function calendarFor(st: State, hours: OfficeHours): WorkCalendar {
  const key = hoursKey(hours);
  let cal = st.calendars.get(key);
  if (cal) {
    // Most recently used last.
    st.calendars.delete(key);
    st.calendars.set(key, cal);
    return cal;
  }
  const holidays: HolidayYear[] = [];
  for (let y = CALENDAR_MIN_YEAR; y <= CALENDAR_MAX_YEAR; y++) holidays.push(holidayYearOf(st, y));
  cal = createWorkCalendar({
    fromYear: CALENDAR_MIN_YEAR, toYear: CALENDAR_MAX_YEAR, periods: hours.periods, holidays,
    ...(hours.cutoff ? { cutoff: hours.cutoff } : {}),
  });
  st.calendars.set(key, cal);
  while (st.calendars.size > MAX_CACHED_CALENDARS) st.calendars.delete(st.calendars.keys().next().value as string);
  return cal;
}

function findNode(st: State, idOrCode: string): AgencyNode | null {
  return st.agencies.get(idOrCode) ?? st.byCode.get(idOrCode) ?? null;
}

async function nodeOf(ctx: AppContext, st: State, idOrCode: string, db: Tx): Promise<AgencyNode | null> {
  let node = findNode(st, idOrCode);
  if (!node) {
    // An agency created after the snapshot (not through the agency routes): reload once.
    await refreshCalendarData(ctx, db);
    node = findNode(st, idOrCode);
  }
  return node;
}

interface EffectiveHours {
  hours: OfficeHours;
  /** The agency whose settings gave the hours; null for the default. */
  from: AgencyNode | null;
}

function effectiveHours(st: State, node: AgencyNode): EffectiveHours {
  let cur: AgencyNode | undefined = node;
  const seen = new Set<string>();
  while (cur && !seen.has(cur.id) && seen.size < 64) {
    if (cur.officeHours) return { hours: cur.officeHours, from: cur };
    seen.add(cur.id);
    cur = cur.parentId ? st.agencies.get(cur.parentId) : undefined;
  }
  return { hours: DEFAULT_OFFICE_HOURS, from: null };
}

function unknownAgency(path = 'agency'): AppError {
  return invalid(path, 'Không tìm thấy cơ quan, đơn vị theo mã hoặc định danh đã gửi (tham số agency).');
}

/**
 * The WorkCalendar of an agency (its office hours, inherited from the nearest
 * ancestor that sets them, default 07:00–11:30 and 13:30–17:00) or of the
 * installation (no agency), over 1900–2199, with the current holiday
 * overrides. Cached; never stale after a change made through this process.
 * Inside a transaction you may pass `{ tx }`: it is only used if the data must
 * be read (first use, or an agency unknown to the snapshot).
 */
export async function getWorkCalendar(ctx: AppContext, agencyId?: string | null, opts: { tx?: Tx } = {}): Promise<WorkCalendar> {
  const db = opts.tx ?? ctx.db;
  const st = await ensureFresh(ctx, db);
  if (!agencyId) return calendarFor(st, DEFAULT_OFFICE_HOURS);
  const node = await nodeOf(ctx, st, agencyId, db);
  if (!node) throw unknownAgency();
  return calendarFor(st, effectiveHours(st, node).hours);
}

/** The agency tree from the same snapshot as the calendars: no query per lookup. */
export interface AgencyTree {
  get(id: string): AgencyBrief | null;
  /** The agency and its ancestors, nearest first ([] for an unknown id). */
  ancestry(id: string): string[];
  /** The children of an agency. */
  children(id: string): AgencyBrief[];
}

/**
 * The agency tree, as fresh as getWorkCalendar's snapshot (compared with the
 * database's stamp at most once a second on PostgreSQL). Pass `{ tx }` inside
 * a transaction. When one of the `known` ids is missing from the snapshot (an
 * agency written by another path), the snapshot is reloaded once.
 */
export async function agencyTree(ctx: AppContext, opts: { tx?: Tx; known?: string[] } = {}): Promise<AgencyTree> {
  const db = opts.tx ?? ctx.db;
  let st = await ensureFresh(ctx, db);
  if (opts.known?.some((id) => !st.agencies.has(id))) {
    await refreshCalendarData(ctx, db);
    st = stateOf(ctx);
  }
  let childIndex: Map<string, AgencyNode[]> | null = null;
  const brief = (n: AgencyNode): AgencyBrief => ({ id: n.id, parentId: n.parentId, code: n.code, name: n.name, kind: n.kind, validTo: n.validTo, settings: n.settings });
  return {
    get: (id) => {
      const n = st.agencies.get(id);
      return n ? brief(n) : null;
    },
    ancestry: (id) => {
      const out: string[] = [];
      let cur = st.agencies.get(id);
      while (cur && out.length < 33 && !out.includes(cur.id)) {
        out.push(cur.id);
        cur = cur.parentId ? st.agencies.get(cur.parentId) : undefined;
      }
      return out;
    },
    children: (id) => {
      if (!childIndex) {
        childIndex = new Map();
        for (const n of st.agencies.values()) {
          if (!n.parentId) continue;
          const list = childIndex.get(n.parentId) ?? [];
          list.push(n);
          childIndex.set(n.parentId, list);
        }
      }
      return (childIndex.get(id) ?? []).map(brief);
    },
  };
}

// ——— lunar dates and days ———

/** Parses 'YYYY-MM-DD' of a day that exists within 1900–2199; errors name `field`. */
export function parseCalendarDate(value: string, field: string): string {
  const m = ISO_DATE.exec(value);
  if (!m) throw invalid(field, `Ngày (${field}) phải có dạng YYYY-MM-DD, ví dụ 2026-02-17.`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isValidSolarDate(y, mo, d)) throw invalid(field, `Ngày ${value} (${field}) không tồn tại trong lịch.`);
  if (y < CALENDAR_MIN_YEAR || y > CALENDAR_MAX_YEAR) {
    throw invalid(field, `Ngày ${fmtDate(value)} (${field}) nằm ngoài phạm vi lịch hỗ trợ (${RANGE_TEXT}).`);
  }
  return value;
}

export function checkYear(year: number, field = 'year'): number {
  if (!Number.isInteger(year) || year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR) {
    throw invalid(field, `Năm (${field}) phải là số nguyên từ ${CALENDAR_MIN_YEAR} đến ${CALENDAR_MAX_YEAR}.`);
  }
  return year;
}

export interface LunarInfo {
  day: number;
  month: number;
  year: number;
  leap: boolean;
  /** Can chi of the lunar year, e.g. 'Bính Ngọ'. */
  yearName: string;
  /** e.g. 'mùng 1 tháng Giêng'. */
  label: string;
}

function lunarInfo(epochDay: number): LunarInfo {
  const l = lunarFromEpochDay(epochDay);
  return { day: l.day, month: l.month, year: l.year, leap: l.leap, yearName: lunarYearName(l.year), label: lunarDayLabel(l) };
}

export function lunarOf(date: string) {
  const iso = parseCalendarDate(date, 'date');
  const n = epochDayFromIso(iso);
  return { date: iso, weekday: isoWeekday(n), lunar: lunarInfo(n) };
}

export type DayStatus = 'working' | 'weekend' | 'holiday' | 'tet' | 'compensatory' | 'swap' | 'working_weekend' | 'half_day';

const WEEKDAY_NAMES = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];

function presentHoliday(h: HolidayDay) {
  return {
    date: h.date, name: h.name, kind: h.kind, origin: h.origin, source: h.source,
    ...(h.part ? { part: h.part } : {}), ...(h.ruleId ? { ruleId: h.ruleId } : {}), ...(h.holidayYear ? { holidayYear: h.holidayYear } : {}),
  };
}

function presentBasis(basis: readonly HolidayBasis[]) {
  return basis.map((b) => ({
    year: b.year, ruleIds: b.ruleIds === 'all' ? ('all' as const) : [...b.ruleIds], origin: b.origin, source: b.source,
    verified: b.verified, ...(b.note ? { note: b.note } : {}),
  }));
}

function presentBlocks(blocks: readonly ScheduleBlock[]) {
  return blocks.map((b) => ({
    replaces: b.replaces === 'all' ? ('all' as const) : [...b.replaces],
    days: b.days.map((d) => ({ date: d.date, name: d.name, kind: d.kind, ...(d.part ? { part: d.part } : {}) })),
    ...(b.workingSaturdays ? { workingSaturdays: [...b.workingSaturdays] } : {}),
    source: b.source, verified: b.verified, ...(b.note ? { note: b.note } : {}),
  }));
}

function dayOf(cal: WorkCalendar, n: number) {
  const info = describeDay(isoFromEpochDay(n), cal);
  const wd = isoWeekday(n);
  let status: DayStatus;
  let reason: string;
  if (info.holiday && info.holiday.part === 'afternoon') {
    status = 'half_day';
    reason = `Nghỉ buổi chiều: ${info.holiday.name}`;
  } else if (info.holiday) {
    status = info.holiday.kind;
    reason = info.holiday.name;
  } else if (info.workingSaturday) {
    status = 'working_weekend';
    reason = `Làm bù ${WEEKDAY_NAMES[wd]} (hoán đổi ngày làm việc)`;
  } else if (!info.working) {
    status = 'weekend';
    reason = 'Nghỉ hằng tuần';
  } else {
    status = 'working';
    reason = 'Ngày làm việc';
  }
  return {
    date: info.date, weekday: wd, lunar: lunarInfo(n), working: info.working, periods: info.periods.map((p) => ({ ...p })), status, reason,
    ...(info.holiday ? { holiday: presentHoliday(info.holiday) } : {}),
  };
}

export type CalendarDay = ReturnType<typeof dayOf>;

async function agencyCalendar(ctx: AppContext, agency: string | undefined) {
  const st = await ensureFresh(ctx, ctx.db);
  if (!agency) return { st, node: null, eff: { hours: DEFAULT_OFFICE_HOURS, from: null } as EffectiveHours };
  const node = await nodeOf(ctx, st, agency, ctx.db);
  if (!node) throw unknownAgency();
  return { st, node, eff: effectiveHours(st, node) };
}

function presentAgency(node: AgencyNode | null) {
  return node ? { id: node.id, code: node.code, name: node.name } : null;
}

/** Every day of a year (or of one month of it) for an agency: lunar date, working or not, and why. */
export async function calendarDays(ctx: AppContext, q: { year: number; month?: number; agency?: string }) {
  const year = checkYear(q.year);
  if (q.month !== undefined && !(Number.isInteger(q.month) && q.month >= 1 && q.month <= 12)) {
    throw invalid('month', 'Tháng (month) phải là số nguyên từ 1 đến 12.');
  }
  const { st, node, eff } = await agencyCalendar(ctx, q.agency);
  const cal = calendarFor(st, eff.hours);
  const first = epochDayFromSolar(year, q.month ?? 1, 1);
  const last = q.month === undefined || q.month === 12 ? epochDayFromSolar(year, 12, 31) : epochDayFromSolar(year, q.month + 1, 1) - 1;
  const days: CalendarDay[] = [];
  for (let n = first; n <= last; n++) days.push(dayOf(cal, n));
  const h = holidayYearOf(st, year);
  return {
    year, ...(q.month !== undefined ? { month: q.month } : {}), agency: presentAgency(node), officeHours: eff.hours,
    lunarYearName: lunarYearName(year), origin: originOf(st, year), days, basis: presentBasis(h.basis),
    workingDays: days.filter((d) => d.working).length,
  };
}

// ——— holidays ———

function originOf(st: State, year: number): 'override' | 'official' | 'rules' {
  if (st.overrides.some((o) => o.year === year)) return 'override';
  if (OFFICIAL_SCHEDULES.some((s) => s.year === year)) return 'official';
  return 'rules';
}

/** The days off of a year for public servants, overrides applied, with where each came from. */
export async function holidaysOf(ctx: AppContext, yearValue: number) {
  const year = checkYear(yearValue);
  const st = await ensureFresh(ctx, ctx.db);
  const h = holidayYearOf(st, year);
  return {
    year, origin: originOf(st, year), lunarYearName: lunarYearName(year),
    days: h.days.map(presentHoliday), workingSaturdays: [...h.workingSaturdays], basis: presentBasis(h.basis),
  };
}

// ——— due dates ———

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+\- ]\d{2}:?\d{2})$/;

/**
 * Parses an ISO 8601 instant that carries its offset ('Z' or ±hh:mm; a space
 * stands for an unencoded '+'). Errors name `field`.
 */
export function parseInstant(value: string, field: string): number {
  const m = ISO_INSTANT.exec(value.trim());
  if (!m) {
    const noOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value.trim());
    throw invalid(
      field,
      noOffset
        ? `Thời điểm (${field}) phải ghi rõ múi giờ, ví dụ 2026-03-02T09:00:00+07:00.`
        : `Thời điểm (${field}) phải theo ISO 8601 có múi giờ, ví dụ 2026-03-02T09:00:00+07:00.`,
    );
  }
  const [y, mo, d, hh, mi] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const ss = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (!isValidSolarDate(y, mo, d)) throw invalid(field, `Ngày ${m[1]}-${m[2]}-${m[3]} trong ${field} không tồn tại trong lịch.`);
  if (hh > 23 || mi > 59 || ss > 59) throw invalid(field, `Giờ trong ${field} không hợp lệ.`);
  let offsetMin = 0;
  if (m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    const digits = m[8].slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 14 || om > 59) throw invalid(field, `Múi giờ trong ${field} không hợp lệ.`);
    offsetMin = sign * (oh * 60 + om);
  }
  const utc = Date.UTC(y, mo - 1, d, hh, mi, ss, ms) - offsetMin * 60_000;
  const vnYear = Number(isoFromEpochDay(vnEpochDay(utc)).slice(0, 4));
  if (vnYear < CALENDAR_MIN_YEAR || vnYear > CALENDAR_MAX_YEAR) {
    throw invalid(field, `Thời điểm (${field}) nằm ngoài phạm vi lịch hỗ trợ (${RANGE_TEXT}).`);
  }
  return utc;
}

export interface DueQuery {
  from: string;
  amount: string | number;
  unit: DurationUnit;
  agency?: string;
  cutoff?: string;
}

function parseAmount(value: string | number, unit: DurationUnit): number {
  const text = String(value).trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw invalid('amount', 'Thời hạn (amount) phải là một số, ví dụ 5 hoặc 0.5.');
  const n = Number(text);
  if (n < 0) throw invalid('amount', 'Thời hạn (amount) không được là số âm.');
  if (unit === 'calendar_days' && !Number.isInteger(n)) throw invalid('amount', 'Thời hạn tính theo ngày (calendar_days) phải là số nguyên.');
  if (n > 100_000) throw invalid('amount', 'Thời hạn (amount) quá lớn.');
  return n;
}

/** Giờ chốt 'HH:mm'; errors name `field`. */
export function parseCutoff(value: string, field = 'cutoff'): string {
  if (!HHMM.test(value)) throw invalid(field, `Giờ chốt (${field}) phải có dạng HH:mm, ví dụ 15:00.`);
  return value;
}

/** Ngày hẹn trả: the due instant of a legal duration received at `from`, for an agency's calendar. */
export async function computeDue(ctx: AppContext, q: DueQuery) {
  const fromMs = parseInstant(q.from, 'from');
  if (!(DURATION_UNITS as readonly string[]).includes(q.unit)) {
    throw invalid('unit', 'Đơn vị (unit) phải là working_days, working_hours hoặc calendar_days.');
  }
  const amount = parseAmount(q.amount, q.unit);
  const cutoff = q.cutoff === undefined || q.cutoff === '' ? undefined : parseCutoff(q.cutoff);
  const { st, node, eff } = await agencyCalendar(ctx, q.agency);
  const cal = calendarFor(st, eff.hours);
  const opts = cutoff === undefined ? {} : { cutoff };
  let due: number;
  let start: number;
  try {
    start = clockStart(fromMs, cal, opts).getTime();
    due = dueDateMs(fromMs, amount, q.unit, cal, opts);
  } catch (err) {
    if (err instanceof CalendarRangeError && err.code === 'OUT_OF_RANGE') {
      throw invalid('amount', `Ngày hẹn trả vượt quá 31/12/${CALENDAR_MAX_YEAR}, ngoài phạm vi lịch hỗ trợ (${RANGE_TEXT}).`);
    }
    if (err instanceof CalendarRangeError) throw invalid('amount', 'Không tính được ngày hẹn trả với dữ liệu đã gửi.');
    throw err;
  }
  return {
    from: formatVn(fromMs),
    due: formatVn(due),
    clockStart: formatVn(start),
    amount,
    unit: q.unit,
    cutoff: cutoff ?? eff.hours.cutoff,
    agency: presentAgency(node),
    officeHours: eff.hours,
    workingDayHours: cal.workingDayMs / 3_600_000,
    calendarFingerprint: cal.fingerprint,
  };
}

// ——— holiday schedules (admin) ———

function rulesInForce(year: number): HolidayRule[] {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return HOLIDAY_RULES.filter(
    (r) =>
      (r.validFrom === undefined || year >= r.validFrom) &&
      (r.validTo === undefined || year <= r.validTo) &&
      (r.effectiveFrom === undefined || r.effectiveFrom <= to) &&
      (r.effectiveTo === undefined || r.effectiveTo >= from),
  );
}

const RULE_IDS = new Set(HOLIDAY_RULES.map((r) => r.id));

export async function scheduleView(ctx: AppContext, yearValue: number) {
  const year = checkYear(yearValue);
  const st = await ensureFresh(ctx, ctx.db);
  const row = await repo.getSchedule(ctx.db, year);
  const h = holidayYearOf(st, year);
  const official = OFFICIAL_SCHEDULES.find((s) => s.year === year) ?? null;
  const seenRules = new Set<string>();
  return {
    year,
    lunarYearName: lunarYearName(year),
    origin: originOf(st, year),
    /** Send it back as expectedVersion with the next PUT or DELETE. */
    version: row?.version ?? 0,
    override: row && row.blocks ? { blocks: presentBlocks(row.blocks), note: row.note } : null,
    lastChange: row ? { version: row.version, at: row.updatedAt.toISOString(), by: row.updatedByName ?? row.updatedBy, reverted: row.blocks === null } : null,
    official: official ? { blocks: presentBlocks(official.blocks) } : null,
    effective: { days: h.days.map(presentHoliday), workingSaturdays: [...h.workingSaturdays], basis: presentBasis(h.basis) },
    rules: rulesInForce(year)
      .filter((r) => {
        const key = `${r.id}|${r.legalBasis}|${r.name}`;
        if (seenRules.has(key)) return false;
        seenRules.add(key);
        return true;
      })
      .map((r) => ({ id: r.id, name: r.name, legalBasis: r.legalBasis, verified: r.verified !== false, ...(r.note ? { note: r.note } : {}) })),
  };
}

export interface BlockInput {
  replaces: string[] | 'all';
  days: Array<{ date: string; name: string; kind: (typeof DAY_KINDS)[number]; part?: 'afternoon' }>;
  workingSaturdays?: string[];
  source: string;
  verified?: boolean;
  note?: string | null;
}

function validateBlocks(year: number, blocks: BlockInput[]): { problems: ErrorDetail[]; normalized: ScheduleBlock[] } {
  const problems: ErrorDetail[] = [];
  const inReach = (iso: string) => {
    const y = Number(iso.slice(0, 4));
    return Math.abs(y - year) <= 1 && y >= CALENDAR_MIN_YEAR && y <= CALENDAR_MAX_YEAR;
  };
  // Days off first, across every block, then the working days against them.
  const offDates = new Set<string>();
  blocks.forEach((b, i) => {
    if (b.replaces !== 'all') {
      b.replaces.forEach((id, k) => {
        if (!RULE_IDS.has(id)) problems.push({ path: `blocks.${i}.replaces.${k}`, message: `Không có ngày lễ mã "${id}" trong quy định.` });
      });
    }
    b.days.forEach((d, j) => {
      const path = `blocks.${i}.days.${j}.date`;
      if (!inReach(d.date)) problems.push({ path, message: `Ngày ${fmtDate(d.date)} không thuộc năm ${year} hoặc năm liền kề.` });
      else if (offDates.has(d.date)) problems.push({ path, message: `Ngày ${fmtDate(d.date)} được nhập hai lần.` });
      offDates.add(d.date);
    });
  });
  const workDates = new Set<string>();
  blocks.forEach((b, i) => {
    (b.workingSaturdays ?? []).forEach((s, k) => {
      const path = `blocks.${i}.workingSaturdays.${k}`;
      if (!inReach(s)) problems.push({ path, message: `Ngày làm bù ${fmtDate(s)} không thuộc năm ${year} hoặc năm liền kề.` });
      else if (isoWeekday(epochDayFromIso(s)) < 6) problems.push({ path, message: `Ngày làm bù ${fmtDate(s)} không phải thứ Bảy hoặc Chủ nhật.` });
      else if (workDates.has(s)) problems.push({ path, message: `Ngày làm bù ${fmtDate(s)} được nhập hai lần.` });
      else if (offDates.has(s)) problems.push({ path, message: `Ngày ${fmtDate(s)} vừa là ngày nghỉ vừa là ngày làm bù.` });
      workDates.add(s);
    });
  });
  const normalized: ScheduleBlock[] = blocks.map((b) => {
    const sats = [...new Set(b.workingSaturdays ?? [])].sort();
    return {
      replaces: b.replaces === 'all' ? 'all' : [...new Set(b.replaces)],
      days: b.days
        .map((d): ScheduledDay => ({ date: d.date, name: d.name.trim(), kind: d.kind, ...(d.part ? { part: d.part } : {}) }))
        .sort((a, c) => a.date.localeCompare(c.date)),
      ...(sats.length ? { workingSaturdays: sats } : {}),
      source: b.source.trim(),
      verified: b.verified ?? false,
      ...(b.note?.trim() ? { note: b.note.trim() } : {}),
    };
  });
  return { problems, normalized };
}

function requireCalendarAdmin(p: Principal): void {
  if (!hasSystemRole(p, ['admin'])) {
    throw errors.forbidden('Chỉ quản trị hệ thống (toàn tỉnh) mới được sửa lịch nghỉ lễ, Tết.');
  }
}

function yearLabel(year: number) {
  return `Lịch nghỉ lễ, Tết năm ${year}`;
}

/** Saves an override of a year's schedule (it wins over the official schedule and the rules for that year). */
export async function saveSchedule(
  ctx: AppContext,
  p: Principal,
  yearValue: number,
  input: { expectedVersion: number; blocks: BlockInput[]; note?: string | null },
  ip: string | null,
) {
  requireCalendarAdmin(p);
  const year = checkYear(yearValue);
  const { problems, normalized } = validateBlocks(year, input.blocks);
  if (problems.length) throw errors.validation(problems, `Lịch nghỉ năm ${year} chưa hợp lệ: ${problems[0].message}`);
  const st = await ensureFresh(ctx, ctx.db);
  const candidate: YearSchedule = { year, blocks: normalized };
  const overrides = [...st.overrides.filter((o) => o.year !== year), candidate];
  for (const y of [year - 1, year, year + 1]) {
    if (y < CALENDAR_MIN_YEAR || y > CALENDAR_MAX_YEAR) continue;
    try {
      holidaysForYear(y, overrides);
    } catch (err) {
      if (!(err instanceof CalendarRangeError)) throw err;
      const date = /\d{4}-\d{2}-\d{2}/.exec(err.message)?.[0];
      const message = date && err.message.includes('working Saturday')
        ? `Ngày ${fmtDate(date)} vừa là ngày nghỉ vừa là ngày làm bù (kể cả theo lịch năm ${y}).`
        : `Lịch nghỉ năm ${year} mâu thuẫn với lịch năm ${y}.`;
      throw invalid('blocks', message);
    }
  }
  const note = input.note?.trim() || null;
  await ctx.db.transaction(async (tx) => {
    const row = await repo.saveSchedule(tx, { year, blocks: normalized, note, expectedVersion: input.expectedVersion, userId: p.userId, now: ctx.now() });
    if (!row) throw errors.conflict('Lịch nghỉ của năm này vừa được người khác thay đổi. Vui lòng tải lại và thử lại.');
    await recordAudit(tx, {
      type: 'holiday_schedule_saved', actorId: p.userId, actorName: p.fullName, subject: yearLabel(year), ip,
      details: {
        year, version: row.version, note,
        daysOff: normalized.flatMap((b) => b.days.map((d) => `${d.date} ${d.name}`)),
        workingSaturdays: normalized.flatMap((b) => b.workingSaturdays ?? []),
        sources: normalized.map((b) => b.source),
      },
    });
  });
  await refreshCalendarData(ctx);
  return scheduleView(ctx, year);
}

/** Removes a year's override: the year goes back to the official schedule or the rules. */
export async function revertSchedule(ctx: AppContext, p: Principal, yearValue: number, expectedVersion: number | undefined, ip: string | null) {
  requireCalendarAdmin(p);
  const year = checkYear(yearValue);
  const row = await repo.getSchedule(ctx.db, year);
  if (expectedVersion !== undefined && expectedVersion !== (row?.version ?? 0)) {
    throw errors.conflict('Lịch nghỉ của năm này vừa được người khác thay đổi. Vui lòng tải lại và thử lại.');
  }
  if (row && row.blocks !== null) {
    await ctx.db.transaction(async (tx) => {
      const saved = await repo.saveSchedule(tx, { year, blocks: null, note: null, expectedVersion: row.version, userId: p.userId, now: ctx.now() });
      if (!saved) throw errors.conflict('Lịch nghỉ của năm này vừa được người khác thay đổi. Vui lòng tải lại và thử lại.');
      await recordAudit(tx, {
        type: 'holiday_schedule_reverted', actorId: p.userId, actorName: p.fullName, subject: yearLabel(year), ip,
        details: { year, version: saved.version, previousDaysOff: (row.blocks ?? []).flatMap((b) => b.days.map((d) => `${d.date} ${d.name}`)) },
      });
    });
    await refreshCalendarData(ctx);
  }
  return scheduleView(ctx, year);
}

// ——— office hours ———

function officeHoursProblems(h: { periods: OfficePeriod[]; cutoff?: string | null }, prefix: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const at = (s: string) => (prefix ? `${prefix}.${s}` : s);
  if (h.periods.length < 1 || h.periods.length > 6) {
    problems.push({ path: at('periods'), message: 'Cần từ 1 đến 6 khoảng giờ làm việc trong ngày.' });
    return problems;
  }
  let previousEnd = -1;
  h.periods.forEach((period, i) => {
    if (!HHMM.test(period.start)) problems.push({ path: at(`periods.${i}.start`), message: 'Giờ bắt đầu phải có dạng HH:mm.' });
    if (!HHMM.test(period.end)) problems.push({ path: at(`periods.${i}.end`), message: 'Giờ kết thúc phải có dạng HH:mm.' });
    if (!HHMM.test(period.start) || !HHMM.test(period.end)) return;
    const start = parseTimeOfDay(period.start);
    const end = parseTimeOfDay(period.end);
    if (end <= start) {
      problems.push({ path: at(`periods.${i}.end`), message: `Giờ kết thúc (${period.end}) phải sau giờ bắt đầu (${period.start}).` });
    } else if (start < previousEnd) {
      problems.push({ path: at(`periods.${i}.start`), message: `Khoảng ${period.start}–${period.end} chồng lên khoảng trước; các khoảng phải theo thứ tự tăng dần.` });
    }
    previousEnd = Math.max(previousEnd, end);
  });
  if (h.cutoff) {
    if (!HHMM.test(h.cutoff)) {
      problems.push({ path: at('cutoff'), message: 'Giờ chốt phải có dạng HH:mm.' });
    } else if (!problems.length) {
      const c = parseTimeOfDay(h.cutoff);
      const first = h.periods[0].start;
      const last = h.periods[h.periods.length - 1].end;
      if (c <= parseTimeOfDay(first) || c > parseTimeOfDay(last)) {
        problems.push({ path: at('cutoff'), message: `Giờ chốt phải nằm trong giờ làm việc (sau ${first}, không muộn hơn ${last}).` });
      }
    }
  }
  return problems;
}

function presentHours(st: State, node: AgencyNode) {
  const eff = effectiveHours(st, node);
  return {
    agency: { id: node.id, code: node.code, name: node.name },
    version: node.version,
    own: node.officeHours,
    effective: eff.hours,
    inheritedFrom: eff.from && eff.from.id !== node.id ? { id: eff.from.id, code: eff.from.code, name: eff.from.name } : null,
    isDefault: eff.from === null,
    defaults: DEFAULT_OFFICE_HOURS,
  };
}

export async function officeHoursView(ctx: AppContext, idOrCode: string) {
  const st = await ensureFresh(ctx, ctx.db);
  const node = await nodeOf(ctx, st, idOrCode, ctx.db);
  if (!node) throw errors.notFound('Không tìm thấy cơ quan.');
  return presentHours(st, node);
}

/** Sets (or, with null, removes so that it inherits again) an agency's own office hours. */
export async function saveOfficeHours(
  ctx: AppContext,
  p: Principal,
  idOrCode: string,
  input: { version: number; officeHours: { periods: OfficePeriod[]; cutoff?: string | null } | null },
  ip: string | null,
) {
  const st = await ensureFresh(ctx, ctx.db);
  const node = await nodeOf(ctx, st, idOrCode, ctx.db);
  if (!node) throw errors.notFound('Không tìm thấy cơ quan.');
  let value: OfficeHours | null = null;
  if (input.officeHours) {
    const problems = officeHoursProblems(input.officeHours, 'officeHours');
    if (problems.length) throw errors.validation(problems, `Giờ làm việc chưa hợp lệ: ${problems[0].message}`);
    value = { periods: input.officeHours.periods.map((x) => ({ start: x.start, end: x.end })), cutoff: input.officeHours.cutoff || null };
  }
  await ctx.db.transaction(async (tx) => {
    if (!(await mayActAt(tx, p, ['admin'], node.id))) throw errors.forbidden('Bạn không có quyền quản trị tại cơ quan này.');
    const saved = await repo.saveOfficeHours(tx, { id: node.id, version: input.version, officeHours: value, now: ctx.now() });
    if (!saved) throw errors.conflict('Cơ quan vừa được người khác thay đổi. Vui lòng tải lại và thử lại.');
    await recordAudit(tx, {
      type: 'agency_office_hours_updated', actorId: p.userId, actorName: p.fullName, subject: `${node.name} (${node.code})`, ip,
      details: {
        agencyId: node.id,
        before: node.officeHours ? describeOfficeHours(node.officeHours) : '(theo cơ quan cấp trên hoặc mặc định)',
        after: value ? describeOfficeHours(value) : '(theo cơ quan cấp trên hoặc mặc định)',
      },
    });
  });
  await refreshCalendarData(ctx);
  return officeHoursView(ctx, node.id);
}
