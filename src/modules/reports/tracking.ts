/**
 * Sổ theo dõi hồ sơ (the dossier tracking book of the one-stop unit): every
 * dossier received in a period at an agency's subtree (as the receiving unit
 * or the competent agency), one line each, with the dates of its journey:
 * received, due, sent to the competent agency (the first forward), result
 * back from it (complete) and returned to the applicant; and a note.
 *
 * Read in pages for the screen and in keyset batches for the XLSX export, so
 * that a province-year (hundreds of thousands of lines) never sits in memory.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { rows, type Tx } from '../../db/client.ts';
import { CHANNEL_NAMES, type Channel } from '../../kernel/dossier/status.ts';
import { TIMELINESS_NAMES, type Timeliness } from '../../kernel/dossier/timeliness.ts';
import { periodLine } from '../../kernel/indicators/bieu06-sheet.ts';
import type { Principal } from '../auth/access.ts';
import { textArray } from '../dossiers/repo.ts';
import type { Applicant } from '../dossiers/repo.ts';
import { vnDate } from '../slips/format.ts';
import { checkPeriod, reportScope } from './bieu06.ts';
import { reportingUnit } from './sheet.ts';

export interface TrackingQuery {
  from: string;
  to: string;
  agency?: string;
}

/** One line of the book. */
export interface TrackingLine {
  stt: number;
  id: string;
  code: string | null;
  procedure: { code: string; name: string };
  caseName: string;
  /** Số lượng hồ sơ (bộ). */
  sets: number;
  applicant: { name: string; address: string; phone: string };
  agency: { id: string; name: string };
  channel: Channel;
  status: number;
  receivedAt: string;
  dueAt: string | null;
  /** Ngày chuyển hồ sơ đến cơ quan giải quyết: the first forward. */
  forwardedAt: string | null;
  /** Ngày nhận kết quả từ cơ quan giải quyết: the result recorded (complete). */
  resultAt: string | null;
  returnedAt: string | null;
  timeliness: Timeliness | null;
  supplementCount: number;
  note: string;
}

export interface TrackingHead {
  from: string;
  to: string;
  agency: { id: string; name: string } | null;
  unit: string;
  place: string;
  period: string;
}

/** Who may read the book, and the dossiers it covers. */
export interface TrackingScope extends TrackingHead {
  where: SQL;
}

/** Checks the period and the reader's scope (403 / 400 before anything is written), and gives the filter of the book. */
export async function trackingScope(ctx: AppContext, p: Principal, q: TrackingQuery): Promise<TrackingScope> {
  checkPeriod(q.from, q.to);
  return ctx.db.transaction(async (tx) => {
    const { scope, agency } = await reportScope(tx, p, q.agency);
    const conds = [
      sql`d.received_day IS NOT NULL`,
      sql`d.status NOT IN (1, 3)`,
      sql`d.received_day >= ${q.from}::date`,
      sql`d.received_day <= ${q.to}::date`,
    ];
    if (scope) conds.push(sql`(d.agency_id = ANY(${textArray(scope)}) OR d.reception_agency_id = ANY(${textArray(scope)}))`);
    const { unit, place } = await reportingUnit(tx, p, agency);
    return { from: q.from, to: q.to, agency, unit, place, period: periodLine(q.from, q.to), where: sql.join(conds, sql` AND `) };
  });
}

interface RawLine {
  id: string;
  code: string | null;
  procedure_code: string;
  procedure_name: string;
  case_name: string;
  applicant: Applicant | string;
  channel: Channel;
  status: number | string;
  agency_id: string;
  agency_name: string;
  received_at: Date | string;
  due_at: Date | string | null;
  rescheduled_due_at: Date | string | null;
  finished_at: Date | string | null;
  returned_at: Date | string | null;
  timeliness: Timeliness | null;
  supplement_count: number | string;
  forwarded_at: Date | string | null;
  completed_at: Date | string | null;
}

const SELECT = sql`SELECT d.id, d.code, d.procedure_code, d.procedure_name, d.case_name, d.applicant, d.channel, d.status,
    d.agency_id, a.name AS agency_name, d.received_at, d.due_at, d.rescheduled_due_at, d.finished_at, d.returned_at,
    d.timeliness, d.supplement_count
  FROM dossiers d JOIN agencies a ON a.id = d.agency_id`;

/** The first forward and the last complete of each dossier, in one query for a page or batch. */
async function withJourney(db: Tx, list: Omit<RawLine, 'forwarded_at' | 'completed_at'>[]): Promise<RawLine[]> {
  if (list.length === 0) return [];
  const events = await rows<{ dossier_id: string; forwarded_at: Date | string | null; completed_at: Date | string | null }>(
    db,
    sql`SELECT dossier_id, min(at) FILTER (WHERE action = 'forward') AS forwarded_at, max(at) FILTER (WHERE action = 'complete') AS completed_at
        FROM dossier_events WHERE dossier_id = ANY(${textArray(list.map((d) => d.id))}) AND action IN ('forward', 'complete')
        GROUP BY dossier_id`,
  );
  const byId = new Map(events.map((e) => [e.dossier_id, e]));
  return list.map((d) => ({ ...d, forwarded_at: byId.get(d.id)?.forwarded_at ?? null, completed_at: byId.get(d.id)?.completed_at ?? null }));
}

const inst = (v: Date | string | null): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(v));
const iso = (v: Date | string | null) => inst(v)?.toISOString() ?? null;

/** Ghi chú: how the dossier ended or stands, and what happened on the way. */
export function noteOf(r: Pick<RawLine, 'status' | 'timeliness' | 'supplement_count' | 'rescheduled_due_at' | 'channel' | 'due_at'>, now: Date): string {
  const parts: string[] = [];
  const status = Number(r.status);
  const due = inst(r.due_at);
  if ((status === 9 || status === 10) && r.timeliness) {
    const t = TIMELINESS_NAMES[r.timeliness].toLowerCase();
    parts.push(status === 10 ? `Giải quyết ${t}` : `Có kết quả ${t}, chờ trả`);
  } else if (status === 8) parts.push('Dừng giải quyết');
  else if (status === 7) parts.push('Tổ chức, cá nhân rút hồ sơ');
  else if (status === 5) parts.push('Chờ bổ sung, hoàn thiện hồ sơ');
  else if (status === 6) parts.push('Chờ thực hiện nghĩa vụ tài chính');
  else parts.push(due && now.getTime() > due.getTime() ? 'Đang giải quyết, quá hạn' : 'Đang giải quyết');
  const n = Number(r.supplement_count);
  if (n > 0) parts.push(`Bổ sung hồ sơ ${n} lần`);
  const again = inst(r.rescheduled_due_at);
  if (again) parts.push(`Hẹn lại ngày trả ${vnDate(again)}`);
  if (r.channel !== 'counter') parts.push(`Nộp ${CHANNEL_NAMES[r.channel].charAt(0).toLowerCase()}${CHANNEL_NAMES[r.channel].slice(1)}`);
  return parts.join('; ');
}

function present(r: RawLine, stt: number, now: Date): TrackingLine {
  const applicant = (typeof r.applicant === 'string' ? JSON.parse(r.applicant) : r.applicant) as Applicant;
  const status = Number(r.status);
  return {
    stt,
    id: r.id,
    code: r.code,
    procedure: { code: r.procedure_code, name: r.procedure_name },
    caseName: r.case_name,
    sets: 1,
    applicant: { name: applicant.fullName, address: applicant.address, phone: applicant.phone },
    agency: { id: r.agency_id, name: r.agency_name },
    channel: r.channel,
    status,
    receivedAt: iso(r.received_at)!,
    dueAt: iso(r.due_at),
    forwardedAt: iso(r.forwarded_at),
    resultAt: iso(r.completed_at) ?? (status === 9 || status === 10 ? iso(r.finished_at) : null),
    returnedAt: iso(r.returned_at),
    timeliness: r.timeliness,
    supplementCount: Number(r.supplement_count),
    note: noteOf(r, now),
  };
}

/** One page of the book, numbered from the start of the period. */
export async function trackingPage(
  ctx: AppContext,
  p: Principal,
  q: TrackingQuery & { page: number; pageSize: number },
): Promise<TrackingHead & { items: TrackingLine[]; total: number }> {
  const { where, ...head } = await trackingScope(ctx, p, q);
  const offset = (q.page - 1) * q.pageSize;
  return ctx.db.transaction(async (tx) => {
    const list = await withJourney(tx, await rows<RawLine>(tx, sql`${SELECT} WHERE ${where} ORDER BY d.received_at, d.id LIMIT ${q.pageSize} OFFSET ${offset}`));
    const [{ n }] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM dossiers d WHERE ${where}`);
    const now = ctx.now();
    return { ...head, items: list.map((r, i) => present(r, offset + i + 1, now)), total: Number(n) };
  });
}

/** Every line of the book, in batches (keyset on the receipt instant and id), for the export. */
export async function* trackingBatches(ctx: AppContext, scope: TrackingScope, batchSize = 1000): AsyncGenerator<TrackingLine[]> {
  let after: { at: string; id: string } | null = null;
  let stt = 0;
  const now = ctx.now();
  for (;;) {
    const cursor: SQL = after ? sql` AND (d.received_at, d.id) > (${after.at}::timestamptz, ${after.id})` : sql``;
    const list: RawLine[] = await withJourney(ctx.db, await rows<RawLine>(ctx.db, sql`${SELECT} WHERE ${scope.where}${cursor} ORDER BY d.received_at, d.id LIMIT ${batchSize}`));
    if (list.length === 0) return;
    yield list.map((r) => present(r, ++stt, now));
    const last = list[list.length - 1];
    after = { at: iso(last.received_at)!, id: last.id };
    if (list.length < batchSize) return;
  }
}
