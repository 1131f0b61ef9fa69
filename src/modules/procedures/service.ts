import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { AppError, errors, type ErrorDetail } from '../../http/errors.ts';
import type { Principal } from '../auth/access.ts';
import { hasSystemRole, mayActAt } from '../auth/access.ts';
import { recordAudit } from '../audit/repo.ts';
import * as repo from './repo.ts';
import { foldVietnamese } from './text.ts';
import { legalHours, longestForwardPath, validateWorkflow, type DurationUnit, type Workflow } from './workflow.ts';

export const PROCEDURE_LEVELS = ['province', 'commune', 'central'] as const;
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number];
/** Dịch vụ công trực tuyến: toàn trình (full), một phần (partial) or none. */
export const ONLINE_TYPES = ['full', 'partial', 'none'] as const;
export type OnlineType = (typeof ONLINE_TYPES)[number];
export const VERSION_STATUSES = ['draft', 'published', 'archived'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** Thành phần hồ sơ: one document of the dossier. */
export interface DossierComponent {
  name: string;
  originals: number;
  copies: number;
  template?: string | null;
}

/** Phí, lệ phí. */
export interface Fee {
  name: string;
  amount: number;
  note?: string | null;
}

/** Trường hợp: a case with its legal duration and internal workflow. */
export interface CaseInput {
  code: string;
  name: string;
  durationAmount: number;
  durationUnit: DurationUnit;
  /** Giờ chốt: for same-day cases, dossiers received after it are due the next working day. */
  sameDayCutoff?: string | null;
  workflow?: Workflow | null;
}

/** The content of a procedure version; the seven components of Decree 63/2010 Art. 8 may be missing in a draft. */
export interface ProcedureContent {
  name: string;
  fieldCode: string;
  levels: ProcedureLevel[];
  agencyIds: string[];
  steps?: string | null;
  submissionMeans?: string | null;
  dossierComponents?: DossierComponent[];
  timeLimit?: string | null;
  applicants?: string | null;
  competentAgency?: string | null;
  result?: string | null;
  fees?: Fee[];
  legalBasis?: string | null;
  onlineType?: OnlineType;
  boundaryFree?: boolean;
  decision?: { number: string; date: string; effectiveDate?: string | null } | null;
  cases?: CaseInput[];
}

export interface ProcedureInput extends ProcedureContent {
  code: string;
  localCode?: string | null;
}

export interface CaseDto {
  code: string;
  name: string;
  durationAmount: number;
  durationUnit: DurationUnit;
  sameDayCutoff: string | null;
}

export interface ProcedureSummary {
  id: string;
  code: string;
  name: string;
  field: { code: string; name: string };
  levels: ProcedureLevel[];
  onlineType: OnlineType;
  boundaryFree: boolean;
  agencies: { id: string; name: string }[];
  cases: CaseDto[];
}

export interface ProcedureDetail extends ProcedureSummary {
  localCode: string | null;
  /** The procedure row's version, for optimistic concurrency on edits. */
  rowVersion: number;
  versionNumber: number;
  status: VersionStatus;
  steps: string | null;
  submissionMeans: string | null;
  dossierComponents: DossierComponent[];
  timeLimit: string | null;
  applicants: string | null;
  competentAgency: string | null;
  result: string | null;
  fees: Fee[];
  legalBasis: string | null;
  decision: { number: string; date: string | null; effectiveDate: string | null } | null;
  publishedAt: string | null;
  cases: (CaseDto & { workflow: Workflow | null })[];
}

export interface VersionSummary {
  number: number;
  status: VersionStatus;
  name: string;
  publishedAt: string | null;
  createdAt: string;
}

// Reading.

async function present(
  tx: Tx,
  list: (repo.VersionRow & { code: string })[],
): Promise<{ summaries: ProcedureSummary[]; cases: Map<string, repo.CaseWithWorkflow[]> }> {
  const fields = new Map((await repo.fieldsByCodes(tx, [...new Set(list.map((v) => v.fieldCode))])).map((f) => [f.code, f.name]));
  const agencyIds = [...new Set(list.flatMap((v) => v.agencyIds))];
  const names = new Map((await repo.agencyNames(tx, agencyIds)).map((a) => [a.id, a.name]));
  const cases = new Map<string, repo.CaseWithWorkflow[]>();
  for (const c of await repo.casesOf(tx, list.map((v) => v.id))) cases.set(c.versionId, [...(cases.get(c.versionId) ?? []), c]);
  const summaries = list.map((v) => ({
    id: v.procedureId,
    code: v.code,
    name: v.name,
    field: { code: v.fieldCode, name: fields.get(v.fieldCode) ?? v.fieldCode },
    levels: v.levels as ProcedureLevel[],
    onlineType: v.onlineType as OnlineType,
    boundaryFree: v.boundaryFree,
    agencies: v.agencyIds.map((id) => ({ id, name: names.get(id) ?? id })),
    cases: (cases.get(v.id) ?? []).map(presentCase),
  }));
  return { summaries, cases };
}

function presentCase(c: repo.CaseRow): CaseDto {
  return {
    code: c.code,
    name: c.name,
    durationAmount: c.durationAmount,
    durationUnit: c.durationUnit as DurationUnit,
    sameDayCutoff: c.sameDayCutoff,
  };
}

async function detail(tx: Tx, proc: repo.ProcedureRow, v: repo.VersionRow): Promise<ProcedureDetail> {
  const { summaries, cases } = await present(tx, [{ ...v, code: proc.code }]);
  return {
    ...summaries[0],
    localCode: proc.localCode,
    rowVersion: proc.version,
    versionNumber: v.number,
    status: v.status as VersionStatus,
    steps: v.steps,
    submissionMeans: v.submissionMeans,
    dossierComponents: v.dossierComponents,
    timeLimit: v.timeLimit,
    applicants: v.applicants,
    competentAgency: v.competentAgency,
    result: v.result,
    fees: v.fees,
    legalBasis: v.legalBasis,
    decision: v.decisionNumber ? { number: v.decisionNumber, date: v.decisionDate, effectiveDate: v.effectiveDate } : null,
    publishedAt: v.publishedAt ? v.publishedAt.toISOString() : null,
    cases: (cases.get(v.id) ?? []).map((c) => ({ ...presentCase(c), workflow: c.workflow })),
  };
}

export interface ListQuery {
  q?: string;
  field?: string;
  level?: ProcedureLevel;
  agency?: string;
  online?: OnlineType;
  page: number;
  pageSize: number;
}

/** Tra cứu thủ tục: published procedures, searched without diacritics. */
export async function listProcedures(ctx: AppContext, query: ListQuery): Promise<{ items: ProcedureSummary[]; total: number }> {
  const folded = foldVietnamese(query.q ?? '');
  const words = folded.split(' ').filter(Boolean).slice(0, 12);
  const found = await repo.searchPublished(ctx.db, {
    words,
    folded,
    field: query.field,
    level: query.level,
    agency: query.agency,
    online: query.online,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const { summaries } = await present(ctx.db, found.rows);
  return { items: summaries, total: found.total };
}

/** The published version of a procedure (by id or national code). */
export async function getPublishedProcedure(ctx: AppContext, idOrCode: string): Promise<ProcedureDetail> {
  const proc = await repo.findProcedure(ctx.db, idOrCode);
  const v = proc?.publishedVersionId ? await repo.getVersion(ctx.db, proc.publishedVersionId) : null;
  if (!proc || !v) throw errors.notFound('Không tìm thấy thủ tục hành chính đã công bố.');
  return detail(ctx.db, proc, v);
}

/** Every version of a procedure, newest first; drafts only for those who may see them. */
export async function listProcedureVersions(ctx: AppContext, idOrCode: string, withDrafts: boolean): Promise<VersionSummary[]> {
  const proc = await repo.findProcedure(ctx.db, idOrCode);
  if (!proc) throw errors.notFound('Không tìm thấy thủ tục hành chính.');
  const list = await repo.listVersions(ctx.db, proc.id);
  return list
    .filter((v) => withDrafts || v.status !== 'draft')
    .map((v) => ({
      number: v.number,
      status: v.status as VersionStatus,
      name: v.name,
      publishedAt: v.publishedAt ? v.publishedAt.toISOString() : null,
      createdAt: v.createdAt.toISOString(),
    }));
}

export async function getProcedureVersion(ctx: AppContext, idOrCode: string, n: number, withDrafts: boolean): Promise<ProcedureDetail> {
  const proc = await repo.findProcedure(ctx.db, idOrCode);
  const v = proc ? await repo.getVersionByNumber(ctx.db, proc.id, n) : null;
  if (!proc || !v || (v.status === 'draft' && !withDrafts)) throw errors.notFound('Không tìm thấy phiên bản này của thủ tục.');
  return detail(ctx.db, proc, v);
}

export async function listFields(ctx: AppContext) {
  return repo.fieldsWithCounts(ctx.db);
}

// Writing.

/** Whether the person may edit the catalogue: admin over every implementing agency (system-wide when none). */
async function requireCatalogueAdmin(tx: Tx, p: Principal | null, agencyIds: string[]) {
  if (p === null) return; // the system itself: demo loader, command line import
  if (hasSystemRole(p, ['admin'])) return;
  const ok = agencyIds.length > 0 && (await Promise.all(agencyIds.map((a) => mayActAt(tx, p, ['admin'], a)))).every(Boolean);
  if (!ok) throw errors.forbidden('Bạn không có quyền quản trị thủ tục của các cơ quan này.');
}

async function checkContent(tx: Tx, c: ProcedureContent) {
  const problems: ErrorDetail[] = [];
  if (!(await repo.getField(tx, c.fieldCode))) problems.push({ path: 'fieldCode', message: `Lĩnh vực ${c.fieldCode} không tồn tại.` });
  const agencyIds = [...new Set(c.agencyIds)];
  const known = new Set((await repo.agencyNames(tx, agencyIds)).map((a) => a.id));
  agencyIds.forEach((a) => {
    if (!known.has(a)) problems.push({ path: 'agencyIds', message: `Cơ quan ${a} không tồn tại.` });
  });
  const codes = new Set<string>();
  (c.cases ?? []).forEach((k, i) => {
    if (codes.has(k.code)) problems.push({ path: `cases[${i}].code`, message: `Mã trường hợp ${k.code} bị trùng.` });
    codes.add(k.code);
  });
  if (problems.length) throw errors.validation(problems);
}

function versionFields(c: ProcedureContent, code: string, now: Date): Omit<repo.NewVersionRow, 'id' | 'procedureId' | 'number' | 'status' | 'createdAt'> {
  return {
    name: c.name.trim(),
    fieldCode: c.fieldCode,
    levels: [...new Set(c.levels)],
    agencyIds: [...new Set(c.agencyIds)],
    steps: c.steps?.trim() || null,
    submissionMeans: c.submissionMeans?.trim() || null,
    dossierComponents: c.dossierComponents ?? [],
    timeLimit: c.timeLimit?.trim() || null,
    applicants: c.applicants?.trim() || null,
    competentAgency: c.competentAgency?.trim() || null,
    result: c.result?.trim() || null,
    fees: c.fees ?? [],
    legalBasis: c.legalBasis?.trim() || null,
    onlineType: c.onlineType ?? 'none',
    boundaryFree: c.boundaryFree ?? false,
    decisionNumber: c.decision?.number ?? null,
    decisionDate: c.decision?.date ?? null,
    effectiveDate: c.decision?.effectiveDate ?? null,
    searchText: foldVietnamese(`${c.name} ${code}`),
    updatedAt: now,
  };
}

async function writeCases(tx: Tx, versionId: string, cases: CaseInput[]) {
  await repo.replaceCases(
    tx,
    versionId,
    cases.map((k) => ({
      id: randomUUID(),
      code: k.code,
      name: k.name.trim(),
      durationAmount: k.durationAmount,
      durationUnit: k.durationUnit,
      sameDayCutoff: k.sameDayCutoff ?? null,
      workflow: k.workflow ?? null,
    })),
  );
}

function uniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/** Creates a procedure with its first version as a draft, inside the caller's transaction. */
export async function createProcedureTx(tx: Tx, now: Date, p: Principal | null, input: ProcedureInput): Promise<repo.ProcedureRow> {
  await requireCatalogueAdmin(tx, p, input.agencyIds);
  await checkContent(tx, input);
  const localCode = input.localCode?.trim() || null;
  if (await repo.getProcedureByCode(tx, input.code, localCode)) {
    throw errors.duplicate('DUPLICATE_CODE', `Mã thủ tục ${input.code}${localCode ? ` (${localCode})` : ''} đã có trong danh mục.`);
  }
  let proc: repo.ProcedureRow;
  try {
    proc = await repo.insertProcedure(tx, { id: randomUUID(), code: input.code, localCode, publishedVersionId: null, version: 1, createdAt: now, updatedAt: now });
  } catch (err) {
    if (uniqueViolation(err)) throw errors.duplicate('DUPLICATE_CODE', `Mã thủ tục ${input.code} đã có trong danh mục.`);
    throw err;
  }
  const v = await repo.insertVersion(tx, {
    id: randomUUID(),
    procedureId: proc.id,
    number: 1,
    status: 'draft',
    ...versionFields(input, proc.code, now),
    createdBy: p?.userId ?? null,
    createdAt: now,
  });
  await writeCases(tx, v.id, input.cases ?? []);
  return proc;
}

/**
 * Replaces the draft's content; when the procedure has no draft, starts one
 * (the next version number) so the published version stays as it is.
 */
export async function saveDraftTx(
  tx: Tx,
  now: Date,
  p: Principal | null,
  proc: repo.ProcedureRow,
  content: ProcedureContent,
  expectedVersion?: number,
): Promise<repo.VersionRow> {
  const published = proc.publishedVersionId ? await repo.getVersion(tx, proc.publishedVersionId) : null;
  let draft = await repo.draftOf(tx, proc.id);
  await requireCatalogueAdmin(tx, p, [...new Set([...(draft?.agencyIds ?? published?.agencyIds ?? []), ...content.agencyIds])]);
  await checkContent(tx, content);
  if (!(await repo.touchProcedure(tx, proc.id, expectedVersion, {}, now))) throw errors.conflict();
  const fields = versionFields(content, proc.code, now);
  if (draft) {
    draft = await repo.updateVersion(tx, draft.id, fields);
  } else {
    draft = await repo.insertVersion(tx, {
      id: randomUUID(),
      procedureId: proc.id,
      number: (await repo.maxVersionNumber(tx, proc.id)) + 1,
      status: 'draft',
      ...fields,
      createdBy: p?.userId ?? null,
      createdAt: now,
    });
  }
  await writeCases(tx, draft.id, content.cases ?? []);
  return draft;
}

const COMPONENTS: { key: keyof repo.VersionRow; label: string }[] = [
  { key: 'steps', label: 'Trình tự thực hiện' },
  { key: 'submissionMeans', label: 'Cách thức thực hiện' },
  { key: 'dossierComponents', label: 'Thành phần, số lượng hồ sơ' },
  { key: 'timeLimit', label: 'Thời hạn giải quyết' },
  { key: 'applicants', label: 'Đối tượng thực hiện' },
  { key: 'competentAgency', label: 'Cơ quan thực hiện' },
  { key: 'result', label: 'Kết quả thực hiện' },
];

/** What keeps a version from being published: missing components, then invalid workflows. */
export function publicationProblems(v: repo.VersionRow, cases: repo.CaseWithWorkflow[]): { code: string; details: ErrorDetail[] } | null {
  const missing: ErrorDetail[] = [];
  for (const c of COMPONENTS) {
    const val = v[c.key];
    if (val === null || val === undefined || val === '' || (Array.isArray(val) && val.length === 0)) {
      missing.push({ path: c.key, message: `Thiếu thành phần "${c.label}".` });
    }
  }
  if (v.levels.length === 0) missing.push({ path: 'levels', message: 'Chưa chọn cấp thực hiện.' });
  if (v.agencyIds.length === 0) missing.push({ path: 'agencyIds', message: 'Chưa chọn cơ quan thực hiện.' });
  if (cases.length === 0) missing.push({ path: 'cases', message: 'Thủ tục phải có ít nhất một trường hợp giải quyết.' });
  cases.forEach((c, i) => {
    if (!c.workflow) missing.push({ path: `cases[${i}].workflow`, message: `Trường hợp "${c.name}" chưa có quy trình nội bộ.` });
  });
  if (missing.length) return { code: 'INCOMPLETE_PROCEDURE', details: missing };
  const bad = cases.flatMap((c, i) =>
    validateWorkflow(c.workflow!, legalHours(c.durationAmount, c.durationUnit as DurationUnit), `cases[${i}].workflow`),
  );
  return bad.length ? { code: 'WORKFLOW_INVALID', details: bad } : null;
}

/** Publishes the draft: validates it, archives the published version and points the procedure at the new one. */
export async function publishTx(tx: Tx, now: Date, p: Principal | null, proc: repo.ProcedureRow, expectedVersion?: number): Promise<repo.VersionRow> {
  const draft = await repo.draftOf(tx, proc.id);
  if (!draft) throw new AppError(409, 'NO_DRAFT', 'Thủ tục không có bản dự thảo để công bố.');
  await requireCatalogueAdmin(tx, p, draft.agencyIds);
  const problem = publicationProblems(draft, await repo.casesOf(tx, [draft.id]));
  if (problem) {
    throw new AppError(
      400,
      problem.code,
      problem.code === 'INCOMPLETE_PROCEDURE'
        ? 'Thủ tục chưa đủ các bộ phận cấu thành để công bố.'
        : 'Quy trình nội bộ không hợp lệ, chưa thể công bố.',
      problem.details,
    );
  }
  await repo.archivePublished(tx, proc.id, now);
  const v = await repo.updateVersion(tx, draft.id, { status: 'published', publishedAt: now, updatedAt: now });
  if (!(await repo.touchProcedure(tx, proc.id, expectedVersion, { publishedVersionId: v.id }, now))) throw errors.conflict();
  return v;
}

async function loadProcedure(tx: Tx, id: string) {
  const proc = await repo.findProcedure(tx, id);
  if (!proc) throw errors.notFound('Không tìm thấy thủ tục hành chính.');
  return proc;
}

async function audit(tx: Tx, p: Principal, type: string, proc: repo.ProcedureRow, v: repo.VersionRow, ip: string | null) {
  await recordAudit(tx, {
    type,
    actorId: p.userId,
    actorName: p.fullName,
    subject: `${proc.code} ${v.name}`.slice(0, 300),
    ip,
    details: { procedureId: proc.id, versionNumber: v.number },
  });
}

export async function createProcedure(ctx: AppContext, p: Principal, input: ProcedureInput, ip: string | null): Promise<ProcedureDetail> {
  return ctx.db.transaction(async (tx) => {
    const proc = await createProcedureTx(tx, ctx.now(), p, input);
    const v = (await repo.draftOf(tx, proc.id))!;
    await audit(tx, p, 'procedure_created', proc, v, ip);
    return detail(tx, proc, v);
  });
}

export async function saveDraft(
  ctx: AppContext,
  p: Principal,
  id: string,
  content: ProcedureContent,
  expectedVersion: number | undefined,
  ip: string | null,
): Promise<ProcedureDetail> {
  return ctx.db.transaction(async (tx) => {
    const proc = await loadProcedure(tx, id);
    const v = await saveDraftTx(tx, ctx.now(), p, proc, content, expectedVersion);
    await audit(tx, p, 'procedure_draft_saved', proc, v, ip);
    return detail(tx, (await repo.getProcedure(tx, proc.id))!, v);
  });
}

export async function publishProcedure(ctx: AppContext, p: Principal, id: string, expectedVersion: number | undefined, ip: string | null) {
  return ctx.db.transaction(async (tx) => {
    const proc = await loadProcedure(tx, id);
    const v = await publishTx(tx, ctx.now(), p, proc, expectedVersion);
    await audit(tx, p, 'procedure_published', proc, v, ip);
    return detail(tx, (await repo.getProcedure(tx, proc.id))!, v);
  });
}

// Administration of the catalogue.

export const ADMIN_STATUSES = ['published', 'draft', 'unpublished'] as const;
export type AdminStatus = (typeof ADMIN_STATUSES)[number];

/** A procedure as the catalogue office sees it: its current content with where each version stands. */
export interface AdminProcedureItem extends ProcedureSummary {
  localCode: string | null;
  rowVersion: number;
  /** The number of the published version, null when never published. */
  publishedVersion: number | null;
  publishedAt: string | null;
  /** The number of the draft version, null when there is none. */
  draftVersion: number | null;
  versionsCount: number;
  updatedAt: string;
}

export interface AdminListQuery {
  q?: string;
  field?: string;
  status?: AdminStatus;
  page: number;
  pageSize: number;
}

/** Every procedure with drafts and never-published ones, searched without diacritics (catalogue admins). */
export async function listProceduresForAdmin(ctx: AppContext, query: AdminListQuery): Promise<{ items: AdminProcedureItem[]; total: number }> {
  const words = foldVietnamese(query.q ?? '').split(' ').filter(Boolean).slice(0, 12);
  const found = await repo.searchForAdmin(ctx.db, {
    words,
    field: query.field,
    status: query.status,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const versions = new Map((await repo.versionsByIds(ctx.db, found.rows.map((r) => r.currentId))).map((v) => [v.id, v]));
  const { summaries } = await present(
    ctx.db,
    found.rows.map((r) => ({ ...versions.get(r.currentId)!, code: r.code })),
  );
  return {
    total: found.total,
    items: found.rows.map((r, i) => ({
      ...summaries[i],
      localCode: r.localCode,
      rowVersion: r.rowVersion,
      publishedVersion: r.publishedNumber,
      publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null,
      draftVersion: r.draftNumber,
      versionsCount: r.versions,
      updatedAt: r.updatedAt.toISOString(),
    })),
  };
}

/**
 * Starts a draft as a copy of the published version, or of an earlier version
 * `from` (to restore it). The published version stays as it is.
 */
export async function startDraft(
  ctx: AppContext,
  p: Principal,
  id: string,
  from: number | undefined,
  expectedVersion: number | undefined,
  ip: string | null,
): Promise<ProcedureDetail> {
  return ctx.db.transaction(async (tx) => {
    const proc = await loadProcedure(tx, id);
    if (await repo.draftOf(tx, proc.id)) {
      throw new AppError(409, 'DRAFT_EXISTS', 'Thủ tục đang có bản dự thảo; hãy sửa, công bố hoặc hủy bản dự thảo đó trước.');
    }
    const source =
      from !== undefined
        ? await repo.getVersionByNumber(tx, proc.id, from)
        : proc.publishedVersionId
          ? await repo.getVersion(tx, proc.publishedVersionId)
          : null;
    if (!source) throw errors.notFound(from !== undefined ? `Không có phiên bản ${from} của thủ tục này.` : 'Thủ tục chưa có phiên bản đã công bố.');
    await requireCatalogueAdmin(tx, p, source.agencyIds);
    const now = ctx.now();
    if (!(await repo.touchProcedure(tx, proc.id, expectedVersion, {}, now))) throw errors.conflict();
    const { id: _id, number: _n, status: _s, publishedAt: _pa, createdAt: _ca, createdBy: _cb, updatedAt: _ua, ...content } = source;
    const draft = await repo.insertVersion(tx, {
      ...content,
      id: randomUUID(),
      procedureId: proc.id,
      number: (await repo.maxVersionNumber(tx, proc.id)) + 1,
      status: 'draft',
      publishedAt: null,
      createdBy: p.userId,
      createdAt: now,
      updatedAt: now,
    });
    const cases = await repo.casesOf(tx, [source.id]);
    await repo.replaceCases(
      tx,
      draft.id,
      cases.map((c) => ({ ...c, id: randomUUID() })),
    );
    await recordAudit(tx, {
      type: 'procedure_draft_started',
      actorId: p.userId,
      actorName: p.fullName,
      subject: `${proc.code} ${draft.name}`.slice(0, 300),
      ip,
      details: { procedureId: proc.id, versionNumber: draft.number, fromVersion: source.number },
    });
    return detail(tx, (await repo.getProcedure(tx, proc.id))!, draft);
  });
}

/**
 * Discards the draft. A procedure that was never published has nothing left
 * then, and is removed from the catalogue.
 */
export async function discardDraft(
  ctx: AppContext,
  p: Principal,
  id: string,
  expectedVersion: number | undefined,
  ip: string | null,
): Promise<{ procedureDeleted: boolean; procedure: ProcedureDetail | null }> {
  return ctx.db.transaction(async (tx) => {
    const proc = await loadProcedure(tx, id);
    const draft = await repo.draftOf(tx, proc.id);
    if (!draft) throw new AppError(409, 'NO_DRAFT', 'Thủ tục không có bản dự thảo để hủy.');
    await requireCatalogueAdmin(tx, p, draft.agencyIds);
    if (!(await repo.touchProcedure(tx, proc.id, expectedVersion, {}, ctx.now()))) throw errors.conflict();
    const published = proc.publishedVersionId ? await repo.getVersion(tx, proc.publishedVersionId) : null;
    const others = (await repo.listVersions(tx, proc.id)).filter((v) => v.id !== draft.id);
    const deleteAll = !published && others.length === 0;
    if (deleteAll) await repo.deleteProcedure(tx, proc.id);
    else await repo.deleteVersion(tx, draft.id);
    await audit(tx, p, deleteAll ? 'procedure_deleted' : 'procedure_draft_discarded', proc, draft, ip);
    if (deleteAll || !published) return { procedureDeleted: deleteAll, procedure: null };
    return { procedureDeleted: false, procedure: await detail(tx, (await repo.getProcedure(tx, proc.id))!, published) };
  });
}

async function requireFieldAdmin(p: Principal) {
  if (!hasSystemRole(p, ['admin'])) throw errors.forbidden('Chỉ quản trị toàn hệ thống mới được thêm, sửa lĩnh vực.');
}

/** Thêm lĩnh vực. */
export async function createField(ctx: AppContext, p: Principal, input: { code: string; name: string }, ip: string | null) {
  await requireFieldAdmin(p);
  return ctx.db.transaction(async (tx) => {
    const code = input.code.trim();
    const name = input.name.trim();
    if (await repo.getField(tx, code)) throw errors.duplicate('DUPLICATE_CODE', `Mã lĩnh vực ${code} đã có.`);
    let f: repo.FieldRow;
    try {
      f = await repo.insertField(tx, { code, name });
    } catch (err) {
      if (uniqueViolation(err)) throw errors.duplicate('DUPLICATE_CODE', `Mã lĩnh vực ${code} đã có.`);
      throw err;
    }
    await recordAudit(tx, { type: 'procedure_field_created', actorId: p.userId, actorName: p.fullName, subject: `${code} ${name}`, ip, details: { code, name } });
    return { ...f, count: 0 };
  });
}

/** Đổi tên lĩnh vực. */
export async function renameField(ctx: AppContext, p: Principal, code: string, name: string, ip: string | null) {
  await requireFieldAdmin(p);
  return ctx.db.transaction(async (tx) => {
    const before = await repo.getField(tx, code);
    if (!before) throw errors.notFound('Không tìm thấy lĩnh vực.');
    const f = (await repo.renameField(tx, code, name.trim()))!;
    await recordAudit(tx, {
      type: 'procedure_field_renamed',
      actorId: p.userId,
      actorName: p.fullName,
      subject: `${code} ${f.name}`,
      ip,
      details: { code, before: before.name, after: f.name },
    });
    const counted = (await repo.fieldsWithCounts(tx)).find((x) => x.code === code);
    return { ...f, count: counted?.count ?? 0 };
  });
}

/** What the editor shows beside a workflow while it is being drawn. */
export interface WorkflowCheck {
  problems: { path: string; message: string }[];
  /** Sum of quotas along the longest forward path, null when forward transitions loop. */
  longestPathHours: number | null;
  longestPath: string[];
  legalHours: number;
}

export function checkWorkflow(wf: Workflow, durationAmount: number, durationUnit: DurationUnit): WorkflowCheck {
  const max = legalHours(durationAmount, durationUnit);
  const longest = longestForwardPath(wf);
  return {
    problems: validateWorkflow(wf, max, 'workflow'),
    longestPathHours: longest ? longest.hours : null,
    longestPath: longest ? longest.path : [],
    legalHours: max,
  };
}
