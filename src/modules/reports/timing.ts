/**
 * "Where the time goes" (thời gian giải quyết đi đâu): measured processing
 * time beside the legal one, time per workflow step, role and officer, the
 * step that made a late dossier late, and open dossiers likely to be late.
 *
 * The database selects and joins (one query for dossiers, one for the events
 * that matter); the working time itself is measured in TypeScript on each
 * agency's calendar, because holidays, compensatory days and office hours are
 * not SQL. See docs/reports.md.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { rows, type Tx } from '../../db/client.ts';
import { addWorkingTime, workingTimeBetween, type WorkCalendar } from '../../kernel/calendar/index.ts';
import type { Principal } from '../auth/access.ts';
import { getWorkCalendar } from '../dossiers/calendar.ts';
import { textArray } from '../dossiers/repo.ts';
import type { Workflow } from '../procedures/workflow.ts';
import { checkPeriod, reportScope } from './bieu06.ts';

const HOUR = 3_600_000;
const DAY_MS = 24 * HOUR;

export interface TimingQuery {
  from: string;
  to: string;
  agency?: string;
  procedure?: string;
}

/** Percentile by linear interpolation between closest ranks (what percentile_cont computes). */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

const round = (n: number | null, digits = 2) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);

/** Calendars per agency, built once per request. */
class Calendars {
  private readonly cache = new Map<string, Promise<WorkCalendar>>();
  constructor(private readonly ctx: AppContext, private readonly tx: Tx) {}
  of(agencyId: string): Promise<WorkCalendar> {
    let c = this.cache.get(agencyId);
    if (!c) {
      c = getWorkCalendar(this.ctx, agencyId, this.tx);
      this.cache.set(agencyId, c);
    }
    return c;
  }
}

type Interval = [number, number];

/** Working ms of [a, b] minus the working ms of the pauses inside it. */
function activeMs(a: number, b: number, pauses: Interval[], cal: WorkCalendar): number {
  let ms = workingTimeBetween(a, b, cal);
  for (const [s, e] of pauses) {
    const from = Math.max(a, s);
    const to = Math.min(b, e);
    if (to > from) ms -= workingTimeBetween(from, to, cal);
  }
  return Math.max(0, ms);
}

/** Pauses (tạm dừng) of each dossier: request_supplement / request_payment during processing → submit_supplement / confirm_payment (or the end). */
function pausesOf(events: EventLite[], end: number): Interval[] {
  const out: Interval[] = [];
  let open: number | null = null;
  for (const e of events) {
    if ((e.action === 'request_supplement' || e.action === 'request_payment') && e.from_status !== 1) open = e.at;
    else if ((e.action === 'submit_supplement' || e.action === 'confirm_payment') && open !== null) {
      out.push([open, e.at]);
      open = null;
    }
  }
  if (open !== null) out.push([open, end]);
  return out;
}

interface EventLite {
  dossier_id: string;
  action: string;
  at: number;
  from_status: number | null;
  actor_id: string | null;
  actor_name: string | null;
  outcome: StepOutcome | null;
}

/** The outcome of the step an event left, with the step's role and quota from the dossier's workflow. */
interface StepOutcome {
  step: string;
  stepName: string;
  agencyId: string;
  startedAt: number;
  endedAt: number;
}

function outcomeOf(v: unknown): StepOutcome | null {
  if (typeof v !== 'string') return null;
  const o = JSON.parse(v) as { step?: string; stepName?: string; agencyId?: string; startedAt?: string; endedAt?: string } | null;
  if (!o?.step || !o.startedAt || !o.endedAt) return null;
  return { step: o.step, stepName: o.stepName ?? o.step, agencyId: o.agencyId ?? '', startedAt: Date.parse(o.startedAt), endedAt: Date.parse(o.endedAt) };
}

/** Role and quota of each step, per workflow (procedure version × case: a received dossier keeps its case's workflow). */
type StepBook = Map<string, Map<string, { role: string; quotaHours: number }>>;
const bookKey = (d: { procedure_version_id: string; case_code: string }) => `${d.procedure_version_id}|${d.case_code}`;

/** The workflows' steps of the dossiers matching `where` (alias d), each workflow read once. */
async function loadStepBook(tx: Tx, where: SQL): Promise<StepBook> {
  const list = await rows<{ v: string; c: string; steps: unknown }>(
    tx,
    sql`SELECT DISTINCT ON (d.procedure_version_id, d.case_code) d.procedure_version_id AS v, d.case_code AS c, d.workflow->'steps' AS steps
        FROM dossiers d WHERE ${where} AND d.workflow IS NOT NULL ORDER BY d.procedure_version_id, d.case_code`,
  );
  const out: StepBook = new Map();
  for (const r of list) {
    const steps = json<{ id: string; role: string; quotaHours: number }[]>(r.steps) ?? [];
    out.set(`${r.v}|${r.c}`, new Map(steps.map((st) => [st.id, { role: st.role, quotaHours: Number(st.quotaHours) }])));
  }
  return out;
}

interface DossierLite {
  id: string;
  code: string | null;
  status: number;
  procedure_code: string;
  procedure_name: string;
  procedure_version_id: string;
  case_code: string;
  agency_id: string;
  agency_name: string;
  received_at: number;
  finished_at: number | null;
  due_at: number | null;
  duration_amount: number;
  duration_unit: string;
  timeliness: string | null;
  workflow: Workflow | null;
  current_step: string | null;
  step_started_at: number | null;
  paused_at: number | null;
}

const ms = (v: unknown): number | null => (v === null || v === undefined ? null : new Date(v as string).getTime());
const json = <T>(v: unknown): T | null => (v === null || v === undefined ? null : typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

function toDossier(r: Record<string, unknown>): DossierLite {
  return {
    id: String(r.id),
    code: (r.code as string | null) ?? null,
    status: Number(r.status),
    procedure_code: String(r.procedure_code),
    procedure_name: String(r.procedure_name),
    procedure_version_id: String(r.procedure_version_id),
    case_code: String(r.case_code),
    agency_id: String(r.agency_id),
    agency_name: String(r.agency_name ?? r.agency_id),
    received_at: ms(r.received_at)!,
    finished_at: ms(r.finished_at),
    due_at: ms(r.due_at),
    duration_amount: Number(r.duration_amount),
    duration_unit: String(r.duration_unit),
    timeliness: (r.timeliness as string | null) ?? null,
    workflow: json<Workflow>(r.workflow),
    current_step: (r.current_step as string | null) ?? null,
    step_started_at: ms(r.step_started_at),
    paused_at: ms(r.paused_at),
  };
}

/**
 * The events that matter (pauses and step outcomes) of the dossiers matching
 * `where` (alias d), with only the fields needed: the step's role and quota
 * are looked up in SQL, so the workflows never leave the database.
 */
async function loadEvents(tx: Tx, where: SQL): Promise<Map<string, EventLite[]>> {
  const out = new Map<string, EventLite[]>();
  const list = await rows<Record<string, unknown>>(
    tx,
    sql`SELECT e.dossier_id, e.action, e.at, e.from_status, e.actor_id, e.actor_name,
               CASE WHEN e.action IN ('forward', 'send_back', 'complete') THEN (e.data->'stepOutcome')::text END AS o
        FROM dossier_events e
        JOIN dossiers d ON d.id = e.dossier_id
        WHERE ${where}
          AND e.action IN ('request_supplement', 'request_payment', 'submit_supplement', 'confirm_payment', 'forward', 'send_back', 'complete')
        ORDER BY e.dossier_id, e.seq`,
  );
  for (const r of list) {
    const id = String(r.dossier_id);
    const e: EventLite = {
      dossier_id: id,
      action: String(r.action),
      at: ms(r.at)!,
      from_status: r.from_status === null ? null : Number(r.from_status),
      actor_id: (r.actor_id as string | null) ?? null,
      actor_name: (r.actor_name as string | null) ?? null,
      outcome: outcomeOf(r.o),
    };
    const l = out.get(id);
    if (l) l.push(e);
    else out.set(id, [e]);
  }
  return out;
}

/** The legal duration in working days (calendar days stay calendar days; hours are eighths of a day). */
function legalDays(d: DossierLite): number {
  return d.duration_unit === 'working_hours' ? d.duration_amount / 8 : d.duration_amount;
}

/** The dossiers matching `where`; the workflow (large) only when asked for. */
function dossierSelect(where: SQL, withWorkflow = false): SQL {
  return sql`SELECT d.id, d.code, d.status, d.procedure_code, d.procedure_name, d.procedure_version_id, d.case_code, d.agency_id, a.name AS agency_name, d.received_at, d.finished_at,
                    d.due_at, d.duration_amount, d.duration_unit, d.timeliness, ${withWorkflow ? sql`d.workflow` : sql`NULL::jsonb AS workflow`}, d.current_step, d.step_started_at, d.paused_at
             FROM dossiers d JOIN agencies a ON a.id = d.agency_id WHERE ${where}`;
}

function scopeCond(scope: string[] | null, procedure?: string): SQL[] {
  const conds: SQL[] = [];
  if (scope) conds.push(sql`d.agency_id = ANY(${textArray(scope)})`);
  if (procedure) conds.push(sql`d.procedure_code = ${procedure}`);
  return conds;
}

/** One measured step: time spent (office hours, pauses excluded) against its quota. */
export interface StepTime {
  dossierId: string;
  step: string;
  stepName: string;
  role: string;
  agencyId: string;
  officerId: string | null;
  officerName: string | null;
  spentHours: number;
  quotaHours: number | null;
}

/** The step outcomes of a dossier, measured. */
async function stepTimes(d: DossierLite, events: EventLite[], cals: Calendars, end: number, book: StepBook): Promise<StepTime[]> {
  const cal = await cals.of(d.agency_id);
  const steps = book.get(bookKey(d));
  const pauses = pausesOf(events, end);
  const out: StepTime[] = [];
  for (const e of events) {
    const o = e.outcome;
    if (!o) continue;
    const spent = activeMs(o.startedAt, o.endedAt, pauses, cal) / HOUR;
    const step = steps?.get(o.step);
    out.push({
      dossierId: d.id,
      step: o.step,
      stepName: o.stepName,
      role: step?.role ?? 'unknown',
      agencyId: o.agencyId,
      officerId: e.actor_id,
      officerName: e.actor_name,
      spentHours: spent,
      quotaHours: step ? step.quotaHours : null,
    });
  }
  return out;
}

export interface DurationRow {
  key: string;
  name: string;
  count: number;
  legalDays: number | null;
  legalUnit: string | null;
  medianDays: number | null;
  p90Days: number | null;
  lateShare: number;
}

export interface TimeRow {
  key: string;
  name: string;
  role: string | null;
  count: number;
  medianHours: number | null;
  totalHours: number;
  quotaHours: number | null;
  overQuotaShare: number;
}

export interface LateStepRow {
  key: string;
  name: string;
  count: number;
  overrunHours: number;
}

export interface TimingReport {
  from: string;
  to: string;
  agency: { id: string; name: string } | null;
  finished: number;
  procedures: DurationRow[];
  agencies: DurationRow[];
  steps: TimeRow[];
  roles: TimeRow[];
  officers: TimeRow[];
  lateSteps: { byStep: LateStepRow[]; byAgency: LateStepRow[]; dossiers: { id: string; code: string | null; procedureName: string; stepName: string; agencyName: string; overrunHours: number }[] };
}

function durationRows(items: { key: string; name: string; legal: number; unit: string; days: number; late: boolean }[]): DurationRow[] {
  const groups = new Map<string, typeof items>();
  for (const it of items) {
    const g = groups.get(it.key);
    if (g) g.push(it);
    else groups.set(it.key, [it]);
  }
  return [...groups.entries()]
    .map(([key, g]) => {
      const legals = new Set(g.map((x) => `${x.legal}|${x.unit}`));
      const one = legals.size === 1;
      return {
        key,
        name: g[0].name,
        count: g.length,
        legalDays: one ? g[0].legal : round(percentile(g.map((x) => x.legal), 0.5)),
        legalUnit: one ? g[0].unit : null,
        medianDays: round(percentile(g.map((x) => x.days), 0.5)),
        p90Days: round(percentile(g.map((x) => x.days), 0.9)),
        lateShare: round(g.filter((x) => x.late).length / g.length, 4)!,
      };
    })
    .sort((a, b) => (b.medianDays ?? 0) - (a.medianDays ?? 0) || a.name.localeCompare(b.name, 'vi'));
}

function timeRows(items: StepTime[], keyOf: (s: StepTime) => string | null, nameOf: (s: StepTime) => string, withRole: boolean): TimeRow[] {
  const groups = new Map<string, StepTime[]>();
  for (const s of items) {
    const k = keyOf(s);
    if (k === null) continue;
    const g = groups.get(k);
    if (g) g.push(s);
    else groups.set(k, [s]);
  }
  return [...groups.entries()]
    .map(([key, g]) => {
      const quotas = g.map((x) => x.quotaHours).filter((q): q is number => q !== null);
      return {
        key,
        name: nameOf(g[0]),
        role: withRole ? g[0].role : null,
        count: g.length,
        medianHours: round(percentile(g.map((x) => x.spentHours), 0.5)),
        totalHours: round(g.reduce((a, x) => a + x.spentHours, 0))!,
        quotaHours: round(percentile(quotas, 0.5)),
        overQuotaShare: round(g.filter((x) => x.quotaHours !== null && x.spentHours > x.quotaHours).length / g.length, 4)!,
      };
    })
    .sort((a, b) => b.totalHours - a.totalHours);
}

/** The step of a late dossier that overran its quota the most (null when none overran). */
export function culpritStep(steps: StepTime[]): (StepTime & { overrunHours: number }) | null {
  let best: (StepTime & { overrunHours: number }) | null = null;
  for (const s of steps) {
    if (s.quotaHours === null) continue;
    const over = s.spentHours - s.quotaHours;
    if (over > 0 && (!best || over > best.overrunHours)) best = { ...s, overrunHours: over };
  }
  return best;
}

export async function timingReport(ctx: AppContext, p: Principal, q: TimingQuery): Promise<TimingReport> {
  checkPeriod(q.from, q.to);
  return ctx.db.transaction(async (tx) => {
    const { scope, agency } = await reportScope(tx, p, q.agency);
    const conds = [sql`d.status IN (9, 10)`, sql`d.received_at IS NOT NULL`, sql`d.finished_at IS NOT NULL`, sql`d.finish_day BETWEEN ${q.from}::date AND ${q.to}::date`, ...scopeCond(scope, q.procedure)];
    const where = sql.join(conds, sql` AND `);
    const list = (await rows<Record<string, unknown>>(tx, dossierSelect(where))).map(toDossier);
    const events = await loadEvents(tx, where);
    const book = await loadStepBook(tx, where);
    const cals = new Calendars(ctx, tx);
    const agencyNames = new Map(list.map((d) => [d.agency_id, d.agency_name]));
    const measured: { key: string; name: string; agencyId: string; agencyName: string; legal: number; unit: string; days: number; late: boolean }[] = [];
    const steps: StepTime[] = [];
    const late: { d: DossierLite; culprit: StepTime & { overrunHours: number } }[] = [];
    for (const d of list) {
      const evs = events.get(d.id) ?? [];
      const cal = await cals.of(d.agency_id);
      const end = d.finished_at!;
      const active = activeMs(d.received_at, end, pausesOf(evs, end), cal);
      const days = d.duration_unit === 'calendar_days' ? (end - d.received_at) / DAY_MS : active / cal.workingDayMs;
      measured.push({ key: d.procedure_code, name: d.procedure_name, agencyId: d.agency_id, agencyName: d.agency_name, legal: legalDays(d), unit: d.duration_unit, days, late: d.timeliness === 'late' });
      const st = await stepTimes(d, evs, cals, end, book);
      steps.push(...st);
      if (d.timeliness === 'late') {
        const c = culpritStep(st);
        if (c) late.push({ d, culprit: c });
      }
    }
    const byStep = new Map<string, LateStepRow>();
    const byAgency = new Map<string, LateStepRow>();
    const stepNames = await rows<{ id: string; name: string }>(tx, sql`SELECT id, name FROM agencies WHERE id = ANY(${textArray([...new Set(steps.map((s) => s.agencyId))])})`);
    for (const a of stepNames) agencyNames.set(a.id, a.name);
    for (const { culprit } of late) {
      const s = byStep.get(culprit.stepName) ?? { key: culprit.stepName, name: culprit.stepName, count: 0, overrunHours: 0 };
      s.count++;
      s.overrunHours += culprit.overrunHours;
      byStep.set(culprit.stepName, s);
      const a = byAgency.get(culprit.agencyId) ?? { key: culprit.agencyId, name: agencyNames.get(culprit.agencyId) ?? culprit.agencyId, count: 0, overrunHours: 0 };
      a.count++;
      a.overrunHours += culprit.overrunHours;
      byAgency.set(culprit.agencyId, a);
    }
    const sortLate = (m: Map<string, LateStepRow>) => [...m.values()].map((r) => ({ ...r, overrunHours: round(r.overrunHours)! })).sort((a, b) => b.count - a.count || b.overrunHours - a.overrunHours);
    return {
      from: q.from,
      to: q.to,
      agency,
      finished: list.length,
      procedures: durationRows(measured),
      agencies: durationRows(measured.map((m) => ({ ...m, key: m.agencyId, name: m.agencyName }))),
      steps: timeRows(steps, (s) => `${s.stepName}|${s.role}`, (s) => s.stepName, true),
      roles: timeRows(steps, (s) => s.role, (s) => s.role, false),
      officers: timeRows(steps, (s) => s.officerId, (s) => s.officerName ?? s.officerId ?? '', false),
      lateSteps: {
        byStep: sortLate(byStep),
        byAgency: sortLate(byAgency),
        dossiers: late
          .sort((a, b) => b.culprit.overrunHours - a.culprit.overrunHours)
          .slice(0, 200)
          .map(({ d, culprit }) => ({ id: d.id, code: d.code, procedureName: d.procedure_name, stepName: culprit.stepName, agencyName: agencyNames.get(culprit.agencyId) ?? culprit.agencyId, overrunHours: round(culprit.overrunHours)! })),
      },
    };
  });
}

/** The late-step attribution over a period, by step (for the dashboard). */
export async function topLateSteps(ctx: AppContext, p: Principal, q: TimingQuery, limit = 5): Promise<LateStepRow[]> {
  const r = await timingReport(ctx, p, q);
  return r.lateSteps.byStep.slice(0, limit);
}

export interface AtRiskRow {
  id: string;
  code: string | null;
  procedureCode: string;
  procedureName: string;
  agencyName: string;
  currentStep: string | null;
  dueAt: string;
  predictedAt: string;
  /** Working days between the predicted finish and the due date; negative = predicted late. */
  marginDays: number;
  overdue: boolean;
  paused: boolean;
}

/**
 * Open dossiers likely to be late: the remaining steps' historical medians
 * (same procedure, last twelve months) added to now on the agency's calendar,
 * compared with the due date.
 */
export async function atRisk(ctx: AppContext, p: Principal, q: { agency?: string; procedure?: string; limit?: number }): Promise<{ items: AtRiskRow[]; open: number; total: number }> {
  const now = ctx.now().getTime();
  return ctx.db.transaction(async (tx) => {
    const { scope } = await reportScope(tx, p, q.agency);
    const openWhere = sql.join([sql`d.status IN (2, 4, 5, 6)`, sql`d.due_at IS NOT NULL`, sql`d.received_at IS NOT NULL`, ...scopeCond(scope, q.procedure)], sql` AND `);
    const open = (await rows<Record<string, unknown>>(tx, dossierSelect(openWhere, true))).map(toDossier);
    const codes = [...new Set(open.map((d) => d.procedure_code))];
    // History: finished dossiers of the same procedures over the last twelve months.
    const histWhere = sql`d.status IN (9, 10) AND d.finished_at >= ${new Date(now - 365 * DAY_MS).toISOString()}::timestamptz AND d.procedure_code = ANY(${textArray(codes)}) AND d.received_at IS NOT NULL`;
    const hist = codes.length ? (await rows<Record<string, unknown>>(tx, dossierSelect(histWhere))).map(toDossier) : [];
    const cals = new Calendars(ctx, tx);
    const events = codes.length ? await loadEvents(tx, sql`((${histWhere}) OR (${openWhere}))`) : new Map<string, EventLite[]>();
    const book = codes.length ? await loadStepBook(tx, histWhere) : new Map();
    const samples = new Map<string, number[]>();
    for (const d of hist) {
      for (const s of await stepTimes(d, events.get(d.id) ?? [], cals, d.finished_at!, book)) {
        const k = `${d.procedure_code}|${s.step}`;
        const l = samples.get(k);
        if (l) l.push(s.spentHours);
        else samples.set(k, [s.spentHours]);
      }
    }
    const medians = new Map([...samples.entries()].map(([k, v]) => [k, percentile(v, 0.5)!]));
    const out: AtRiskRow[] = [];
    for (const d of open) {
      const cal = await cals.of(d.agency_id);
      const evs = events.get(d.id) ?? [];
      const wf = d.workflow;
      let remaining = 0;
      if (wf && d.current_step) {
        const seen = new Set<string>();
        let cur: string | undefined = d.current_step;
        let first = true;
        while (cur && !seen.has(cur)) {
          seen.add(cur);
          const step = wf.steps.find((s) => s.id === cur);
          const median = medians.get(`${d.procedure_code}|${cur}`) ?? step?.quotaHours ?? 0;
          if (first && d.step_started_at) {
            const spent = activeMs(d.step_started_at, now, pausesOf(evs, now), cal) / HOUR;
            remaining += Math.max(0, median - spent);
          } else remaining += median;
          first = false;
          if (wf.ends.includes(cur)) break;
          cur = wf.transitions.find((t) => t.from === cur && (t.kind === 'forward' || t.kind === 'handoff'))?.to;
        }
      }
      const predicted = addWorkingTime(now, Math.round(remaining * HOUR), cal).getTime();
      const margin = workingTimeBetween(predicted, d.due_at!, cal) / cal.workingDayMs;
      if (margin >= 0) continue;
      out.push({
        id: d.id,
        code: d.code,
        procedureCode: d.procedure_code,
        procedureName: d.procedure_name,
        agencyName: d.agency_name,
        currentStep: wf?.steps.find((s) => s.id === d.current_step)?.name ?? d.current_step,
        dueAt: new Date(d.due_at!).toISOString(),
        predictedAt: new Date(predicted).toISOString(),
        marginDays: round(margin)!,
        overdue: d.paused_at === null && now > d.due_at!,
        paused: d.paused_at !== null,
      });
    }
    out.sort((a, b) => a.marginDays - b.marginDays);
    return { items: out.slice(0, q.limit ?? 200), open: open.length, total: out.length };
  });
}
