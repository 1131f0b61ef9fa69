import { sql, type SQL } from 'drizzle-orm';
import { preparedRows, rows, type Tx } from '../../db/client.ts';
import type { Status } from '../../kernel/dossier/status.ts';
import type { Workflow } from '../procedures/workflow.ts';

/** Chủ hồ sơ. */
export interface Applicant {
  fullName: string;
  idNumber: string;
  phone: string;
  email?: string | null;
  address: string;
}

export interface ComponentEntry {
  name: string;
  originals: number;
  copies: number;
  files: { sha256: string; name: string }[];
}

/** A dossier row (the projection of its events). */
export interface DossierRow {
  id: string;
  code: string | null;
  status: Status;
  channel: 'counter' | 'online' | 'postal';
  procedure_id: string;
  procedure_version_id: string;
  procedure_code: string;
  procedure_name: string;
  field_code: string;
  case_code: string;
  case_name: string;
  duration_amount: number;
  duration_unit: 'working_days' | 'working_hours' | 'calendar_days';
  same_day_cutoff: string | null;
  workflow: Workflow | null;
  agency_id: string;
  reception_agency_id: string;
  current_agency_id: string;
  involved_agencies: string[];
  current_step: string | null;
  assignee_id: string | null;
  step_started_at: Date | null;
  step_due_at: Date | null;
  applicant: Applicant;
  authorised: Applicant | null;
  applicant_name_search: string;
  id_last4: string | null;
  phone_last4: string | null;
  owner_id: string | null;
  components: ComponentEntry[];
  submitted_at: Date;
  received_at: Date | null;
  clock_started_at: Date | null;
  due_at: Date | null;
  rescheduled_due_at: Date | null;
  paused_at: Date | null;
  resume_status: Status | null;
  supplement_count: number;
  rescheduled: boolean;
  finished_at: Date | null;
  returned_at: Date | null;
  timeliness: 'early' | 'on_time' | 'late' | null;
  result: Record<string, unknown> | null;
  return_info: Record<string, unknown> | null;
  warned_at: Date | null;
  imported: boolean;
  event_count: number;
  last_hash: string;
  version: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface EventRow {
  id: number;
  dossier_id: string;
  seq: number;
  action: string;
  actor_id: string | null;
  actor_name: string | null;
  at: Date;
  from_status: number | null;
  to_status: number;
  from_step: string | null;
  to_step: string | null;
  agency_id: string | null;
  data: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
const JSON_COLS = ['workflow', 'applicant', 'authorised', 'components', 'result', 'return_info', 'data'] as const;
const DATE_COLS = [
  'step_started_at', 'step_due_at', 'submitted_at', 'received_at', 'clock_started_at', 'due_at', 'rescheduled_due_at',
  'paused_at', 'finished_at', 'returned_at', 'warned_at', 'created_at', 'updated_at', 'at',
] as const;

/** Normalises a raw driver row (dates, jsonb, numbers) the same way on PGlite and node-postgres. */
export function normalise<T>(r: Record<string, unknown>): T {
  for (const c of DATE_COLS) if (c in r) r[c] = toDate(r[c]);
  for (const c of JSON_COLS) if (c in r && typeof r[c] === 'string') r[c] = JSON.parse(r[c] as string);
  for (const c of ['status', 'resume_status', 'from_status', 'to_status', 'seq', 'event_count', 'version', 'supplement_count', 'duration_amount', 'id']) {
    if (c in r && r[c] !== null && typeof r[c] !== 'string') r[c] = Number(r[c]);
  }
  if ('status' in r && typeof r.status === 'string') r.status = Number(r.status);
  return r as T;
}

export async function findDossier(tx: Tx, idOrCode: string, forUpdate = false): Promise<DossierRow | null> {
  const lock = forUpdate ? sql` FOR UPDATE` : sql``;
  const r = await preparedRows<Record<string, unknown>>(tx, sql`SELECT * FROM dossiers WHERE id = ${idOrCode} OR code = ${idOrCode} LIMIT 1${lock}`);
  return r[0] ? normalise<DossierRow>(r[0]) : null;
}

export async function listEvents(tx: Tx, dossierId: string): Promise<EventRow[]> {
  const r = await rows<Record<string, unknown>>(tx, sql`SELECT * FROM dossier_events WHERE dossier_id = ${dossierId} ORDER BY seq`);
  return r.map((x) => normalise<EventRow>(x));
}

const jsonb = (v: unknown) => sql`${v === null || v === undefined ? null : JSON.stringify(v)}::jsonb`;
const ts = (d: Date | null | undefined) => sql`${d ? d.toISOString() : null}::timestamptz`;
const textArray = (a: string[]) => sql`${`{${a.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;

/** Inserts a dossier row (all columns given). */
function insertDossierSql(d: DossierRow): SQL {
  return sql`INSERT INTO dossiers (
    id, code, status, channel, procedure_id, procedure_version_id, procedure_code, procedure_name, field_code,
    case_code, case_name, duration_amount, duration_unit, same_day_cutoff, workflow, agency_id, reception_agency_id,
    current_agency_id, involved_agencies, current_step, assignee_id, step_started_at, step_due_at, applicant, authorised,
    applicant_name_search, id_last4, phone_last4, owner_id, components, submitted_at, received_at, clock_started_at,
    due_at, rescheduled_due_at, paused_at, resume_status, supplement_count, rescheduled, finished_at, returned_at,
    timeliness, result, return_info, warned_at, imported, event_count, last_hash, version, created_by, created_at, updated_at
  ) VALUES (
    ${d.id}, ${d.code}, ${d.status}, ${d.channel}, ${d.procedure_id}, ${d.procedure_version_id}, ${d.procedure_code},
    ${d.procedure_name}, ${d.field_code}, ${d.case_code}, ${d.case_name}, ${d.duration_amount}, ${d.duration_unit},
    ${d.same_day_cutoff}, ${jsonb(d.workflow)}, ${d.agency_id}, ${d.reception_agency_id}, ${d.current_agency_id},
    ${textArray(d.involved_agencies)}, ${d.current_step}, ${d.assignee_id}, ${ts(d.step_started_at)}, ${ts(d.step_due_at)},
    ${jsonb(d.applicant)}, ${jsonb(d.authorised)}, ${d.applicant_name_search}, ${d.id_last4}, ${d.phone_last4}, ${d.owner_id},
    ${jsonb(d.components)}, ${ts(d.submitted_at)}, ${ts(d.received_at)}, ${ts(d.clock_started_at)}, ${ts(d.due_at)},
    ${ts(d.rescheduled_due_at)}, ${ts(d.paused_at)}, ${d.resume_status}, ${d.supplement_count}, ${d.rescheduled},
    ${ts(d.finished_at)}, ${ts(d.returned_at)}, ${d.timeliness}, ${jsonb(d.result)}, ${jsonb(d.return_info)},
    ${ts(d.warned_at)}, ${d.imported}, ${d.event_count}, ${d.last_hash}, ${d.version}, ${d.created_by},
    ${ts(d.created_at)}, ${ts(d.updated_at)}
  )`;
}

/** Writes back every mutable column of the projection. */
function updateDossierSql(d: DossierRow): SQL {
  return sql`UPDATE dossiers SET
    code = ${d.code}, status = ${d.status}, agency_id = ${d.agency_id}, current_agency_id = ${d.current_agency_id},
    involved_agencies = ${textArray(d.involved_agencies)}, current_step = ${d.current_step}, assignee_id = ${d.assignee_id},
    step_started_at = ${ts(d.step_started_at)}, step_due_at = ${ts(d.step_due_at)}, components = ${jsonb(d.components)},
    received_at = ${ts(d.received_at)}, clock_started_at = ${ts(d.clock_started_at)}, due_at = ${ts(d.due_at)},
    rescheduled_due_at = ${ts(d.rescheduled_due_at)}, paused_at = ${ts(d.paused_at)}, resume_status = ${d.resume_status},
    supplement_count = ${d.supplement_count}, rescheduled = ${d.rescheduled}, finished_at = ${ts(d.finished_at)},
    returned_at = ${ts(d.returned_at)}, timeliness = ${d.timeliness}, result = ${jsonb(d.result)},
    return_info = ${jsonb(d.return_info)}, warned_at = ${ts(d.warned_at)}, event_count = ${d.event_count},
    last_hash = ${d.last_hash}, version = ${d.version}, updated_at = ${ts(d.updated_at)}
    WHERE id = ${d.id}`;
}

/**
 * Writes the projection (insert or update) and appends its event in one
 * statement, with `also` (the citizen's messages of the event): one round
 * trip instead of several, same transaction semantics.
 */
export async function writeDossierAndEvent(tx: Tx, d: DossierRow, insert: boolean, e: Omit<EventRow, 'id'>, also: SQL[] = []): Promise<void> {
  const parts = [sql`projection AS (${insert ? insertDossierSql(d) : updateDossierSql(d)})`, ...also.map((x, i) => sql`${sql.raw(`also${i}`)} AS (${x})`)];
  await preparedRows(tx, sql`WITH ${sql.join(parts, sql`, `)} ${insertEventSql(e)}`);
}

function insertEventSql(e: Omit<EventRow, 'id'>): SQL {
  return sql`INSERT INTO dossier_events
    (dossier_id, seq, action, actor_id, actor_name, at, from_status, to_status, from_step, to_step, agency_id, data, prev_hash, hash)
    VALUES (${e.dossier_id}, ${e.seq}, ${e.action}, ${e.actor_id}, ${e.actor_name}, ${ts(e.at)}, ${e.from_status}, ${e.to_status},
    ${e.from_step}, ${e.to_step}, ${e.agency_id}, ${jsonb(e.data)}, ${e.prev_hash}, ${e.hash})`;
}

/** Next number of the day's sequence for a receiving agency (row-locked until commit). */
export async function nextCodeNumber(tx: Tx, agencyId: string, day: string): Promise<number> {
  const r = await rows<{ last: number }>(
    tx,
    sql`INSERT INTO dossier_code_counters (agency_id, day, last) VALUES (${agencyId}, ${day}::date, 1)
        ON CONFLICT (agency_id, day) DO UPDATE SET last = dossier_code_counters.last + 1 RETURNING last`,
  );
  return Number(r[0].last);
}

/** Agencies (ids) in the subtrees of the given agencies. */
export async function subtreesOf(tx: Tx, roots: string[]): Promise<string[]> {
  if (roots.length === 0) return [];
  const r = await rows<{ id: string }>(
    tx,
    sql`WITH RECURSIVE t AS (SELECT id FROM agencies WHERE id = ANY(${textArray(roots)})
        UNION SELECT a.id FROM agencies a JOIN t ON a.parent_id = t.id) SELECT id FROM t`,
  );
  return r.map((x) => x.id);
}

export interface ListFilter {
  /** null: every agency. */
  scope: string[] | null;
  ownerId?: string;
  where: SQL[];
  page: number;
  pageSize: number;
  /** due: the most urgent first (work queues); recent: the newest first (all, finished, a citizen's own). */
  order?: 'due' | 'recent';
}

export async function listDossiers(tx: Tx, f: ListFilter): Promise<{ items: DossierRow[]; total: number }> {
  const conds: SQL[] = [...f.where];
  if (f.ownerId) conds.push(sql`owner_id = ${f.ownerId}`);
  if (f.scope) conds.push(sql`involved_agencies && ${textArray(f.scope)}`);
  const where = conds.length ? sql`WHERE ${sql.join(conds, sql` AND `)}` : sql``;
  const items = await rows<Record<string, unknown>>(
    tx,
    sql`SELECT * FROM dossiers ${where} ORDER BY ${
      f.order === 'recent' ? sql`submitted_at DESC, id` : sql`coalesce(due_at, submitted_at) ASC, submitted_at DESC, id`
    } LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
  );
  const [{ n }] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM dossiers ${where}`);
  return { items: items.map((x) => normalise<DossierRow>(x)), total: Number(n) };
}

export async function countWhere(tx: Tx, scope: string[] | null, conds: SQL[], ownerId?: string): Promise<number> {
  const all = [...conds];
  if (ownerId) all.push(sql`owner_id = ${ownerId}`);
  if (scope) all.push(sql`involved_agencies && ${textArray(scope)}`);
  const where = all.length ? sql`WHERE ${sql.join(all, sql` AND `)}` : sql``;
  const [{ n }] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM dossiers ${where}`);
  return Number(n);
}

export { textArray, jsonb, ts };
