/**
 * The Decision 766/QĐ-TTg service index per agency and period, and the
 * ranking of agencies. Counts come from one aggregate query per source
 * (dossiers grouped by competent agency; procedures; publications), whose
 * conditions mirror the kernel's rules (src/kernel/indicators/index766.ts);
 * a unit's counts are then pooled over its subtree (sums, never averages)
 * and scored by the kernel.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { rows, type Tx } from '../../db/client.ts';
import { errors } from '../../http/errors.ts';
import { zDate } from '../../http/zod-vi.ts';
import { isWorkingDay, type WorkCalendar } from '../../kernel/calendar/index.ts';
import {
  hasAllSevenComponents, poolCounts, scoreAll, totals, type Counts, type GroupTotal, type ScoredIndicator, type Total,
} from '../../kernel/indicators/index766.ts';
import { hasSystemRole, requireUser, type Principal } from '../auth/access.ts';
import { getWorkCalendar } from '../dossiers/calendar.ts';
import { subtreesOf, textArray } from '../dossiers/repo.ts';
import { checkPeriod, REPORT_ROLES } from './bieu06.ts';

type CountMap = Record<string, Counts>;

export interface IndicatorDto {
  id: string;
  group: string;
  name: string;
  max: number;
  threshold: number;
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
  score: number | null;
  status: 'scored' | 'no_data';
  reason?: string;
  formula: string;
  source: string;
}

export interface Index766Report {
  period: { from: string; to: string };
  agency: { id: string; name: string } | null;
  indicators: IndicatorDto[];
  groups: GroupTotal[];
  total: Total;
}

export interface RankingEntry {
  rank: number;
  agency: { id: string; name: string; code: string; level: string };
  indicators: { id: string; numerator: number | null; denominator: number | null; score: number | null }[];
  groups: GroupTotal[];
  total: Total;
}

// ---------------------------------------------------------------------------
// Scope

/**
 * The agencies (subtrees) the person may see the index of; null = all. A
 * report role applies to its agency's subtree; the reform role (cán bộ Nội
 * vụ), whose office scores every agency of its People's Committee, applies to
 * the subtree of the nearest People's Committee at or above its agency.
 */
async function indexScope(tx: Tx, p: Principal): Promise<string[] | null> {
  if (hasSystemRole(p, REPORT_ROLES)) return null;
  const roots: string[] = [];
  for (const g of p.grants) {
    if (!REPORT_ROLES.includes(g.role) || !g.agencyId) continue;
    if (g.role !== 'reform') {
      roots.push(g.agencyId);
      continue;
    }
    const [c] = await rows<{ id: string }>(
      tx,
      sql`WITH RECURSIVE up AS (SELECT id, parent_id, kind, 0 AS depth FROM agencies WHERE id = ${g.agencyId}
          UNION ALL SELECT a.id, a.parent_id, a.kind, up.depth + 1 FROM agencies a JOIN up ON a.id = up.parent_id WHERE up.depth < 20)
          SELECT id FROM up WHERE kind = 'people_committee' ORDER BY depth LIMIT 1`,
    );
    roots.push(c?.id ?? g.agencyId);
  }
  if (roots.length === 0) throw errors.forbidden('Bạn không có quyền xem Bộ chỉ số phục vụ người dân, doanh nghiệp.');
  return subtreesOf(tx, roots);
}

async function findAgency(tx: Tx, idOrCode: string, path: string) {
  const [a] = await rows<{ id: string; name: string; code: string; level: string }>(
    tx,
    sql`SELECT id, name, code, level FROM agencies WHERE id = ${idOrCode} OR code = ${idOrCode}`,
  );
  if (!a) throw errors.validation([{ path, message: 'Không tìm thấy cơ quan.' }]);
  return a;
}

// ---------------------------------------------------------------------------
// Counts

const vnDay = (col: string) => sql.raw(`(((${col} AT TIME ZONE 'UTC') + interval '7 hours')::date)`);

/** Dossier counts of each competent agency (2.1, 3.3, 4.1, 4.2, 5.4), in one query. */
async function dossierCountsByAgency(tx: Tx, from: string, to: string, scope: string[] | null): Promise<Map<string, CountMap>> {
  const f = sql`${from}::date`;
  const t = sql`${to}::date`;
  const pausedDay = vnDay('paused_at');
  const counted = sql`(received_day <= ${t} AND (finish_day IS NULL OR finish_day >= ${f}))`;
  const finished = sql`(finish_day IS NOT NULL AND finish_day <= ${t})`;
  const paused = sql`(status IN (5, 6) AND paused_at IS NOT NULL AND ${pausedDay} <= ${t})`;
  const onTime = sql`(CASE
      WHEN ${finished} THEN (due_day IS NULL OR finish_day <= due_day)
      WHEN ${paused} THEN (NOT (status = 5 AND supplement_count > 1) AND (due_day IS NULL OR ${pausedDay} <= due_day))
      ELSE (due_day IS NULL OR due_day >= ${t}) END)`;
  const received = sql`(received_day >= ${f} AND received_day <= ${t})`;
  const resolved = sql`(${counted} AND ${finished})`;
  const hasResult = sql`EXISTS (SELECT 1 FROM dossier_files df WHERE df.dossier_id = d.id AND df.kind = 'result')`;
  const hasComponents = sql`EXISTS (SELECT 1 FROM dossier_files df WHERE df.dossier_id = d.id AND df.kind IN ('component', 'supplement'))`;
  const dislike = sql`EXISTS (SELECT 1 FROM dossier_ratings r WHERE r.dossier_id = d.id AND r.level = 'not_satisfied')`;
  // Every count below is of dossiers counted in the period (received ones are, as nothing finishes
  // before its receipt: a check constraint), so those finished before it are left out at once.
  const conds = [sql`received_day IS NOT NULL`, sql`status NOT IN (1, 3)`, counted];
  if (scope) conds.push(sql`agency_id = ANY(${textArray(scope)})`);
  const list = await rows<Record<string, string | number>>(
    tx,
    sql`SELECT agency_id,
        count(*) FILTER (WHERE ${counted})::int AS d21,
        count(*) FILTER (WHERE ${counted} AND ${onTime})::int AS n21,
        count(*) FILTER (WHERE ${received})::int AS d33,
        count(*) FILTER (WHERE ${received} AND channel = 'online')::int AS n33,
        count(*) FILTER (WHERE ${resolved} AND status IN (9, 10))::int AS d41,
        count(*) FILTER (WHERE ${resolved} AND status IN (9, 10) AND ${hasResult})::int AS n41,
        count(*) FILTER (WHERE ${received} AND ${hasComponents} AND (status NOT IN (9, 10) OR ${hasResult}))::int AS n42,
        count(*) FILTER (WHERE ${resolved})::int AS d54,
        count(*) FILTER (WHERE ${resolved} AND (due_day IS NULL OR finish_day <= due_day) AND NOT ${dislike})::int AS n54
      FROM dossiers d WHERE ${sql.join(conds, sql` AND `)} GROUP BY agency_id`,
  );
  const out = new Map<string, CountMap>();
  for (const r of list) {
    const n = (k: string) => Number(r[k]);
    out.set(String(r.agency_id), {
      '2.1': { numerator: n('n21'), denominator: n('d21') },
      '3.3': { numerator: n('n33'), denominator: n('d33') },
      '4.1': { numerator: n('n41'), denominator: n('d41') },
      '4.2': { numerator: n('n42'), denominator: n('d33') },
      '5.4': { numerator: n('n54'), denominator: n('d54') },
    });
  }
  return out;
}

interface ProcedureFacts {
  id: string;
  agencyIds: string[];
  online: boolean;
  complete: boolean;
  /** Agencies that received an online dossier of it in the period. */
  onlineDossierAgencies: Set<string>;
}

interface PublicationFacts {
  agencyIds: string[];
  decisionDate: string | null;
  effectiveDate: string | null;
}

/** The published procedures (1.3, 3.1, 3.2) and the publication decisions issued in the period (1.1, one per procedure and decision). */
async function procedureFacts(tx: Tx, from: string, to: string): Promise<{ procedures: ProcedureFacts[]; publications: PublicationFacts[] }> {
  const list = await rows<{
    id: string; agency_ids: string[]; online_type: string; steps: string | null; submission_means: string | null; n_components: number;
    time_limit: string | null; applicants: string | null; competent_agency: string | null; result: string | null;
  }>(
    tx,
    sql`SELECT p.id, v.agency_ids, v.online_type, v.steps, v.submission_means, jsonb_array_length(v.dossier_components)::int AS n_components,
               v.time_limit, v.applicants, v.competent_agency, v.result
        FROM procedures p JOIN procedure_versions v ON v.id = p.published_version_id`,
  );
  const online = await rows<{ procedure_id: string; agency_id: string }>(
    tx,
    sql`SELECT DISTINCT procedure_id, agency_id FROM dossiers
        WHERE channel = 'online' AND status NOT IN (1, 3) AND received_day >= ${from}::date AND received_day <= ${to}::date`,
  );
  const byProc = new Map<string, Set<string>>();
  for (const o of online) {
    const s = byProc.get(o.procedure_id) ?? new Set<string>();
    s.add(o.agency_id);
    byProc.set(o.procedure_id, s);
  }
  const procedures = list.map((r) => ({
    id: r.id,
    agencyIds: r.agency_ids ?? [],
    online: r.online_type === 'full' || r.online_type === 'partial',
    complete: hasAllSevenComponents({
      steps: r.steps, submissionMeans: r.submission_means, dossierComponents: Number(r.n_components), timeLimit: r.time_limit,
      applicants: r.applicants, competentAgency: r.competent_agency, result: r.result,
    }),
    onlineDossierAgencies: byProc.get(r.id) ?? new Set<string>(),
  }));
  const pubs = await rows<{ agency_ids: string[]; decision_date: string | Date | null; effective_date: string | Date | null }>(
    tx,
    sql`SELECT DISTINCT ON (procedure_id, decision_number, decision_date) agency_ids, decision_date, effective_date FROM procedure_versions
        WHERE status <> 'draft' AND decision_date BETWEEN ${from}::date AND ${to}::date
        ORDER BY procedure_id, decision_number, decision_date, number DESC`,
  );
  const iso = (v: string | Date | null) => (v === null ? null : typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10));
  return { procedures, publications: pubs.map((p) => ({ agencyIds: p.agency_ids ?? [], decisionDate: iso(p.decision_date), effectiveDate: iso(p.effective_date) })) };
}

/** Whether the decision was issued at least 5 working days before the effective date (province level, Decree 63/2010 Art. 15). */
function publishedOnTime(decision: string, effective: string, cal: WorkCalendar): boolean | null {
  try {
    let day = effective;
    let left = 5;
    for (let guard = 0; left > 0 && guard < 60; guard++) {
      const dt = new Date(`${day}T00:00:00Z`);
      dt.setUTCDate(dt.getUTCDate() - 1);
      day = dt.toISOString().slice(0, 10);
      if (isWorkingDay(day, cal)) left -= 1;
    }
    return decision <= day;
  } catch {
    return null; // outside the calendar's years
  }
}

interface Facts {
  dossiers: Map<string, CountMap>;
  procedures: ProcedureFacts[];
  publications: PublicationFacts[];
  cal: WorkCalendar;
}

/** The counts of a unit: its subtree's dossier counts summed, its subtree's procedures counted once each. */
function countsFor(facts: Facts, subtree: string[] | null): { counts: CountMap; reasons: Record<string, string> } {
  const inScope = (ids: string[]) => subtree === null || ids.some((a) => subtree.includes(a));
  const dossierMaps = subtree === null ? [...facts.dossiers.values()] : subtree.map((a) => facts.dossiers.get(a)).filter((m): m is CountMap => !!m);
  const counts: CountMap = poolCounts(dossierMaps);
  for (const id of ['2.1', '3.3', '4.1', '4.2', '5.4']) counts[id] ??= { numerator: 0, denominator: 0 };
  const reasons: Record<string, string> = {
    '2.1': 'Không có hồ sơ tiếp nhận hoặc xử lý trong kỳ.',
    '3.3': 'Không có hồ sơ tiếp nhận trong kỳ.',
    '4.1': 'Không có hồ sơ có kết quả giải quyết trong kỳ.',
    '4.2': 'Không có hồ sơ tiếp nhận trong kỳ.',
    '5.4': 'Không có hồ sơ giải quyết xong trong kỳ.',
    '1.3': 'Không có TTHC đang công bố thuộc phạm vi này.',
    '3.1': 'Không có TTHC đang công bố thuộc phạm vi này.',
    '3.2': 'Không có TTHC cung cấp dịch vụ công trực tuyến thuộc phạm vi này.',
    '1.1': 'Không có quyết định công bố TTHC nào ban hành trong kỳ (có ghi ngày ban hành và ngày có hiệu lực).',
  };
  const procs = facts.procedures.filter((p) => inScope(p.agencyIds));
  counts['1.3'] = { numerator: procs.filter((p) => p.complete).length, denominator: procs.length };
  const onl = procs.filter((p) => p.online);
  counts['3.1'] = { numerator: onl.length, denominator: procs.length };
  counts['3.2'] = {
    numerator: onl.filter((p) => subtree === null ? p.onlineDossierAgencies.size > 0 : [...p.onlineDossierAgencies].some((a) => subtree.includes(a))).length,
    denominator: onl.length,
  };
  let n11 = 0;
  let d11 = 0;
  for (const v of facts.publications) {
    if (!inScope(v.agencyIds) || !v.decisionDate || !v.effectiveDate) continue;
    const ok = publishedOnTime(v.decisionDate, v.effectiveDate, facts.cal);
    if (ok === null) continue;
    d11 += 1;
    if (ok) n11 += 1;
  }
  counts['1.1'] = { numerator: n11, denominator: d11 };
  return { counts, reasons };
}

function present(scored: ScoredIndicator[]): IndicatorDto[] {
  return scored.map((s) => ({
    id: s.def.id,
    group: s.def.group,
    name: s.def.name,
    max: s.def.max,
    threshold: s.def.threshold,
    numerator: s.numerator,
    denominator: s.denominator,
    rate: s.result.status === 'scored' ? Math.round(s.result.rate * 10000) / 10000 : null,
    score: s.result.status === 'scored' ? s.result.score : null,
    status: s.result.status,
    ...(s.result.status === 'no_data' ? { reason: s.result.reason } : {}),
    formula: s.def.formula,
    source: s.def.source,
  }));
}

async function loadFacts(ctx: AppContext, tx: Tx, from: string, to: string, scope: string[] | null): Promise<Facts> {
  const [dossiers, p, cal] = [
    await dossierCountsByAgency(tx, from, to, scope),
    await procedureFacts(tx, from, to),
    await getWorkCalendar(ctx, null, tx),
  ];
  return { dossiers, procedures: p.procedures, publications: p.publications, cal };
}

// ---------------------------------------------------------------------------
// Use cases

export async function index766(ctx: AppContext, p: Principal, q: { from: string; to: string; agency?: string }): Promise<Index766Report> {
  checkPeriod(q.from, q.to);
  return ctx.db.transaction(async (tx) => {
    const mine = await indexScope(tx, p);
    let agency: { id: string; name: string } | null = null;
    let subtree = mine;
    if (q.agency) {
      const a = await findAgency(tx, q.agency, 'agency');
      if (mine !== null && !mine.includes(a.id)) throw errors.forbidden('Bạn không có quyền xem chỉ số của cơ quan này.');
      agency = { id: a.id, name: a.name };
      subtree = await subtreesOf(tx, [a.id]);
    }
    const facts = await loadFacts(ctx, tx, q.from, q.to, subtree);
    const { counts, reasons } = countsFor(facts, subtree);
    const scored = scoreAll(counts, reasons);
    return { period: { from: q.from, to: q.to }, agency, indicators: present(scored), ...totals(scored) };
  });
}

export type RankLevel = 'province' | 'district' | 'commune';

export async function index766Ranking(
  ctx: AppContext,
  p: Principal,
  q: { from: string; to: string; parent?: string; level?: RankLevel },
): Promise<{ period: { from: string; to: string }; parent: { id: string; name: string } | null; level: RankLevel | null; items: RankingEntry[] }> {
  checkPeriod(q.from, q.to);
  if (q.parent && q.level) throw errors.validation([{ path: 'level', message: 'Chọn xếp hạng theo cơ quan cấp trên hoặc theo cấp, không chọn cả hai.' }]);
  return ctx.db.transaction(async (tx) => {
    const mine = await indexScope(tx, p);
    const active = sql`valid_from <= ${q.to}::date AND (valid_to IS NULL OR valid_to >= ${q.from}::date)`;
    let parent: { id: string; name: string } | null = null;
    let units: { id: string; name: string; code: string; level: string }[];
    if (q.level) {
      // Units of a level: the departments of the province; the People's Committees of districts or communes.
      const kind = q.level === 'province' ? 'department' : 'people_committee';
      units = await rows(tx, sql`SELECT id, name, code, level FROM agencies WHERE level = ${q.level} AND kind = ${kind} AND ${active}`);
    } else {
      let parentId = q.parent;
      if (!parentId) {
        // Default: the top of what the person sees.
        const [top] = mine === null
          ? await rows<{ id: string }>(tx, sql`SELECT id FROM agencies WHERE parent_id IS NULL AND ${active} ORDER BY valid_from, id LIMIT 1`)
          : await rows<{ id: string }>(tx, sql`SELECT id FROM agencies WHERE id = ANY(${textArray(mine)}) AND (parent_id IS NULL OR NOT parent_id = ANY(${textArray(mine)})) ORDER BY level, id LIMIT 1`);
        parentId = top?.id;
      }
      if (!parentId) return { period: { from: q.from, to: q.to }, parent: null, level: null, items: [] };
      const a = await findAgency(tx, parentId, 'parent');
      if (mine !== null && !mine.includes(a.id)) throw errors.forbidden('Bạn không có quyền xem xếp hạng các cơ quan này.');
      parent = { id: a.id, name: a.name };
      units = await rows(tx, sql`SELECT id, name, code, level FROM agencies WHERE parent_id = ${a.id} AND ${active}`);
    }
    if (mine !== null) units = units.filter((u) => mine.includes(u.id));
    const facts = await loadFacts(ctx, tx, q.from, q.to, mine);
    const items: Omit<RankingEntry, 'rank'>[] = [];
    for (const u of units) {
      const subtree = await subtreesOf(tx, [u.id]);
      const { counts, reasons } = countsFor(facts, subtree);
      const scored = scoreAll(counts, reasons);
      const t = totals(scored);
      items.push({
        agency: u,
        indicators: scored.map((s) => ({ id: s.def.id, numerator: s.numerator, denominator: s.denominator, score: s.result.status === 'scored' ? s.result.score : null })),
        ...t,
      });
    }
    items.sort((a, b) => (b.total.percent ?? -1) - (a.total.percent ?? -1) || a.agency.name.localeCompare(b.agency.name, 'vi'));
    let rank = 0;
    let prev: number | null | undefined;
    const ranked = items.map((it, i) => {
      if (it.total.percent !== prev) rank = i + 1;
      prev = it.total.percent;
      return { rank, ...it };
    });
    return { period: { from: q.from, to: q.to }, parent, level: q.level ?? null, items: ranked };
  });
}

// ---------------------------------------------------------------------------
// Routes

const tags = ['Báo cáo'];
const zGroup = z.object({ id: z.string(), name: z.string(), max: z.number(), score: z.number(), maxWithData: z.number() });
const zTotal = z.object({ score: z.number(), maxWithData: z.number(), max: z.number(), percent: z.number().nullable(), withoutData: z.array(z.string()) });
const zPeriodQ = z.object({
  from: zDate.describe('Ngày đầu kỳ (YYYY-MM-DD, giờ Việt Nam)'),
  to: zDate.describe('Ngày cuối kỳ (YYYY-MM-DD)'),
});

export const index766Routes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/reports/index-766',
      {
        schema: {
          tags,
          summary: 'Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766/QĐ-TTg) của một cơ quan trong kỳ',
          querystring: zPeriodQ.extend({ agency: z.string().max(100).optional().describe('Cơ quan (id hoặc mã định danh); bỏ trống: toàn bộ phạm vi được xem') }),
          response: {
            200: z.object({
              period: z.object({ from: z.string(), to: z.string() }),
              agency: z.object({ id: z.string(), name: z.string() }).nullable(),
              indicators: z.array(z.object({
                id: z.string(), group: z.string(), name: z.string(), max: z.number(), threshold: z.number(),
                numerator: z.number().nullable(), denominator: z.number().nullable(), rate: z.number().nullable(), score: z.number().nullable(),
                status: z.enum(['scored', 'no_data']), reason: z.string().optional(), formula: z.string(), source: z.string(),
              })),
              groups: z.array(zGroup),
              total: zTotal,
            }),
          },
        },
      },
      async (req) => index766(ctx, requireUser(req), req.query),
    );
    r.get(
      '/reports/index-766/ranking',
      {
        schema: {
          tags,
          summary: 'Xếp hạng các cơ quan theo Bộ chỉ số QĐ 766 (số liệu gộp theo cây cơ quan)',
          querystring: zPeriodQ.extend({
            parent: z.string().max(100).optional().describe('Xếp hạng các cơ quan trực thuộc cơ quan này'),
            level: z.enum(['province', 'district', 'commune']).optional().describe('Hoặc: các sở, ngành (province) hay UBND cấp huyện, cấp xã'),
          }),
          response: {
            200: z.object({
              period: z.object({ from: z.string(), to: z.string() }),
              parent: z.object({ id: z.string(), name: z.string() }).nullable(),
              level: z.enum(['province', 'district', 'commune']).nullable(),
              items: z.array(z.object({
                rank: z.number(),
                agency: z.object({ id: z.string(), name: z.string(), code: z.string(), level: z.string() }),
                indicators: z.array(z.object({ id: z.string(), numerator: z.number().nullable(), denominator: z.number().nullable(), score: z.number().nullable() })),
                groups: z.array(zGroup),
                total: zTotal,
              })),
            }),
          },
        },
      },
      async (req) => index766Ranking(ctx, requireUser(req), req.query),
    );
  };
