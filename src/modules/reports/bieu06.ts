/**
 * Biểu 06/VPCP/KSTT. The report reads the rollup of migration 0009 (two
 * cumulative counts per row, turned into cells by the kernel's
 * countsFromCumulative); the drill-down and the reference scan read the
 * dossiers' stored report days (migration 0008) with one SQL condition per
 * cell, equal to the kernel's classify().
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { rows, type Tx } from '../../db/client.ts';
import { errors } from '../../http/errors.ts';
import type { Role } from '../../kernel/auth/roles.ts';
import {
  type Bieu06Cell,
  type Bieu06Counts,
  countsFromCumulative,
  type Cumulative,
  emptyCounts,
  previousDay,
  rollupTerms,
  type RollupTerm,
  sumCounts,
} from '../../kernel/indicators/bieu06.ts';
import type { Principal } from '../auth/access.ts';
import { normalise, subtreesOf, textArray, type DossierRow } from '../dossiers/repo.ts';
import { presentMany, scopeOf, type DossierDto } from '../dossiers/service.ts';

/** Who reads reports: leaders and heads of their agencies, the reform office, supervisors, admins. */
export const REPORT_ROLES: readonly Role[] = ['leader', 'head', 'reform', 'supervisor', 'admin'];

export type GroupBy = 'field' | 'agency';

export interface Bieu06Query {
  from: string;
  to: string;
  groupBy: GroupBy;
  agency?: string;
}

export interface Bieu06Row extends Bieu06Counts {
  key: string;
  name: string;
}

export interface Bieu06Report {
  from: string;
  to: string;
  groupBy: GroupBy;
  agency: { id: string; name: string } | null;
  rows: Bieu06Row[];
  total: Bieu06Counts;
}

/** The dossiers a report may cover for the person: null = all; else the agencies (subtrees) of their report roles. */
export async function reportScope(tx: Tx, p: Principal, agency: string | undefined): Promise<{ scope: string[] | null; agency: { id: string; name: string } | null }> {
  const mine = await scopeOf(tx, p, REPORT_ROLES);
  if (mine !== null && mine.length === 0) throw errors.forbidden('Bạn không có quyền xem báo cáo.');
  if (!agency) return { scope: mine, agency: null };
  const [a] = await rows<{ id: string; name: string }>(tx, sql`SELECT id, name FROM agencies WHERE id = ${agency} OR code = ${agency}`);
  if (!a) throw errors.validation([{ path: 'agency', message: 'Không tìm thấy cơ quan.' }]);
  if (mine !== null && !mine.includes(a.id)) throw errors.forbidden('Bạn không có quyền xem báo cáo của cơ quan này.');
  return { scope: await subtreesOf(tx, [a.id]), agency: a };
}

/** The first day a report period may start on: no records before it, and PostgreSQL has no year 0. */
export const EARLIEST_REPORT_DAY = '1900-01-01';

export function checkPeriod(from: string, to: string) {
  if (from < EARLIEST_REPORT_DAY) throw errors.validation([{ path: 'from', message: 'Kỳ báo cáo phải bắt đầu từ năm 1900 trở về sau.' }]);
  if (from > to) throw errors.validation([{ path: 'to', message: 'Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.' }]);
}

/** The dossiers that count in the period at all (received by its last day, not finished before its first). */
function baseWhere(from: string, to: string, scope: string[] | null): SQL {
  const conds = [
    sql`received_day IS NOT NULL`,
    sql`status NOT IN (1, 3)`,
    sql`received_day <= ${to}::date`,
    sql`(finish_day IS NULL OR finish_day >= ${from}::date)`,
  ];
  if (scope) conds.push(sql`agency_id = ANY(${textArray(scope)})`);
  return sql.join(conds, sql` AND `);
}

/** One SQL condition per cell, equal to the kernel's classify(). */
function cellCondition(cell: Bieu06Cell, from: string, to: string): SQL {
  const f = sql`${from}::date`;
  const t = sql`${to}::date`;
  const finished = sql`(finish_day IS NOT NULL AND finish_day <= ${t})`;
  const open = sql`(finish_day IS NULL OR finish_day > ${t})`;
  switch (cell) {
    case 'received.carriedOver':
      return sql`received_day < ${f}`;
    case 'received.online':
      return sql`(received_day >= ${f} AND channel = 'online')`;
    case 'received.direct':
      return sql`(received_day >= ${f} AND channel <> 'online')`;
    case 'resolved.early':
      return sql`(${finished} AND due_day IS NOT NULL AND finish_day < due_day)`;
    case 'resolved.onTime':
      return sql`(${finished} AND (due_day IS NULL OR finish_day = due_day))`;
    case 'resolved.late':
      return sql`(${finished} AND due_day IS NOT NULL AND finish_day > due_day)`;
    case 'inProgress.overdue':
      return sql`(${open} AND due_day IS NOT NULL AND due_day < ${t})`;
    case 'inProgress.withinDeadline':
      return sql`(${open} AND (due_day IS NULL OR due_day >= ${t}))`;
  }
}

export const CELLS: readonly Bieu06Cell[] = [
  'received.carriedOver', 'received.online', 'received.direct',
  'resolved.early', 'resolved.onTime', 'resolved.late',
  'inProgress.withinDeadline', 'inProgress.overdue',
];

type KeyedCounts = { key: string; counts: Bieu06Counts }[];

/** The rollup rows of one term (see the kernel's rollupTerms). */
function termRows(t: RollupTerm): SQL {
  const lower = t.from === null ? sql`` : sql` AND period >= ${t.from}::date`;
  return sql`(grain = ${t.grain} AND period < ${t.to}::date${lower})`;
}

/** The sign with which a rollup row counts in C(x) (0: not at all). */
function signAt(x: string): SQL {
  return sql`CASE ${sql.join(rollupTerms(x).map((t) => sql`WHEN ${termRows(t)} THEN ${sql.raw(String(t.sign))}`), sql` `)} ELSE 0 END`;
}

const CUMULATIVE: (keyof Cumulative)[] = ['online', 'direct', 'early', 'onTime', 'late', 'overdueFrom', 'overdueUntil'];
const ROLLUP_COLUMN: Record<keyof Cumulative, string> = {
  online: 'recv_online', direct: 'recv_direct', early: 'fin_early', onTime: 'fin_on_time', late: 'fin_late', overdueFrom: 'od_start', overdueUntil: 'od_end',
};
/** The same measure over pending (not yet folded) changes: the signed rows whose day is on or before x. */
function pendingMeasure(m: keyof Cumulative, x: string): SQL {
  const on = sql`${x}::date`;
  switch (m) {
    case 'online': return sql`online AND r_day <= ${on}`;
    case 'direct': return sql`NOT online AND r_day <= ${on}`;
    case 'early': return sql`fin_class = -1 AND e_day <= ${on}`;
    case 'onTime': return sql`fin_class = 0 AND e_day <= ${on}`;
    case 'late': return sql`fin_class = 1 AND e_day <= ${on}`;
    case 'overdueFrom': return sql`o_day <= ${on}`;
    case 'overdueUntil': return sql`oe_day <= ${on}`;
  }
}

/** Biểu 06 counts per key from the rollup and the changes not yet folded into it, in one statement (one snapshot). */
export async function countsFromRollup(tx: Tx, q: Bieu06Query, scope: string[] | null): Promise<KeyedCounts> {
  const x1 = previousDay(q.from);
  const x2 = q.to;
  const key = sql.raw(q.groupBy === 'field' ? 'field_code' : 'agency_id');
  const inScope = scope ? sql`agency_id = ANY(${textArray(scope)})` : sql`true`;
  const cols = (i: number) => CUMULATIVE.map((m, j) => sql.raw(`sum(${ROLLUP_COLUMN[m]} * s${i}) AS c${i}_${j}`));
  const pend = (x: string, i: number) => CUMULATIVE.map((m, j) => sql`sum(sign) FILTER (WHERE ${pendingMeasure(m, x)}) AS ${sql.raw(`c${i}_${j}`)}`);
  const names = [0, 1].flatMap((i) => CUMULATIVE.map((_, j) => sql.raw(`coalesce(sum(c${i}_${j}), 0)::int AS c${i}_${j}`)));
  // A few thousand rows: parallel workers would cost more to start than the whole query.
  await tx.execute(sql`SET LOCAL max_parallel_workers_per_gather = 0`);
  const list = await rows<Record<string, number | string>>(
    tx,
    sql`SELECT key, ${sql.join(names, sql`, `)} FROM (
          SELECT key, ${sql.join([...cols(0), ...cols(1)], sql`, `)}
            FROM (SELECT ${key} AS key, r.*, ${signAt(x1)} AS s0, ${signAt(x2)} AS s1 FROM bieu06_rollup r
                   WHERE (${sql.join([...rollupTerms(x1), ...rollupTerms(x2)].map(termRows), sql` OR `)}) AND ${inScope}) r
           GROUP BY 1
          UNION ALL
          SELECT ${key}, ${sql.join([...pend(x1, 0), ...pend(x2, 1)], sql`, `)}
            FROM bieu06_pending WHERE ${inScope} GROUP BY 1
        ) c GROUP BY key`,
  );
  const cumulative = (r: Record<string, number | string>, i: number) =>
    Object.fromEntries(CUMULATIVE.map((m, j) => [m, Number(r[`c${i}_${j}`])])) as unknown as Cumulative;
  return list
    .map((r) => ({ key: String(r.key), counts: countsFromCumulative(cumulative(r, 0), cumulative(r, 1)) }))
    .filter((r) => r.counts.received.total > 0);
}

/** The same counts by scanning every dossier of the period (the reference the rollup is tested against). */
export async function countsFromScan(tx: Tx, q: Bieu06Query, scope: string[] | null): Promise<KeyedCounts> {
  const keyCol = q.groupBy === 'field' ? sql`field_code` : sql`agency_id`;
  const counts = CELLS.map((c, i) => sql`count(*) FILTER (WHERE ${cellCondition(c, q.from, q.to)})::int AS c${sql.raw(String(i))}`);
  const list = await rows<Record<string, number | string>>(
    tx,
    sql`SELECT ${keyCol} AS key, ${sql.join(counts, sql`, `)} FROM dossiers WHERE ${baseWhere(q.from, q.to, scope)} GROUP BY 1`,
  );
  return list.map((r) => {
    const c = emptyCounts();
    CELLS.forEach((cell, i) => {
      const [g, k] = cell.split('.') as [keyof Bieu06Counts, string];
      const n = Number(r[`c${i}`]);
      (c[g] as Record<string, number>)[k] = n;
      (c[g] as Record<string, number>).total += n;
    });
    return { key: String(r.key), counts: c };
  });
}

export async function bieu06(ctx: AppContext, p: Principal, q: Bieu06Query): Promise<Bieu06Report> {
  checkPeriod(q.from, q.to);
  return ctx.db.transaction(async (tx) => {
    const { scope, agency } = await reportScope(tx, p, q.agency);
    const list = await countsFromRollup(tx, q, scope);
    const keys = list.map((r) => r.key);
    const names = new Map(
      (q.groupBy === 'field'
        ? await rows<{ key: string; name: string }>(tx, sql`SELECT code AS key, name FROM procedure_fields WHERE code = ANY(${textArray(keys)})`)
        : await rows<{ key: string; name: string }>(tx, sql`SELECT id AS key, name FROM agencies WHERE id = ANY(${textArray(keys)})`)
      ).map((r) => [r.key, r.name]),
    );
    const out: Bieu06Row[] = list.map((r) => ({ key: r.key, name: names.get(r.key) ?? r.key, ...r.counts }));
    out.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    return { from: q.from, to: q.to, groupBy: q.groupBy, agency, rows: out, total: sumCounts(out) };
  });
}

/** The dossiers behind one number of the report (drill-down). */
export async function bieu06Dossiers(
  ctx: AppContext,
  p: Principal,
  q: Bieu06Query & { key?: string; cell?: Bieu06Cell | 'received' | 'resolved' | 'inProgress'; page: number; pageSize: number },
): Promise<{ items: DossierDto[]; total: number }> {
  checkPeriod(q.from, q.to);
  return ctx.db.transaction(async (tx) => {
    const { scope } = await reportScope(tx, p, q.agency);
    const conds = [baseWhere(q.from, q.to, scope)];
    if (q.key) conds.push(q.groupBy === 'field' ? sql`field_code = ${q.key}` : sql`agency_id = ${q.key}`);
    if (q.cell) {
      const cells = CELLS.filter((c) => c === q.cell || c.startsWith(`${q.cell}.`));
      conds.push(sql`(${sql.join(cells.map((c) => cellCondition(c, q.from, q.to)), sql` OR `)})`);
    }
    const where = sql.join(conds, sql` AND `);
    const list = await rows<Record<string, unknown>>(
      tx,
      sql`SELECT * FROM dossiers WHERE ${where} ORDER BY received_at, id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    );
    const [{ n }] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM dossiers WHERE ${where}`);
    return { items: await presentMany(tx, p, list.map((r) => normalise<DossierRow>(r)), ctx.now()), total: Number(n) };
  });
}

/** Moves the dossier changes appended since the last fold into the Biểu 06 rollup (the worker's job). Returns how many. */
export async function foldBieu06(ctx: AppContext): Promise<number> {
  const [r] = await rows<{ n: number | string }>(ctx.db, sql`SELECT bieu06_fold() AS n`);
  return Number(r?.n ?? 0);
}
