/**
 * The dossier engine (hồ sơ): creation at the counter or online, and every
 * action of the lifecycle. A dossier changes only by an action: the action
 * is appended to its hash-chained event log and the dossier row (the
 * projection) is updated in the same transaction, under a row lock and an
 * expected version.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { rows, type Tx } from '../../db/client.ts';
import { errors, AppError } from '../../http/errors.ts';
import { grantsAllow, type Role } from '../../kernel/auth/roles.ts';
import { addWorkingTime, dueDate, resumeDue, type WorkCalendar } from '../../kernel/calendar/index.ts';
import { formatDossierCode, vnDay } from '../../kernel/dossier/code.ts';
import { eventHash, GENESIS_HASH } from '../../kernel/dossier/hash.ts';
import {
  ACTION_NAMES, actionAllowed, ACTIONS, type Action, type Channel, isFinished, STATUS, STATUS_NAMES, type Status,
} from '../../kernel/dossier/status.ts';
import { timelinessOf } from '../../kernel/dossier/timeliness.ts';
import { hasSystemRole, mayActAt, type Principal } from '../auth/access.ts';
import { ancestry, getAgency } from '../agencies/repo.ts';
import * as procRepo from '../procedures/repo.ts';
import { foldVietnamese } from '../procedures/text.ts';
import type { Workflow, WorkflowStep } from '../procedures/workflow.ts';
import { getWorkCalendar } from './calendar.ts';
import { agencyTree, type AgencyTree } from '../calendar/service.ts';
import { ratingOf, type RatingDto } from '../citizen/repo.ts';
import { prepareDossierNotifications } from '../notifications/enqueue.ts';
import * as repo from './repo.ts';
import type { Applicant, ComponentEntry, DossierRow, EventRow } from './repo.ts';

/** Roles that work on dossiers inside an agency. */
export const OFFICER_ROLES: readonly Role[] = ['reception', 'specialist', 'head', 'leader', 'clerk'];
/** Roles that may read dossiers in their scope. */
export const READER_ROLES: readonly Role[] = [...OFFICER_ROLES, 'supervisor', 'reform', 'admin'];

export interface ApplicantInput {
  fullName: string;
  idNumber: string;
  phone: string;
  email?: string | null;
  address: string;
}

export interface ComponentInput {
  name: string;
  originals?: number;
  copies?: number;
  files?: { sha256: string; name?: string }[];
}

export interface CreateInput {
  procedureCode: string;
  caseCode?: string;
  channel: Channel;
  agencyId?: string;
  applicant: ApplicantInput;
  authorised?: ApplicantInput | null;
  components: ComponentInput[];
  note?: string;
}

export type ActionInput = { action: Action; expectedVersion: number } & Record<string, unknown>;

// ——— calendars ———

async function calendarOf(ctx: AppContext, agencyId: string, tx: Tx): Promise<WorkCalendar> {
  return getWorkCalendar(ctx, agencyId, tx);
}

// ——— helpers ———

function stepOf(d: Pick<DossierRow, 'workflow'>, id: string | null): WorkflowStep | null {
  if (!id || !d.workflow) return null;
  return d.workflow.steps.find((s) => s.id === id) ?? null;
}

/** The agency that acts at a step: the step's own, the one-stop unit for reception steps, else the competent agency. */
export function stepAgency(d: Pick<DossierRow, 'agency_id' | 'reception_agency_id'>, step: WorkflowStep | null): string {
  if (step?.agencyId) return step.agencyId;
  if (step?.role === 'reception') return d.reception_agency_id;
  return d.agency_id;
}

const last4 = (s: string) => s.replace(/\D/g, '').slice(-4) || null;

function normaliseApplicant(a: ApplicantInput): Applicant {
  return {
    fullName: a.fullName.trim().replace(/\s+/g, ' '),
    idNumber: a.idNumber.trim().toUpperCase(),
    phone: a.phone.replace(/[\s.-]/g, ''),
    email: a.email?.trim() || null,
    address: a.address.trim(),
  };
}

/**
 * The one-stop unit that receives for an agency: the nearest service centre
 * (still in force on the Vietnam day) among its own and its ancestors'
 * children, from the agency tree of the calendar snapshot.
 */
export async function receptionUnitFor(ctx: AppContext, tx: Tx, agencyId: string): Promise<string> {
  const attached = trees.get(tx);
  const tree = attached?.get(agencyId) ? attached : await agencyTree(ctx, { tx, known: [agencyId] });
  const today = vnDay(ctx.now());
  for (const up of tree.ancestry(agencyId)) {
    const centre = tree
      .children(up)
      .filter((c) => c.kind === 'service_center' && (c.validTo === null || c.validTo >= today))
      .sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0))[0];
    if (centre) return centre.id;
  }
  return agencyId;
}

/** Agencies where the person holds one of the roles (ids of the whole subtrees); null = everywhere. */
export async function scopeOf(tx: Tx, p: Principal, roles: readonly Role[]): Promise<string[] | null> {
  if (hasSystemRole(p, roles)) return null;
  const roots = p.grants.filter((g) => roles.includes(g.role) && g.agencyId).map((g) => g.agencyId!);
  return repo.subtreesOf(tx, roots);
}

const isCitizenOnly = (p: Principal) => p.grants.every((g) => g.role === 'citizen');

/**
 * The agency tree of the calendar snapshot, attached to a transaction by the
 * entry points below (`withTree`): permission checks, reception units and the
 * agency names of a presented dossier then need no query.
 */
const trees = new WeakMap<object, AgencyTree>();

async function withTree(ctx: AppContext, tx: Tx): Promise<void> {
  trees.set(tx, await agencyTree(ctx, { tx }));
}

/** Agency ancestries looked up within one transaction (the tree does not change under a dossier action). */
const ancestryCache = new WeakMap<object, Map<string, string[]>>();

async function cachedAncestry(tx: Tx, agencyId: string): Promise<string[]> {
  const tree = trees.get(tx);
  if (tree?.get(agencyId)) return tree.ancestry(agencyId);
  let cache = ancestryCache.get(tx);
  if (!cache) {
    cache = new Map();
    ancestryCache.set(tx, cache);
  }
  let chain = cache.get(agencyId);
  if (!chain) {
    chain = await ancestry(tx, agencyId);
    cache.set(agencyId, chain);
  }
  return chain;
}

async function mayActAtAny(tx: Tx, p: Principal, roles: readonly Role[], agencies: string[]): Promise<boolean> {
  // Without any of the roles anywhere, no agency can allow it: no query needed.
  if (!p.grants.some((g) => roles.includes(g.role))) return false;
  if (grantsAllow(p.grants, roles, null)) return true;
  for (const a of new Set(agencies)) if (grantsAllow(p.grants, roles, await cachedAncestry(tx, a))) return true;
  return false;
}

/** Whether the person may read the dossier. */
export async function maySee(tx: Tx, p: Principal, d: DossierRow): Promise<boolean> {
  if (d.owner_id === p.userId) return true;
  if (d.assignee_id === p.userId) return true;
  if (hasSystemRole(p, READER_ROLES)) return true;
  return mayActAtAny(tx, p, READER_ROLES, d.involved_agencies);
}

/** Whether the person may take the action now (status, role, agency and step). */
async function mayTake(tx: Tx, p: Principal | null, d: DossierRow, action: Action): Promise<boolean> {
  if (!actionAllowed(action, d.status)) return false;
  if (!p) return true; // the system itself (demo, import)
  const owner = d.owner_id !== null && d.owner_id === p.userId;
  const step = stepOf(d, d.current_step);
  const at = (roles: readonly Role[], ...agencies: string[]) => mayActAtAny(tx, p, roles, agencies);
  switch (action) {
    case 'accept':
    case 'refuse':
      return at(['reception'], d.reception_agency_id);
    case 'request_supplement':
      if (d.status === STATUS.NEW) return at(['reception'], d.reception_agency_id);
      return at(OFFICER_ROLES, d.current_agency_id, d.agency_id);
    case 'submit_supplement':
    case 'withdraw':
      return owner || at(['reception'], d.reception_agency_id);
    case 'assign':
      return at(['head', 'leader'], d.current_agency_id);
    case 'forward':
    case 'send_back':
    case 'complete': {
      if (action === 'complete' && d.workflow && !(step && d.workflow.ends.includes(step.id))) return false;
      if (action === 'send_back' && !(d.workflow && step && d.workflow.transitions.some((t) => t.from === step.id && t.kind === 'send_back'))) {
        return false;
      }
      // Nowhere to forward to from the last step (transfers to another locality go through the API with toAgencyId).
      if (action === 'forward' && d.workflow && !d.workflow.transitions.some((t) => t.from === d.current_step && t.kind !== 'send_back')) {
        return false;
      }
      if (await at(['head', 'leader'], d.current_agency_id)) return true;
      const role = (step?.role ?? (action === 'complete' ? 'clerk' : 'specialist')) as Role;
      if (d.assignee_id && d.assignee_id !== p.userId && role === 'specialist') return false;
      return at([role], d.current_agency_id);
    }
    case 'request_payment':
    case 'confirm_payment':
    case 'stop':
      return at(OFFICER_ROLES, d.current_agency_id, d.agency_id);
    case 'reschedule':
      return !d.rescheduled && at(['head', 'leader', 'specialist', 'reception'], d.current_agency_id, d.agency_id);
    case 'return':
      return at(['reception', 'clerk'], d.reception_agency_id, d.agency_id);
  }
}

/** The actions the person may take on the dossier now. */
export async function permittedActions(tx: Tx, p: Principal, d: DossierRow): Promise<Action[]> {
  const out: Action[] = [];
  for (const a of ACTIONS) if (await mayTake(tx, p, d, a)) out.push(a);
  return out;
}

/** Appends an event and writes the projection; bumps the version. */
async function commit(
  tx: Tx,
  ctx: AppContext,
  d: DossierRow,
  before: { status: Status | null; step: string | null },
  action: string,
  actor: Principal | null,
  at: Date,
  data: Record<string, unknown>,
  insert = false,
  notify = true,
): Promise<void> {
  // Only what a person did notifies the citizen (demo data and imports do not). What the notice
  // needs is read first, so that the day's code counter (a row lock every intake of the unit
  // waits for) is taken as late as possible and held only for the writes and the commit.
  const notices = actor && !d.imported && notify ? await prepareDossierNotifications(tx, ctx, d, action) : null;
  const pending = pendingCodes.get(d);
  if (pending) {
    pendingCodes.delete(d);
    const n = await repo.nextCodeNumber(tx, pending.agencyId, pending.day);
    d.code = formatDossierCode(pending.agencyCode, pending.day, n);
    if ('code' in data) data.code = d.code;
  }
  const seq = d.event_count + 1;
  const prev = insert ? GENESIS_HASH : d.last_hash;
  const hash = eventHash(prev, {
    dossierId: d.id,
    seq,
    action,
    actorId: actor?.userId ?? null,
    at: at.toISOString(),
    fromStatus: before.status,
    toStatus: d.status,
    data,
  });
  d.event_count = seq;
  d.last_hash = hash;
  if (!d.involved_agencies.includes(d.current_agency_id)) d.involved_agencies = [...d.involved_agencies, d.current_agency_id];
  d.updated_at = at;
  if (!insert) d.version += 1;
  const event = { action, seq, at, data };
  await repo.writeDossierAndEvent(tx, d, insert, {
    dossier_id: d.id,
    seq,
    action,
    actor_id: actor?.userId ?? null,
    actor_name: actor?.fullName ?? null,
    at,
    from_status: before.status,
    to_status: d.status,
    from_step: before.step,
    to_step: d.current_step,
    agency_id: d.current_agency_id,
    data,
    prev_hash: prev,
    hash,
  }, notices?.messages(event) ?? []);
  if (notices) await notices.alerts(event);
}

/** Codes to give at commit time: the agency and day of a dossier being accepted (see `commit`). */
const pendingCodes = new WeakMap<DossierRow, { agencyId: string; agencyCode: string; day: string }>();

/** Enters a workflow step: where it is acted on and its quota deadline. */
function enterStep(d: DossierRow, step: WorkflowStep | null, now: Date, cal: WorkCalendar | null): void {
  d.current_step = step?.id ?? null;
  d.step_started_at = step ? now : null;
  d.step_due_at = step && cal ? addWorkingTime(now, Math.round(step.quotaHours * 3_600_000), cal) : null;
  if (step) d.current_agency_id = stepAgency(d, step);
}

/** The outcome of the step being left, for the processing control sheet (Phiếu kiểm soát). */
function stepOutcome(d: DossierRow, now: Date) {
  const step = stepOf(d, d.current_step);
  if (!step || !d.step_started_at) return null;
  return {
    step: step.id,
    stepName: step.name,
    agencyId: d.current_agency_id,
    startedAt: d.step_started_at.toISOString(),
    dueAt: d.step_due_at?.toISOString() ?? null,
    endedAt: now.toISOString(),
    outcome: d.step_due_at ? timelinessOf(now, d.step_due_at) : 'on_time',
  };
}

/** Gives the dossier its code and its due date (acceptance). */
async function acceptNow(tx: Tx, ctx: AppContext, d: DossierRow, now: Date): Promise<void> {
  const receiving = trees.get(tx)?.get(d.reception_agency_id) ?? (await getAgency(tx, d.reception_agency_id));
  if (!receiving) throw errors.notFound('Không tìm thấy bộ phận tiếp nhận.');
  // A dossier imported from a previous system keeps the code that system gave it;
  // otherwise the number of the day is taken when the event is written (commit).
  if (!(d.imported && d.code)) pendingCodes.set(d, { agencyId: receiving.id, agencyCode: receiving.code, day: vnDay(now) });
  d.status = STATUS.RECEIVED;
  d.received_at = now;
  const cal = await calendarOf(ctx, d.agency_id, tx);
  const opts = { cutoff: d.same_day_cutoff ?? null };
  d.clock_started_at = dueDate(now, 0, d.duration_unit, cal, opts);
  d.due_at = d.duration_amount > 0 || d.duration_unit !== 'calendar_days' ? dueDate(now, d.duration_amount, d.duration_unit, cal, opts) : d.clock_started_at;
  const start = d.workflow ? stepOf(d, d.workflow.start) : null;
  enterStep(d, start, now, cal);
}

function finish(d: DossierRow, status: Status, now: Date): void {
  d.status = status;
  d.finished_at = now;
  d.timeliness = d.received_at ? timelinessOf(now, d.due_at) : null;
  d.assignee_id = null;
  d.paused_at = null;
}

// ——— idempotency ———

/**
 * Runs `fn` once per (actor, Idempotency-Key): a retried request returns the
 * first answer and changes nothing. Runs inside the caller's transaction, so
 * a failed request leaves no key behind.
 */
async function once<T>(tx: Tx, actorId: string, key: string | undefined, method: string, path: string, body: unknown, fn: () => Promise<T>): Promise<T> {
  if (!key) return fn();
  const hash = JSON.stringify(body ?? null);
  const ins = await rows<{ key: string }>(
    tx,
    sql`INSERT INTO idempotency_keys (key, actor_id, method, path, request_hash) VALUES (${key}, ${actorId}, ${method}, ${path}, ${hash})
        ON CONFLICT (actor_id, key) DO NOTHING RETURNING key`,
  );
  if (ins.length === 0) {
    const [prev] = await rows<{ method: string; path: string; request_hash: string; response: unknown }>(
      tx,
      sql`SELECT method, path, request_hash, response FROM idempotency_keys WHERE actor_id = ${actorId} AND key = ${key}`,
    );
    if (prev.method !== method || prev.path !== path || prev.request_hash !== hash) {
      throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác.');
    }
    return (typeof prev.response === 'string' ? JSON.parse(prev.response) : prev.response) as T;
  }
  const result = await fn();
  await tx.execute(sql`UPDATE idempotency_keys SET status = 200, response = ${JSON.stringify(result)}::jsonb WHERE actor_id = ${actorId} AND key = ${key}`);
  return result;
}

// ——— creation ———

export interface CreateOptions {
  idempotencyKey?: string;
  /** Demo and import: act as the system at this instant, skipping role checks. */
  system?: { at: Date; receptionAgencyId?: string; actor?: Principal };
}

/** Creates a dossier: counter or postal intake is accepted at once (status 2); online waits for reception (status 1). */
export { createTx as createDossierTx };

export async function createDossier(ctx: AppContext, p: Principal | null, input: CreateInput, opts: CreateOptions = {}): Promise<DossierDto> {
  return ctx.db.transaction(async (tx) => {
    await withTree(ctx, tx);
    const run = async () => {
      const d = await createTx(tx, ctx, p, input, opts);
      return present(tx, p, d);
    };
    return p ? once(tx, p.userId, opts.idempotencyKey, 'POST', '/dossiers', input, run) : run();
  });
}

/**
 * A published version with its cases and workflows, cached per AppContext: a
 * version's content never changes once it is published (a change is a new
 * draft, then a new version), so only drafts would need reading again.
 */
const versionCaches = new WeakMap<AppContext, Map<string, { version: procRepo.VersionRow; cases: procRepo.CaseWithWorkflow[] }>>();

async function publishedVersion(ctx: AppContext, tx: Tx, versionId: string) {
  let cache = versionCaches.get(ctx);
  if (!cache) {
    cache = new Map();
    versionCaches.set(ctx, cache);
  }
  const hit = cache.get(versionId);
  if (hit) return hit;
  const version = (await procRepo.getVersion(tx, versionId))!;
  const entry = { version, cases: await procRepo.casesOf(tx, [version.id]) };
  if (version.status !== 'draft') {
    if (cache.size >= 5000) cache.clear();
    cache.set(versionId, entry);
  }
  return entry;
}

async function createTx(tx: Tx, ctx: AppContext, p: Principal | null, input: CreateInput, opts: CreateOptions): Promise<DossierRow> {
  const now = opts.system?.at ?? ctx.now();
  const proc = await procRepo.findProcedure(tx, input.procedureCode.trim());
  if (!proc || !proc.publishedVersionId) {
    throw errors.validation([{ path: 'procedureCode', message: 'Không có thủ tục đang công bố với mã này.' }], 'Không tìm thấy thủ tục hành chính.');
  }
  const { version, cases } = await publishedVersion(ctx, tx, proc.publishedVersionId);
  const kase = input.caseCode ? cases.find((c) => c.code === input.caseCode) : cases[0];
  if (!kase) throw errors.validation([{ path: 'caseCode', message: 'Thủ tục không có trường hợp này.' }]);

  const counter = input.channel !== 'online';
  if (p && counter && !(await mayActAtAny(tx, p, ['reception'], p.grants.filter((g) => g.role === 'reception' && g.agencyId).map((g) => g.agencyId!)))) {
    throw errors.forbidden('Chỉ cán bộ tiếp nhận được tiếp nhận hồ sơ trực tiếp hoặc qua bưu chính.');
  }

  // The competent agency: given, or the only one, or the one above the officer's unit.
  const candidates = version.agencyIds;
  let agencyId = input.agencyId?.trim() || null;
  if (agencyId) {
    const a = (await getAgency(tx, agencyId)) ?? (await rows<{ id: string }>(tx, sql`SELECT id FROM agencies WHERE code = ${agencyId}`))[0];
    if (!a) throw errors.validation([{ path: 'agencyId', message: 'Không tìm thấy cơ quan.' }]);
    agencyId = a.id;
    if (candidates.length && !candidates.includes(agencyId)) {
      throw errors.validation([{ path: 'agencyId', message: 'Cơ quan này không thực hiện thủ tục đã chọn.' }]);
    }
  } else if (candidates.length === 1) {
    agencyId = candidates[0];
  } else if (p && counter) {
    const mine = p.grants.filter((g) => g.role === 'reception' && g.agencyId).map((g) => g.agencyId!);
    for (const c of candidates) {
      const sub = await repo.subtreesOf(tx, [c]);
      if (mine.some((m) => sub.includes(m))) {
        agencyId = c;
        break;
      }
    }
  }
  if (!agencyId) throw errors.validation([{ path: 'agencyId', message: 'Hãy chọn cơ quan giải quyết hồ sơ.' }]);

  let receptionAgencyId = opts.system?.receptionAgencyId ?? (await receptionUnitFor(ctx, tx, agencyId));
  if (p && counter) {
    // The officer receives at their own one-stop unit (which must serve this agency or be inside its tree).
    const mine = p.grants.filter((g) => g.role === 'reception' && g.agencyId).map((g) => g.agencyId!);
    if (!mine.includes(receptionAgencyId)) {
      if (!hasSystemRole(p, ['reception']) && mine.length) receptionAgencyId = mine[0];
    }
  }

  // Components: files must have been uploaded by this person.
  const components: ComponentEntry[] = [];
  for (const [i, c] of input.components.entries()) {
    const files: { sha256: string; name: string }[] = [];
    for (const [j, f] of (c.files ?? []).entries()) {
      const up = p
        ? await rows<{ name: string }>(tx, sql`SELECT name FROM file_uploads WHERE sha256 = ${f.sha256} AND user_id = ${p.userId}`)
        : await rows<{ name: string }>(tx, sql`SELECT ${f.name ?? 'tep'} AS name FROM files WHERE sha256 = ${f.sha256}`);
      if (!up[0]) throw errors.validation([{ path: `components[${i}].files[${j}]`, message: 'Tệp chưa được tải lên.' }]);
      files.push({ sha256: f.sha256, name: f.name?.trim() || up[0].name });
    }
    components.push({ name: c.name.trim(), originals: c.originals ?? 1, copies: c.copies ?? 0, files });
  }

  const applicant = normaliseApplicant(input.applicant);
  const d: DossierRow = {
    id: randomUUID(),
    code: null,
    status: STATUS.NEW,
    channel: input.channel,
    procedure_id: proc.id,
    procedure_version_id: version.id,
    procedure_code: proc.code,
    procedure_name: version.name,
    field_code: version.fieldCode,
    case_code: kase.code,
    case_name: kase.name,
    duration_amount: kase.durationAmount,
    duration_unit: kase.durationUnit as DossierRow['duration_unit'],
    same_day_cutoff: kase.sameDayCutoff,
    workflow: kase.workflow,
    agency_id: agencyId,
    reception_agency_id: receptionAgencyId,
    current_agency_id: receptionAgencyId,
    involved_agencies: [...new Set([receptionAgencyId, agencyId])],
    current_step: null,
    assignee_id: null,
    step_started_at: null,
    step_due_at: null,
    applicant,
    authorised: input.authorised ? normaliseApplicant(input.authorised) : null,
    applicant_name_search: foldVietnamese(applicant.fullName),
    id_last4: last4(applicant.idNumber),
    phone_last4: last4(applicant.phone),
    owner_id: p && isCitizenOnly(p) ? p.userId : null,
    components,
    submitted_at: now,
    received_at: null,
    clock_started_at: null,
    due_at: null,
    rescheduled_due_at: null,
    paused_at: null,
    resume_status: null,
    supplement_count: 0,
    rescheduled: false,
    finished_at: null,
    returned_at: null,
    timeliness: null,
    result: null,
    return_info: null,
    warned_at: null,
    imported: false,
    event_count: 0,
    last_hash: GENESIS_HASH,
    version: 1,
    created_by: p?.userId ?? null,
    created_at: now,
    updated_at: now,
  };
  if (counter) await acceptNow(tx, ctx, d, now);
  await commit(tx, ctx, d, { status: null, step: null }, counter ? 'create' : 'submit', p ?? opts.system?.actor ?? null, now, {
    channel: input.channel,
    code: d.code,
    dueAt: d.due_at?.toISOString() ?? null,
    note: input.note ?? null,
    components: components.map((c) => ({ name: c.name, files: c.files.map((f) => f.sha256) })),
  }, true, p !== null);
  await attachFiles(tx, d, components.flatMap((c, i) => c.files.map((f) => ({ ...f, kind: 'component' as const, index: i }))), 1);
  return d;
}

async function attachFiles(
  tx: Tx,
  d: DossierRow,
  files: { sha256: string; name: string; kind: 'component' | 'supplement' | 'result'; index?: number }[],
  seq: number,
): Promise<void> {
  for (const f of files) {
    await tx.execute(sql`INSERT INTO dossier_files (dossier_id, sha256, kind, name, component_index, event_seq)
      VALUES (${d.id}, ${f.sha256}, ${f.kind}, ${f.name}, ${f.index ?? null}, ${seq}) ON CONFLICT DO NOTHING`);
  }
}

// ——— actions ———

const str = (v: unknown, path: string, { min = 1, max = 2000, required = true } = {}): string | null => {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '' && !required)) {
    if (required) throw errors.validation([{ path, message: 'Bắt buộc nhập.' }]);
    return null;
  }
  if (typeof v !== 'string') throw errors.validation([{ path, message: 'Phải là chuỗi ký tự.' }]);
  const t = v.trim();
  if (t.length < min || t.length > max) throw errors.validation([{ path, message: `Độ dài từ ${min} đến ${max} ký tự.` }]);
  return t;
};

const instant = (v: unknown, path: string): Date => {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) || Number.isNaN(Date.parse(v))) {
    throw errors.validation([{ path, message: 'Thời điểm theo ISO 8601 có múi giờ, ví dụ 2026-03-09T09:00:00+07:00.' }]);
  }
  return new Date(v);
};

async function uploadedFiles(tx: Tx, p: Principal | null, v: unknown, path: string): Promise<{ sha256: string; name: string }[]> {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > 50) throw errors.validation([{ path, message: 'Danh sách tệp không hợp lệ.' }]);
  const out: { sha256: string; name: string }[] = [];
  for (const [i, f] of v.entries()) {
    const sha = typeof f === 'string' ? f : (f as { sha256?: unknown })?.sha256;
    if (typeof sha !== 'string' || !/^[0-9a-f]{64}$/.test(sha)) throw errors.validation([{ path: `${path}[${i}]`, message: 'Mã tệp không hợp lệ.' }]);
    const r = p
      ? await rows<{ name: string }>(tx, sql`SELECT name FROM file_uploads WHERE sha256 = ${sha} AND user_id = ${p.userId}`)
      : await rows<{ name: string }>(tx, sql`SELECT 'tep' AS name FROM files WHERE sha256 = ${sha}`);
    if (!r[0]) throw errors.validation([{ path: `${path}[${i}]`, message: 'Tệp chưa được tải lên.' }]);
    const name = typeof f === 'object' && typeof (f as { name?: unknown }).name === 'string' ? (f as { name: string }).name : r[0].name;
    out.push({ sha256: sha, name });
  }
  return out;
}

export interface ActOptions {
  idempotencyKey?: string;
  system?: { at: Date };
}

/** Takes an action on a dossier. */
export async function act(ctx: AppContext, p: Principal | null, idOrCode: string, input: ActionInput, opts: ActOptions = {}): Promise<DossierDto> {
  return ctx.db.transaction(async (tx) => {
    await withTree(ctx, tx);
    const run = async () => {
      const d = await actTx(tx, ctx, p, idOrCode, input, opts.system?.at ?? ctx.now());
      return present(tx, p, d);
    };
    return p ? once(tx, p.userId, opts.idempotencyKey, 'POST', `/dossiers/${idOrCode}/actions`, input, run) : run();
  });
}

/** `attribution`: with no principal (the system: demo, import), the officer the event is recorded for. */
export async function actTx(
  tx: Tx,
  ctx: AppContext,
  p: Principal | null,
  idOrCode: string,
  input: ActionInput,
  now: Date,
  attribution: Principal | null = null,
): Promise<DossierRow> {
  const d = await repo.findDossier(tx, idOrCode, true);
  if (!d || (p && !(await maySee(tx, p, d)))) throw errors.notFound('Không tìm thấy hồ sơ.');
  const action = input.action;
  if (d.version !== input.expectedVersion) {
    throw new AppError(409, 'CONFLICT', 'Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại trang và thực hiện lại.', {
      currentVersion: d.version,
    });
  }
  if (!actionAllowed(action, d.status)) {
    throw new AppError(409, 'INVALID_TRANSITION', `Không thể "${ACTION_NAMES[action]}" khi hồ sơ đang ở trạng thái "${STATUS_NAMES[d.status]}".`, {
      status: d.status,
      action,
    });
  }
  if (action === 'reschedule' && d.rescheduled) {
    throw new AppError(409, 'ALREADY_RESCHEDULED', 'Hồ sơ đã được xin lỗi và hẹn lại ngày trả một lần; không được hẹn lại lần nữa.');
  }
  if (!(await mayTake(tx, p, d, action))) {
    if (action === 'complete' && d.workflow && !d.workflow.ends.includes(d.current_step ?? '')) {
      throw new AppError(409, 'INVALID_TRANSITION', 'Hồ sơ chưa đến bước cuối của quy trình nên chưa thể ghi nhận kết quả.');
    }
    throw errors.forbidden('Bạn không có quyền thực hiện thao tác này với hồ sơ.');
  }

  const before = { status: d.status as Status | null, step: d.current_step };
  const note = str(input.note, 'note', { required: false, max: 4000 });
  const data: Record<string, unknown> = note ? { note } : {};
  const cal = await calendarOf(ctx, d.agency_id, tx);
  const resume = () => {
    if (d.paused_at) {
      const pausedAt = d.paused_at;
      if (d.due_at) d.due_at = resumeDue(d.due_at, pausedAt, now, cal);
      if (d.rescheduled_due_at) d.rescheduled_due_at = resumeDue(d.rescheduled_due_at, pausedAt, now, cal);
      if (d.step_due_at) d.step_due_at = resumeDue(d.step_due_at, pausedAt, now, cal);
      data.pausedAt = pausedAt.toISOString();
    }
    d.status = (d.resume_status ?? STATUS.PROCESSING) as Status;
    d.resume_status = null;
    d.paused_at = null;
    data.dueAt = d.due_at?.toISOString() ?? null;
  };

  switch (action) {
    case 'accept': {
      if (d.resume_status !== null) d.resume_status = null;
      await acceptNow(tx, ctx, d, now);
      data.code = d.code;
      data.dueAt = d.due_at!.toISOString();
      break;
    }
    case 'refuse': {
      data.reason = str(input.reason, 'reason', { min: 5 });
      finish(d, STATUS.REFUSED, now);
      d.timeliness = null;
      break;
    }
    case 'request_supplement': {
      const items = input.items;
      if (!Array.isArray(items) || items.length === 0 || items.length > 50) {
        throw errors.validation([{ path: 'items', message: 'Hãy nêu ít nhất một giấy tờ cần bổ sung, hoàn thiện.' }]);
      }
      data.items = items.map((it, i) => ({
        name: str((it as { name?: unknown })?.name, `items[${i}].name`, { max: 500 }),
        reason: str((it as { reason?: unknown })?.reason, `items[${i}].reason`, { required: false, max: 1000 }),
      }));
      data.reason = str(input.reason, 'reason', { required: false, max: 2000 });
      d.resume_status = d.status;
      if (d.status !== STATUS.NEW) {
        d.paused_at = now;
        d.supplement_count += 1;
      }
      data.stage = d.status === STATUS.NEW ? 'reception' : 'processing';
      d.status = STATUS.SUPPLEMENT;
      break;
    }
    case 'submit_supplement': {
      const files = await uploadedFiles(tx, p, input.files, 'files');
      data.files = files.map((f) => ({ sha256: f.sha256, name: f.name }));
      await attachFiles(tx, d, files.map((f) => ({ ...f, kind: 'supplement' as const })), d.event_count + 1);
      resume();
      break;
    }
    case 'assign': {
      const assignee = str(input.assigneeId, 'assigneeId', { max: 100 })!;
      const user = await rows<{ id: string; full_name: string }>(tx, sql`SELECT id, full_name FROM users WHERE id = ${assignee} OR username = ${assignee}`);
      if (!user[0]) throw errors.validation([{ path: 'assigneeId', message: 'Không tìm thấy cán bộ.' }]);
      const grants = await rows<{ role: string; agency_id: string | null }>(tx, sql`SELECT role, agency_id FROM user_grants WHERE user_id = ${user[0].id}`);
      const principal: Principal = { userId: user[0].id, username: '', fullName: user[0].full_name, grants: grants.map((g) => ({ role: g.role as Role, agencyId: g.agency_id })), sessionId: null };
      if (!(await mayActAt(tx, principal, OFFICER_ROLES, d.current_agency_id))) {
        throw errors.validation([{ path: 'assigneeId', message: 'Cán bộ này không thuộc cơ quan đang xử lý hồ sơ.' }]);
      }
      d.assignee_id = user[0].id;
      data.assignee = { id: user[0].id, name: user[0].full_name };
      break;
    }
    case 'forward': {
      const toAgency = str(input.toAgencyId, 'toAgencyId', { required: false, max: 100 });
      const outcome = stepOutcome(d, now);
      if (outcome) data.stepOutcome = outcome;
      if (toAgency) {
        // Chuyển phi địa giới: to the competent unit of another locality.
        const a = await getAgency(tx, toAgency);
        if (!a) throw errors.validation([{ path: 'toAgencyId', message: 'Không tìm thấy cơ quan.' }]);
        const version = await procRepo.getVersion(tx, d.procedure_version_id);
        if (version?.agencyIds.length && !version.agencyIds.includes(a.id)) {
          throw errors.validation([{ path: 'toAgencyId', message: 'Cơ quan này không thực hiện thủ tục của hồ sơ.' }]);
        }
        data.transfer = { from: d.agency_id, to: a.id };
        d.agency_id = a.id;
        d.current_agency_id = stepAgency(d, stepOf(d, d.current_step));
        d.assignee_id = null;
      } else if (d.workflow) {
        const from = d.current_step;
        const options = d.workflow.transitions.filter((t) => t.from === from && (t.kind === 'forward' || t.kind === 'handoff'));
        const wanted = str(input.toStep, 'toStep', { required: false, max: 60 });
        const t = wanted ? options.find((o) => o.to === wanted) : options.length === 1 ? options[0] : undefined;
        if (!t) {
          throw errors.validation([
            { path: 'toStep', message: options.length ? `Hãy chọn bước tiếp theo: ${options.map((o) => o.to).join(', ')}.` : 'Bước hiện tại không có bước chuyển tiếp.' },
          ]);
        }
        data.kind = t.kind;
        enterStep(d, stepOf(d, t.to), now, cal);
        d.assignee_id = null;
      } else {
        throw errors.validation([{ path: 'toStep', message: 'Thủ tục này không có quy trình nội bộ để chuyển bước.' }]);
      }
      const assignee = str(input.assigneeId, 'assigneeId', { required: false, max: 100 });
      if (assignee) {
        const user = await rows<{ id: string; full_name: string }>(tx, sql`SELECT id, full_name FROM users WHERE id = ${assignee} OR username = ${assignee}`);
        if (!user[0]) throw errors.validation([{ path: 'assigneeId', message: 'Không tìm thấy cán bộ.' }]);
        d.assignee_id = user[0].id;
        data.assignee = { id: user[0].id, name: user[0].full_name };
      }
      d.status = STATUS.PROCESSING;
      break;
    }
    case 'send_back': {
      const options = d.workflow!.transitions.filter((t) => t.from === d.current_step && t.kind === 'send_back');
      const wanted = str(input.toStep, 'toStep', { required: false, max: 60 });
      const t = wanted ? options.find((o) => o.to === wanted) : options[0];
      if (!t) throw errors.validation([{ path: 'toStep', message: 'Không thể trả lại bước này.' }]);
      data.reason = str(input.reason, 'reason', { min: 3 });
      const outcome = stepOutcome(d, now);
      if (outcome) data.stepOutcome = outcome;
      enterStep(d, stepOf(d, t.to), now, cal);
      d.assignee_id = null;
      break;
    }
    case 'request_payment': {
      const amount = input.amount;
      if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0 || amount > 1e13) {
        throw errors.validation([{ path: 'amount', message: 'Số tiền phải là số dương.' }]);
      }
      data.amount = amount;
      data.description = str(input.description, 'description', { max: 1000 });
      d.resume_status = d.status;
      d.paused_at = now;
      d.status = STATUS.PAYMENT;
      break;
    }
    case 'confirm_payment': {
      data.receiptNumber = str(input.receiptNumber, 'receiptNumber', { required: false, max: 100 });
      resume();
      break;
    }
    case 'stop': {
      data.reason = str(input.reason, 'reason', { min: 5 });
      if (d.paused_at && d.due_at) d.due_at = resumeDue(d.due_at, d.paused_at, now, cal);
      finish(d, STATUS.STOPPED, now);
      break;
    }
    case 'withdraw': {
      data.reason = str(input.reason, 'reason', { required: false, max: 2000 });
      if (d.paused_at && d.due_at) d.due_at = resumeDue(d.due_at, d.paused_at, now, cal);
      finish(d, STATUS.WITHDRAWN, now);
      break;
    }
    case 'reschedule': {
      const newDue = instant(input.newDueAt, 'newDueAt');
      if (newDue <= now || (d.due_at && newDue <= d.due_at)) {
        throw errors.validation([{ path: 'newDueAt', message: 'Ngày hẹn lại phải sau ngày hẹn trả hiện tại và sau thời điểm hiện tại.' }]);
      }
      data.reason = str(input.reason, 'reason', { min: 5 });
      data.previousDueAt = d.due_at?.toISOString() ?? null;
      data.newDueAt = newDue.toISOString();
      d.rescheduled = true;
      d.rescheduled_due_at = newDue;
      break;
    }
    case 'complete': {
      const r = (input.result ?? {}) as Record<string, unknown>;
      const signedOn = str(r.signedOn, 'result.signedOn', { max: 10 })!;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(signedOn) || Number.isNaN(Date.parse(signedOn))) {
        throw errors.validation([{ path: 'result.signedOn', message: 'Ngày ký theo dạng YYYY-MM-DD.' }]);
      }
      const files = await uploadedFiles(tx, p, input.files, 'files');
      d.result = {
        number: str(r.number, 'result.number', { max: 100 }),
        signer: str(r.signer, 'result.signer', { max: 200 }),
        signedOn,
        summary: str(r.summary, 'result.summary', { required: false, max: 2000 }),
        files: files,
      };
      data.result = d.result;
      await attachFiles(tx, d, files.map((f) => ({ ...f, kind: 'result' as const })), d.event_count + 1);
      const outcome = stepOutcome(d, now);
      if (outcome) data.stepOutcome = outcome;
      finish(d, STATUS.DONE, now);
      d.current_step = null;
      d.step_started_at = null;
      d.step_due_at = null;
      d.current_agency_id = d.reception_agency_id;
      data.timeliness = d.timeliness;
      break;
    }
    case 'return': {
      const method = input.method;
      if (method !== 'counter' && method !== 'post' && method !== 'electronic') {
        throw errors.validation([{ path: 'method', message: 'Hình thức trả: counter (tại bộ phận một cửa), post (bưu chính) hoặc electronic (điện tử).' }]);
      }
      d.return_info = {
        method,
        receivedBy: str(input.receivedBy, 'receivedBy', { required: method === 'counter', max: 200 }),
        trackingNumber: str(input.trackingNumber, 'trackingNumber', { required: false, max: 100 }),
      };
      data.return = d.return_info;
      d.status = STATUS.RETURNED;
      d.returned_at = now;
      break;
    }
  }
  if (['stop', 'withdraw', 'refuse'].includes(action)) {
    d.current_step = null;
    d.step_started_at = null;
    d.step_due_at = null;
  }
  await commit(tx, ctx, d, before, action, p ?? attribution, now, data, false, p !== null);
  return d;
}

// ——— reading ———

export type DossierDto = {
  id: string;
  code: string | null;
  status: Status;
  statusName: string;
  dueAt: string | null;
  version: number;
  channel: Channel;
  procedure: { id: string; code: string; name: string; fieldCode: string; caseCode: string; caseName: string; durationAmount: number; durationUnit: string };
  agency: { id: string; name: string; code: string } | null;
  receptionAgency: { id: string; name: string; code: string } | null;
  currentAgency: { id: string; name: string; code: string } | null;
  currentStep: { id: string; name: string; role: string; startedAt: string | null; dueAt: string | null } | null;
  assignee: { id: string; fullName: string } | null;
  applicant: Applicant;
  authorised: Applicant | null;
  components: ComponentEntry[];
  submittedAt: string;
  receivedAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
  rescheduledDueAt: string | null;
  pausedAt: string | null;
  supplementCount: number;
  timeliness: 'early' | 'on_time' | 'late' | null;
  overdue: boolean;
  result: Record<string, unknown> | null;
  returnInfo: Record<string, unknown> | null;
  imported: boolean;
  allowedActions: Action[];
  workflow: Workflow | null;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function agencyBrief(tx: Tx, ids: string[]): Promise<Map<string, { id: string; name: string; code: string }>> {
  const tree = trees.get(tx);
  const unique = [...new Set(ids)];
  if (tree && unique.every((id) => tree.get(id))) {
    return new Map(unique.map((id) => {
      const a = tree.get(id)!;
      return [id, { id, name: a.name, code: a.code }];
    }));
  }
  const list = await rows<{ id: string; name: string; code: string }>(tx, sql`SELECT id, name, code FROM agencies WHERE id = ANY(${repo.textArray([...new Set(ids)])})`);
  return new Map(list.map((a) => [a.id, a]));
}

export async function presentMany(tx: Tx, p: Principal | null, list: DossierRow[], now: Date = new Date(), withActions = false): Promise<DossierDto[]> {
  const agencies = await agencyBrief(tx, list.flatMap((d) => [d.agency_id, d.reception_agency_id, d.current_agency_id]));
  const userIds = [...new Set(list.map((d) => d.assignee_id).filter((x): x is string => !!x))];
  const users = userIds.length
    ? new Map((await rows<{ id: string; full_name: string }>(tx, sql`SELECT id, full_name FROM users WHERE id = ANY(${repo.textArray(userIds)})`)).map((u) => [u.id, u.full_name]))
    : new Map<string, string>();
  const out: DossierDto[] = [];
  for (const d of list) {
    const step = stepOf(d, d.current_step);
    out.push({
      id: d.id,
      code: d.code,
      status: d.status,
      statusName: STATUS_NAMES[d.status],
      dueAt: iso(d.due_at),
      version: d.version,
      channel: d.channel,
      procedure: {
        id: d.procedure_id,
        code: d.procedure_code,
        name: d.procedure_name,
        fieldCode: d.field_code,
        caseCode: d.case_code,
        caseName: d.case_name,
        durationAmount: d.duration_amount,
        durationUnit: d.duration_unit,
      },
      agency: agencies.get(d.agency_id) ?? null,
      receptionAgency: agencies.get(d.reception_agency_id) ?? null,
      currentAgency: agencies.get(d.current_agency_id) ?? null,
      currentStep: step ? { id: step.id, name: step.name, role: step.role, startedAt: iso(d.step_started_at), dueAt: iso(d.step_due_at) } : null,
      assignee: d.assignee_id ? { id: d.assignee_id, fullName: users.get(d.assignee_id) ?? '' } : null,
      applicant: d.applicant,
      authorised: d.authorised,
      components: d.components,
      submittedAt: d.submitted_at.toISOString(),
      receivedAt: iso(d.received_at),
      finishedAt: iso(d.finished_at),
      returnedAt: iso(d.returned_at),
      rescheduledDueAt: iso(d.rescheduled_due_at),
      pausedAt: iso(d.paused_at),
      supplementCount: d.supplement_count,
      timeliness: d.timeliness,
      overdue: !isFinished(d.status) && d.paused_at === null && !!d.due_at && now.getTime() > d.due_at.getTime(),
      result: d.result,
      returnInfo: d.return_info,
      imported: d.imported,
      allowedActions: withActions && p ? await permittedActions(tx, p, d) : [],
      workflow: withActions ? d.workflow : null,
    });
  }
  return out;
}

async function present(tx: Tx, p: Principal | null, d: DossierRow): Promise<DossierDto> {
  return (await presentMany(tx, p, [d], d.updated_at, true))[0];
}

export type EventDto = {
  seq: number;
  action: string;
  actionName: string;
  at: string;
  actor: { id: string; fullName: string | null } | null;
  fromStatus: number | null;
  toStatus: number;
  fromStep: string | null;
  toStep: string | null;
  agencyId: string | null;
  data: Record<string, unknown>;
  hash: string;
};

export function presentEvent(e: EventRow): EventDto {
  return {
    seq: e.seq,
    action: e.action,
    actionName: (ACTION_NAMES as Record<string, string>)[e.action] ?? e.action,
    at: e.at.toISOString(),
    actor: e.actor_id ? { id: e.actor_id, fullName: e.actor_name } : null,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    fromStep: e.from_step,
    toStep: e.to_step,
    agencyId: e.agency_id,
    data: e.data,
    hash: e.hash,
  };
}

/** A dossier with its events, for those who may see it. */
export async function getDossier(ctx: AppContext, p: Principal, idOrCode: string): Promise<DossierDto & { events: EventDto[]; rating: RatingDto | null }> {
  return ctx.db.transaction(async (tx) => {
    await withTree(ctx, tx);
    const d = await repo.findDossier(tx, idOrCode);
    if (!d || !(await maySee(tx, p, d))) throw errors.notFound('Không tìm thấy hồ sơ.');
    const [dto] = await presentMany(tx, p, [d], ctx.now(), true);
    const events = (await repo.listEvents(tx, d.id)).map(presentEvent);
    // Đánh giá mức độ hài lòng of the citizen (null until rated).
    const rating = await ratingOf(tx, d.id);
    return { ...dto, events, rating };
  });
}

// ——— queues ———

export const QUEUES = ['all', 'to_receive', 'mine', 'due_soon', 'overdue', 'waiting', 'to_return', 'finished'] as const;
export type Queue = (typeof QUEUES)[number];

export const QUEUE_NAMES: Record<Queue, string> = {
  all: 'Tất cả',
  to_receive: 'Chờ tiếp nhận',
  mine: 'Cần xử lý',
  due_soon: 'Sắp đến hạn',
  overdue: 'Quá hạn',
  waiting: 'Chờ công dân bổ sung, nộp phí',
  to_return: 'Chờ trả kết quả',
  finished: 'Đã kết thúc',
};

export interface ListQuery {
  queue?: Queue;
  q?: string;
  status?: number;
  channel?: Channel;
  procedure?: string;
  agency?: string;
  page: number;
  pageSize: number;
}

async function queueConditions(tx: Tx, ctx: AppContext, p: Principal, queue: Queue) {
  const now = ctx.now();
  const soon = await dueSoonThreshold(ctx, now, tx);
  const nowIso = now.toISOString();
  switch (queue) {
    case 'to_receive':
      return { conds: [sql`status = 1`], scope: await scopeOf(tx, p, ['reception']), scopeColumn: 'reception' as const };
    case 'mine': {
      const roles = [...new Set(p.grants.map((g) => g.role))].filter((r) => OFFICER_ROLES.includes(r));
      const scope = await scopeOf(tx, p, OFFICER_ROLES);
      const stepRole = sql`(workflow -> 'steps') @> jsonb_build_array(jsonb_build_object('id', current_step, 'role', ANY_ROLE))`;
      void stepRole;
      const roleList = repo.textArray(roles.length ? roles : ['-']);
      const inScope = scope === null ? sql`true` : sql`current_agency_id = ANY(${repo.textArray(scope)})`;
      return {
        conds: [
          sql`status IN (2, 4)`,
          sql`(assignee_id = ${p.userId} OR (assignee_id IS NULL AND ${inScope} AND EXISTS (
                SELECT 1 FROM jsonb_array_elements(coalesce(workflow -> 'steps', '[]'::jsonb)) s
                WHERE s ->> 'id' = current_step AND s ->> 'role' = ANY(${roleList}))))`,
        ],
        scope: null,
        scopeColumn: 'involved' as const,
      };
    }
    case 'due_soon':
      return { conds: [sql`status IN (2, 4)`, sql`due_at >= ${nowIso}::timestamptz`, sql`due_at <= ${soon.toISOString()}::timestamptz`], scope: await scopeOf(tx, p, READER_ROLES), scopeColumn: 'involved' as const };
    case 'overdue':
      return { conds: [sql`status IN (2, 4)`, sql`due_at < ${nowIso}::timestamptz`], scope: await scopeOf(tx, p, READER_ROLES), scopeColumn: 'involved' as const };
    case 'waiting':
      return { conds: [sql`status IN (5, 6)`], scope: await scopeOf(tx, p, READER_ROLES), scopeColumn: 'involved' as const };
    case 'to_return':
      return { conds: [sql`status = 9`], scope: await scopeOf(tx, p, ['reception', 'clerk']), scopeColumn: 'involved' as const };
    case 'finished':
      return { conds: [sql`status IN (3, 7, 8, 10)`], scope: await scopeOf(tx, p, READER_ROLES), scopeColumn: 'involved' as const };
    case 'all':
      return { conds: [], scope: await scopeOf(tx, p, READER_ROLES), scopeColumn: 'involved' as const };
  }
}

/** The instant before which an open dossier is "due soon": one working day (configurable) from now. */
async function dueSoonThreshold(ctx: AppContext, now: Date, tx: Tx): Promise<Date> {
  const cal = await getWorkCalendar(ctx, null, tx);
  return addWorkingTime(now, ctx.config.dueSoonWorkingHours * 3_600_000, cal);
}

export async function listDossiers(ctx: AppContext, p: Principal, q: ListQuery): Promise<{ items: DossierDto[]; total: number }> {
  return ctx.db.transaction(async (tx) => {
    await withTree(ctx, tx);
    const citizen = isCitizenOnly(p);
    const where = [];
    let scope: string[] | null = null;
    if (!citizen) {
      const qc = await queueConditions(tx, ctx, p, q.queue ?? 'all');
      where.push(...qc.conds);
      scope = qc.scope;
      if (qc.scopeColumn === 'reception' && scope) {
        where.push(sql`reception_agency_id = ANY(${repo.textArray(scope)})`);
        scope = null;
      }
    }
    if (q.status) where.push(sql`status = ${q.status}`);
    if (q.channel) where.push(sql`channel = ${q.channel}`);
    if (q.procedure) where.push(sql`procedure_code = ${q.procedure}`);
    if (q.agency) {
      const sub = await repo.subtreesOf(tx, [q.agency]);
      where.push(sql`involved_agencies && ${repo.textArray(sub)}`);
    }
    if (q.q?.trim()) {
      const raw = q.q.trim();
      const folded = foldVietnamese(raw);
      where.push(sql`(code ILIKE ${`%${raw}%`} OR applicant_name_search LIKE ${`%${folded}%`} OR id_last4 = ${raw.slice(-4)} AND length(${raw}) >= 9 AND applicant ->> 'idNumber' = ${raw.toUpperCase()})`);
    }
    const queue = q.queue ?? 'all';
    const order = citizen || queue === 'all' || queue === 'finished' ? 'recent' : 'due';
    const res = await repo.listDossiers(tx, { scope, ownerId: citizen ? p.userId : undefined, where, page: q.page, pageSize: q.pageSize, order });
    return { items: await presentMany(tx, p, res.items, ctx.now()), total: res.total };
  });
}

/** Counts per queue for the officer's work queues. */
export async function queueCounts(ctx: AppContext, p: Principal): Promise<Record<Queue, number>> {
  return ctx.db.transaction(async (tx) => {
    const out = {} as Record<Queue, number>;
    for (const queue of QUEUES) {
      const qc = await queueConditions(tx, ctx, p, queue);
      const conds = [...qc.conds];
      let scope = qc.scope;
      if (qc.scopeColumn === 'reception' && scope) {
        conds.push(sql`reception_agency_id = ANY(${repo.textArray(scope)})`);
        scope = null;
      }
      out[queue] = await repo.countWhere(tx, scope, conds);
    }
    return out;
  });
}

/** Officers who may be assigned the dossier at its current agency (for the head's assignment list). */
export async function assignableOfficers(ctx: AppContext, p: Principal, idOrCode: string) {
  return ctx.db.transaction(async (tx) => {
    const d = await repo.findDossier(tx, idOrCode);
    if (!d || !(await maySee(tx, p, d))) throw errors.notFound('Không tìm thấy hồ sơ.');
    const chain = await rows<{ id: string }>(
      tx,
      sql`WITH RECURSIVE up AS (SELECT id, parent_id FROM agencies WHERE id = ${d.current_agency_id}
          UNION ALL SELECT a.id, a.parent_id FROM agencies a JOIN up ON a.id = up.parent_id) SELECT id FROM up`,
    );
    const sub = await repo.subtreesOf(tx, [d.current_agency_id]);
    const ids = [...new Set([...chain.map((c) => c.id), ...sub])];
    return rows<{ id: string; full_name: string; role: string }>(
      tx,
      sql`SELECT DISTINCT u.id, u.full_name, g.role FROM users u JOIN user_grants g ON g.user_id = u.id
          WHERE u.active AND g.role IN ('specialist', 'head', 'leader', 'clerk') AND g.agency_id = ANY(${repo.textArray(ids)})
          ORDER BY u.full_name`,
    );
  });
}
