/**
 * Biểu 06/VPCP/KSTT (Circular 01/2020/TT-VPCP): how one dossier counts in the
 * report of a period. Pure: days are YYYY-MM-DD in Vietnam time.
 *
 * - Never received (status 1) and refused at reception (3): not counted.
 * - Received in the period by its receipt day; carried over when received
 *   before the first day and not finished before it.
 * - Resolved in the period by its finish day (result issued, stopped,
 *   withdrawn; the return day when no separate finish time exists), early /
 *   on time / late by comparing the finish day with the due day.
 * - In progress when received by the last day and not finished by then:
 *   overdue when the due day is before the last day, else within deadline.
 * - Always: received.total = resolved.total + inProgress.total.
 */

export interface DossierDays {
  status: number;
  channel: 'counter' | 'online' | 'postal';
  receivedDay: string | null;
  finishDay: string | null;
  dueDay: string | null;
}

export type Bieu06Cell =
  | 'received.carriedOver'
  | 'received.online'
  | 'received.direct'
  | 'resolved.early'
  | 'resolved.onTime'
  | 'resolved.late'
  | 'inProgress.withinDeadline'
  | 'inProgress.overdue';

export interface Bieu06Counts {
  received: { total: number; carriedOver: number; online: number; direct: number };
  resolved: { total: number; early: number; onTime: number; late: number };
  inProgress: { total: number; withinDeadline: number; overdue: number };
}

export const emptyCounts = (): Bieu06Counts => ({
  received: { total: 0, carriedOver: 0, online: 0, direct: 0 },
  resolved: { total: 0, early: 0, onTime: 0, late: 0 },
  inProgress: { total: 0, withinDeadline: 0, overdue: 0 },
});

/** The cells a dossier counts in for the period [from, to] (two: one received cell, one outcome cell), or none. */
export function classify(d: DossierDays, from: string, to: string): Bieu06Cell[] {
  if (d.status === 1 || d.status === 3 || !d.receivedDay) return [];
  if (d.receivedDay > to) return [];
  if (d.finishDay !== null && d.finishDay < from) return [];
  const cells: Bieu06Cell[] = [];
  if (d.receivedDay < from) cells.push('received.carriedOver');
  else cells.push(d.channel === 'online' ? 'received.online' : 'received.direct');
  if (d.finishDay !== null && d.finishDay <= to) {
    if (!d.dueDay || d.finishDay === d.dueDay) cells.push('resolved.onTime');
    else cells.push(d.finishDay < d.dueDay ? 'resolved.early' : 'resolved.late');
  } else {
    cells.push(d.dueDay && d.dueDay < to ? 'inProgress.overdue' : 'inProgress.withinDeadline');
  }
  return cells;
}

export function addCells(c: Bieu06Counts, cells: readonly Bieu06Cell[], n = 1): void {
  for (const cell of cells) {
    const [group, key] = cell.split('.') as [keyof Bieu06Counts, string];
    (c[group] as Record<string, number>)[key] += n;
    (c[group] as Record<string, number>).total += n;
  }
}

export function sumCounts(list: readonly Bieu06Counts[]): Bieu06Counts {
  const t = emptyCounts();
  for (const c of list) {
    for (const g of ['received', 'resolved', 'inProgress'] as const) {
      for (const [k, v] of Object.entries(c[g])) (t[g] as Record<string, number>)[k] += v;
    }
  }
  return t;
}

// ——— from cumulative counts (the rollup of migration 0009) ———

/**
 * The days on which a counted dossier's measures happen: received (by
 * channel), finished (by class), overdue from (the day after the due day, not
 * before receipt) and no longer open-overdue (that day, not before the finish).
 * Null when the dossier is not counted at all (status 1 or 3, not received).
 */
export interface MeasureDays {
  received: string;
  online: boolean;
  finished: string | null;
  finishClass: 'early' | 'onTime' | 'late' | null;
  overdueFrom: string | null;
  overdueUntil: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The day after a YYYY-MM-DD day, and the day before. */
export const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
export const previousDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const latest = (...days: string[]) => days.reduce((a, b) => (a > b ? a : b));

export function measureDays(d: DossierDays): MeasureDays | null {
  if (d.status === 1 || d.status === 3 || !d.receivedDay) return null;
  const r = d.receivedDay;
  const e = d.finishDay;
  const finishClass = e === null ? null : !d.dueDay || e === d.dueDay ? 'onTime' : e < d.dueDay ? 'early' : 'late';
  const overdueFrom = d.dueDay ? latest(nextDay(d.dueDay), r) : null;
  const overdueUntil = overdueFrom && e ? latest(overdueFrom, e) : null;
  return { received: r, online: d.channel === 'online', finished: e, finishClass, overdueFrom, overdueUntil };
}

/** How many dossiers have each measure day on or before one date X. */
export interface Cumulative {
  online: number;
  direct: number;
  early: number;
  onTime: number;
  late: number;
  overdueFrom: number;
  overdueUntil: number;
}

export const emptyCumulative = (): Cumulative => ({ online: 0, direct: 0, early: 0, onTime: 0, late: 0, overdueFrom: 0, overdueUntil: 0 });

/** Adds one dossier's measures that fall on or before `x`. */
export function addCumulative(c: Cumulative, m: MeasureDays, x: string): void {
  if (m.received <= x) c[m.online ? 'online' : 'direct'] += 1;
  if (m.finished !== null && m.finished <= x) c[m.finishClass!] += 1;
  if (m.overdueFrom !== null && m.overdueFrom <= x) c.overdueFrom += 1;
  if (m.overdueUntil !== null && m.overdueUntil <= x) c.overdueUntil += 1;
}

/**
 * Biểu 06 of the period [from, to] from the cumulative counts at the day
 * before `from` and at `to`. Equal to summing classify() over the dossiers
 * whenever no dossier finishes before it is received (the database checks it).
 */
export function countsFromCumulative(beforeFrom: Cumulative, atTo: Cumulative): Bieu06Counts {
  const received = (c: Cumulative) => c.online + c.direct;
  const finished = (c: Cumulative) => c.early + c.onTime + c.late;
  const carriedOver = received(beforeFrom) - finished(beforeFrom);
  const online = atTo.online - beforeFrom.online;
  const direct = atTo.direct - beforeFrom.direct;
  const early = atTo.early - beforeFrom.early;
  const onTime = atTo.onTime - beforeFrom.onTime;
  const late = atTo.late - beforeFrom.late;
  const open = received(atTo) - finished(atTo);
  const overdue = atTo.overdueFrom - atTo.overdueUntil;
  return {
    received: { total: carriedOver + online + direct, carriedOver, online, direct },
    resolved: { total: early + onTime + late, early, onTime, late },
    inProgress: { total: open, withinDeadline: open - overdue, overdue },
  };
}

/**
 * The rollup rows whose signed sum is C(x), the count of a measure on or
 * before day x, from counts kept per year, month and day: earlier years, then
 * the months and days of x's year and month, each taken from the nearer end
 * (a whole year less its later months, a whole month less its later days), so
 * that a period ending on a month's or a year's last day reads no day rows at
 * all. A term covers the periods p with from ≤ p < to (no lower bound: null).
 */
export interface RollupTerm {
  grain: 'y' | 'm' | 'd';
  from: string | null;
  to: string;
  sign: 1 | -1;
}

export function rollupTerms(x: string): RollupTerm[] {
  const y = Number(x.slice(0, 4));
  const m = Number(x.slice(5, 7));
  const d = Number(x.slice(8, 10));
  const first = (year: number, month: number) => (month > 12 ? `${year + 1}-01-01` : `${year}-${pad(month)}-01`);
  const terms: RollupTerm[] = [];
  let wholeMonths: number; // months 1..wholeMonths of x's year count whole
  if (d === lastDayOf(y, m)) wholeMonths = m;
  else if (d <= 15) {
    wholeMonths = m - 1;
    terms.push({ grain: 'd', from: first(y, m), to: nextDay(x), sign: 1 });
  } else {
    wholeMonths = m;
    terms.push({ grain: 'd', from: nextDay(x), to: first(y, m + 1), sign: -1 });
  }
  let wholeYear = wholeMonths === 12;
  if (!wholeYear && wholeMonths > 6) {
    wholeYear = true;
    terms.push({ grain: 'm', from: first(y, wholeMonths + 1), to: first(y, 13), sign: -1 });
  } else if (!wholeYear && wholeMonths > 0) {
    terms.push({ grain: 'm', from: first(y, 1), to: first(y, wholeMonths + 1), sign: 1 });
  }
  terms.push({ grain: 'y', from: null, to: wholeYear ? first(y, 13) : first(y, 1), sign: 1 });
  return terms;
}

// ——— periods ———

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';
export type PeriodConvention = 'calendar' | 'reporting';


/**
 * A preset period. `index`: month 1–12, quarter 1–4, half 1–2, year ignored.
 * `calendar`: the calendar month/quarter/…; `reporting`: from the 15th of the
 * month before the first month to the 14th of the last month (Decree 09/2019).
 */
export function presetPeriod(kind: PeriodKind, year: number, index: number, convention: PeriodConvention): { from: string; to: string } {
  const months = kind === 'month' ? 1 : kind === 'quarter' ? 3 : kind === 'half' ? 6 : 12;
  const first = kind === 'year' ? 1 : (index - 1) * months + 1;
  const last = first + months - 1;
  if (convention === 'calendar') {
    return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDayOf(year, last))}` };
  }
  const py = first === 1 ? year - 1 : year;
  const pm = first === 1 ? 12 : first - 1;
  return { from: `${py}-${pad(pm)}-15`, to: `${year}-${pad(last)}-14` };
}
