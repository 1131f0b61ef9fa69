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

// ——— periods ———

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';
export type PeriodConvention = 'calendar' | 'reporting';

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

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
