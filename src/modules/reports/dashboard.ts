/**
 * The live dashboard for leaders (màn hình điều hành) and the public
 * transparency page (công khai kết quả giải quyết). The counts are Biểu 06's
 * own (the same aggregate query), so the dashboard never disagrees with the
 * report of the same period.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { rows } from '../../db/client.ts';
import { vnDay } from '../../kernel/dossier/code.ts';
import type { Principal } from '../auth/access.ts';
import { textArray } from '../dossiers/repo.ts';
import { bieu06, reportScope, type Bieu06Report } from './bieu06.ts';
import { topLateSteps, type LateStepRow } from './timing.ts';

export interface RateBlock {
  from: string;
  to: string;
  received: number;
  online: number;
  resolved: number;
  onTime: number;
  late: number;
  overdue: number;
}

export interface SatisfactionBlock {
  total: number;
  verySatisfied: number;
  satisfied: number;
  notSatisfied: number;
}

export interface Dashboard {
  asOf: string;
  today: string;
  agency: { id: string; name: string } | null;
  receivedToday: number;
  resolvedToday: number;
  open: number;
  month: RateBlock;
  year: RateBlock;
  overdueByAgency: { key: string; name: string; overdue: number; open: number }[];
  overdueByField: { key: string; name: string; overdue: number; open: number }[];
  weeks: { week: string; received: number; resolved: number }[];
  satisfaction: SatisfactionBlock | null;
  lateSteps: LateStepRow[];
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function block(r: Bieu06Report): RateBlock {
  const t = r.total;
  return {
    from: r.from,
    to: r.to,
    received: t.received.online + t.received.direct,
    online: t.received.online,
    resolved: t.resolved.total,
    onTime: t.resolved.early + t.resolved.onTime,
    late: t.resolved.late,
    overdue: t.inProgress.overdue,
  };
}

/** Monday of the ISO week of a day. */
function mondayOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const wd = (d.getUTCDay() + 6) % 7;
  return addDays(day, -wd);
}

export async function dashboard(ctx: AppContext, p: Principal, q: { agency?: string }): Promise<Dashboard> {
  const now = ctx.now();
  const today = vnDay(now);
  const monthStart = `${today.slice(0, 8)}01`;
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const [month, year, byField] = [
    await bieu06(ctx, p, { from: monthStart, to: today, groupBy: 'agency', agency: q.agency }),
    await bieu06(ctx, p, { from: yearStart, to: today, groupBy: 'agency', agency: q.agency }),
    await bieu06(ctx, p, { from: yearStart, to: today, groupBy: 'field', agency: q.agency }),
  ];
  const firstWeek = addDays(mondayOf(today), -7 * 51);
  const { scope, agency, weeks, todayCounts, satisfaction } = await ctx.db.transaction(async (tx) => {
    const { scope, agency } = await reportScope(tx, p, q.agency);
    const inScope = scope ? sql`AND agency_id = ANY(${textArray(scope)})` : sql``;
    const weeks = await rows<{ week: string; received: number; resolved: number }>(
      tx,
      sql`SELECT to_char(wk, 'YYYY-MM-DD') AS week, sum(r)::int AS received, sum(f)::int AS resolved FROM (
            SELECT date_trunc('week', received_day)::date AS wk, 1 AS r, 0 AS f FROM dossiers
             WHERE received_day >= ${firstWeek}::date AND received_day <= ${today}::date AND status NOT IN (1, 3) ${inScope}
            UNION ALL
            SELECT date_trunc('week', finish_day)::date, 0, 1 FROM dossiers
             WHERE finish_day >= ${firstWeek}::date AND finish_day <= ${today}::date AND received_day IS NOT NULL AND status NOT IN (1, 3) ${inScope}
          ) x GROUP BY wk ORDER BY wk`,
    );
    const [todayCounts] = await rows<{ received: number; resolved: number; open: number }>(
      tx,
      sql`SELECT count(*) FILTER (WHERE received_day = ${today}::date)::int AS received,
                 count(*) FILTER (WHERE finish_day = ${today}::date)::int AS resolved,
                 count(*) FILTER (WHERE finish_day IS NULL)::int AS open
          FROM dossiers WHERE received_day IS NOT NULL AND status NOT IN (1, 3) ${inScope}`,
    );
    const [satisfaction] = await rows<{ total: number; very: number; sat: number; not: number }>(
      tx,
      sql`SELECT count(*)::int AS total,
                 count(*) FILTER (WHERE r.level = 'very_satisfied')::int AS very,
                 count(*) FILTER (WHERE r.level = 'satisfied')::int AS sat,
                 count(*) FILTER (WHERE r.level = 'not_satisfied')::int AS not
          FROM dossier_ratings r JOIN dossiers d ON d.id = r.dossier_id
          WHERE r.at >= ${new Date(Date.parse(`${yearStart}T00:00:00Z`) - 7 * 3_600_000).toISOString()}::timestamptz
            ${scope ? sql`AND d.agency_id = ANY(${textArray(scope)})` : sql``}`,
    );
    return { scope, agency, weeks, todayCounts, satisfaction };
  });
  void scope;
  // Weeks without any dossier still show (as zeros) so the line is continuous.
  const byWeek = new Map(weeks.map((w) => [w.week, w]));
  const allWeeks: Dashboard['weeks'] = [];
  for (let w = firstWeek; w <= today; w = addDays(w, 7)) {
    const x = byWeek.get(w);
    allWeeks.push({ week: w, received: Number(x?.received ?? 0), resolved: Number(x?.resolved ?? 0) });
  }
  const bars = (r: Bieu06Report) =>
    r.rows
      .filter((x) => x.inProgress.total > 0)
      .map((x) => ({ key: x.key, name: x.name, overdue: x.inProgress.overdue, open: x.inProgress.total }))
      .sort((a, b) => b.overdue - a.overdue || b.open - a.open);
  return {
    asOf: now.toISOString(),
    today,
    agency,
    receivedToday: Number(todayCounts.received),
    resolvedToday: Number(todayCounts.resolved),
    open: Number(todayCounts.open),
    month: block(month),
    year: block(year),
    overdueByAgency: bars(year),
    overdueByField: bars(byField),
    weeks: allWeeks,
    satisfaction: Number(satisfaction.total) > 0
      ? { total: Number(satisfaction.total), verySatisfied: Number(satisfaction.very), satisfied: Number(satisfaction.sat), notSatisfied: Number(satisfaction.not) }
      : null,
    lateSteps: await topLateSteps(ctx, p, { from: addDays(today, -90), to: today, agency: q.agency }),
  };
}

// ——— public transparency ———

export type TransparencyPeriod = 'month' | 'quarter';

export interface TransparencyMeasures {
  resolved: number;
  onTime: number;
  onTimeRate: number | null;
  received: number;
  online: number;
  onlineShare: number | null;
  ratings: number;
  satisfied: number;
  satisfactionRate: number | null;
}

export interface Transparency {
  period: TransparencyPeriod;
  current: { from: string; to: string; label: string };
  previous: { from: string; to: string; label: string };
  generatedAt: string;
  units: { id: string; name: string; group: 'department' | 'commune'; current: TransparencyMeasures; previous: TransparencyMeasures }[];
}

function periodsOf(today: string, period: TransparencyPeriod) {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const ymd = (yy: number, mm: number, dd: number) => `${yy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
  const lastDay = (yy: number, mm: number) => new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  if (period === 'month') {
    const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
    return {
      current: { from: ymd(y, m, 1), to: today, label: `Tháng ${m}/${y}` },
      previous: { from: ymd(py, pm, 1), to: ymd(py, pm, lastDay(py, pm)), label: `Tháng ${pm}/${py}` },
    };
  }
  const qn = Math.floor((m - 1) / 3) + 1;
  const [py, pq] = qn === 1 ? [y - 1, 4] : [y, qn - 1];
  return {
    current: { from: ymd(y, qn * 3 - 2, 1), to: today, label: `Quý ${['I', 'II', 'III', 'IV'][qn - 1]}/${y}` },
    previous: { from: ymd(py, pq * 3 - 2, 1), to: ymd(py, pq * 3, lastDay(py, pq * 3)), label: `Quý ${['I', 'II', 'III', 'IV'][pq - 1]}/${py}` },
  };
}

const caches = new WeakMap<AppContext, Map<string, { until: number; value: Transparency }>>();

/** Public figures per top-level department and per commune: no names, no codes of dossiers, nothing personal. Cached for a minute. */
export async function transparency(ctx: AppContext, period: TransparencyPeriod): Promise<Transparency> {
  const now = ctx.now();
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new Map();
    caches.set(ctx, cache);
  }
  const hit = cache.get(period);
  if (hit && hit.until > now.getTime() && hit.value.current.to === vnDay(now)) return hit.value;
  const today = vnDay(now);
  const { current, previous } = periodsOf(today, period);
  const value = await ctx.db.transaction(async (tx) => {
    const agencies = await rows<{ id: string; parent_id: string | null; name: string; level: string; kind: string; valid_to: string | null; parent_parent: string | null }>(
      tx,
      sql`SELECT a.id, a.parent_id, a.name, a.level, a.kind, to_char(a.valid_to, 'YYYY-MM-DD') AS valid_to, p.parent_id AS parent_parent
          FROM agencies a LEFT JOIN agencies p ON p.id = a.parent_id`,
    );
    const byId = new Map(agencies.map((a) => [a.id, a]));
    const active = (a: { valid_to: string | null }) => a.valid_to === null || a.valid_to >= today;
    const unitGroup = (a: (typeof agencies)[number]): 'department' | 'commune' | null => {
      if (!active(a)) return null;
      if (a.level === 'commune' && a.kind === 'people_committee') return 'commune';
      if (a.kind === 'department' && a.parent_id && byId.get(a.parent_id)?.parent_id === null) return 'department';
      return null;
    };
    const unitOf = new Map<string, string>();
    for (const a of agencies) {
      let cur: (typeof agencies)[number] | undefined = a;
      for (let i = 0; cur && i < 20; i++) {
        if (unitGroup(cur)) {
          unitOf.set(a.id, cur.id);
          break;
        }
        cur = cur.parent_id ? byId.get(cur.parent_id) : undefined;
      }
    }
    const measure = async (from: string, to: string) => {
      const list = await rows<{ agency_id: string; resolved: number; on_time: number; received: number; online: number }>(
        tx,
        sql`SELECT agency_id,
                   count(*) FILTER (WHERE finish_day BETWEEN ${from}::date AND ${to}::date)::int AS resolved,
                   count(*) FILTER (WHERE finish_day BETWEEN ${from}::date AND ${to}::date AND (due_day IS NULL OR finish_day <= due_day))::int AS on_time,
                   count(*) FILTER (WHERE received_day BETWEEN ${from}::date AND ${to}::date)::int AS received,
                   count(*) FILTER (WHERE received_day BETWEEN ${from}::date AND ${to}::date AND channel = 'online')::int AS online
            FROM dossiers
            WHERE received_day IS NOT NULL AND status NOT IN (1, 3) AND received_day <= ${to}::date AND (finish_day IS NULL OR finish_day >= ${from}::date)
            GROUP BY agency_id`,
      );
      const ratings = await rows<{ agency_id: string; total: number; satisfied: number }>(
        tx,
        sql`SELECT d.agency_id, count(*)::int AS total, count(*) FILTER (WHERE r.level IN ('very_satisfied', 'satisfied'))::int AS satisfied
            FROM dossier_ratings r JOIN dossiers d ON d.id = r.dossier_id
            WHERE ((r.at AT TIME ZONE 'UTC') + interval '7 hours')::date BETWEEN ${from}::date AND ${to}::date
            GROUP BY d.agency_id`,
      );
      const out = new Map<string, TransparencyMeasures>();
      const get = (agencyId: string) => {
        const u = unitOf.get(agencyId);
        if (!u) return null;
        let m = out.get(u);
        if (!m) {
          m = { resolved: 0, onTime: 0, onTimeRate: null, received: 0, online: 0, onlineShare: null, ratings: 0, satisfied: 0, satisfactionRate: null };
          out.set(u, m);
        }
        return m;
      };
      for (const r of list) {
        const m = get(r.agency_id);
        if (!m) continue;
        m.resolved += Number(r.resolved);
        m.onTime += Number(r.on_time);
        m.received += Number(r.received);
        m.online += Number(r.online);
      }
      for (const r of ratings) {
        const m = get(r.agency_id);
        if (!m) continue;
        m.ratings += Number(r.total);
        m.satisfied += Number(r.satisfied);
      }
      for (const m of out.values()) {
        m.onTimeRate = m.resolved ? Math.round((m.onTime / m.resolved) * 10000) / 10000 : null;
        m.onlineShare = m.received ? Math.round((m.online / m.received) * 10000) / 10000 : null;
        m.satisfactionRate = m.ratings ? Math.round((m.satisfied / m.ratings) * 10000) / 10000 : null;
      }
      return out;
    };
    const cur = await measure(current.from, current.to);
    const prev = await measure(previous.from, previous.to);
    const empty = (): TransparencyMeasures => ({ resolved: 0, onTime: 0, onTimeRate: null, received: 0, online: 0, onlineShare: null, ratings: 0, satisfied: 0, satisfactionRate: null });
    const units = agencies
      .map((a) => ({ a, group: unitGroup(a) }))
      .filter((x): x is { a: (typeof agencies)[number]; group: 'department' | 'commune' } => x.group !== null)
      .map(({ a, group }) => ({ id: a.id, name: a.name, group, current: cur.get(a.id) ?? empty(), previous: prev.get(a.id) ?? empty() }))
      .sort((x, y) => (x.group === y.group ? x.name.localeCompare(y.name, 'vi') : x.group === 'department' ? -1 : 1));
    return { period, current, previous, generatedAt: now.toISOString(), units };
  });
  cache.set(period, { until: now.getTime() + 60_000, value });
  return value;
}

/** Forget cached public figures (tests move the clock and the data). */
export function clearTransparencyCache(ctx: AppContext): void {
  caches.delete(ctx);
}
