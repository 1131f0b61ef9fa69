/**
 * Importing dossier history (hồ sơ từ hệ thống cũ): `motcua import dossiers
 * FILE.csv` loads the dossiers of a previous system so that a province moves
 * to motcua with its history and its reports. The columns carry the national
 * portal's names (docs/import-dossiers.md):
 *
 *   MaHoSo            the dossier code, kept as it is (required, unique)
 *   MaTTHC            the procedure's national code (a published procedure)
 *   MaCoQuan          the competent agency's electronic id
 *   KenhThucHien      1 counter, 2 online, 3 postal
 *   ChuHoSo           the applicant's name
 *   NgayNopHoSo       submitted (optional; needed when there is no NgayTiepNhan)
 *   NgayTiepNhan      received
 *   NgayHenTra        due
 *   NgayKetThucXuLy   processing ended
 *   NgayTra           result returned
 *   TrangThaiHoSo     status 1–10
 *   SoLanBoSung       supplements requested (optional)
 *
 * The file is read twice, streaming: the first pass checks every row (and
 * collects every problem with its line), the second writes, all in one
 * transaction with COPY. Each dossier gets one `import` event, the first link
 * of its hash chain, so `motcua audit verify` checks imported dossiers too.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { rows } from '../../db/client.ts';
import { AppError, type ErrorDetail } from '../../http/errors.ts';
import { CsvError, readCsv, type CsvRecord } from '../../lib/csv-stream.ts';
import { parseDossierCode } from '../../kernel/dossier/code.ts';
import { eventHash, GENESIS_HASH } from '../../kernel/dossier/hash.ts';
import { FINISHED, OPEN, STATUS, STATUS_NAMES, type Channel, type Status } from '../../kernel/dossier/status.ts';
import { timelinessOf } from '../../kernel/dossier/timeliness.ts';
import { foldVietnamese } from '../procedures/text.ts';
import type { Workflow, WorkflowStep } from '../procedures/workflow.ts';
import { bulkTransaction, copyTextArray, copyValue, type BulkTx } from './bulk.ts';
import { textArray } from './repo.ts';
import { receptionUnitFor, stepAgency } from './service.ts';

export const IMPORT_COLUMNS = [
  'MaHoSo', 'MaTTHC', 'MaCoQuan', 'KenhThucHien', 'ChuHoSo', 'NgayNopHoSo', 'NgayTiepNhan', 'NgayHenTra',
  'NgayKetThucXuLy', 'NgayTra', 'TrangThaiHoSo', 'SoLanBoSung',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
const OPTIONAL_COLUMNS: readonly ImportColumn[] = ['NgayNopHoSo', 'SoLanBoSung'];

/** How many problems an answer lists (the total is always given). */
export const MAX_LISTED_PROBLEMS = 200;

const CHANNEL_OF: Record<string, Channel> = { '1': 'counter', '2': 'online', '3': 'postal' };
const VN_OFFSET_MS = 7 * 3_600_000;

// ——— times ———

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const VN_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * An instant from ISO 8601 (`2026-03-02T08:30:00`, with `Z` or an offset, or
 * none for Vietnam time) or `dd/MM/yyyy HH:mm:ss` (also `HH:mm`, or the date
 * alone) in Vietnam time. A date alone is the start of that day, or its end
 * with `endOfDay` (a due date written as a day is due during all of it).
 * Null when the text is not a real date and time.
 */
export function parseInstant(text: string, endOfDay = false): Date | null {
  let y: number, mo: number, d: number, h: number, mi: number, s: number, frac = 0;
  let zoneMs: number | null = null;
  let dateOnly: boolean;
  let m: RegExpExecArray | null;
  if ((m = ISO_RE.exec(text))) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    dateOnly = m[4] === undefined;
    [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
    if (m[7]) frac = Math.floor(Number(`0.${m[7]}`) * 1000);
    if (m[8]) {
      if (m[8].toUpperCase() === 'Z') zoneMs = 0;
      else {
        const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(m[8])!;
        const zh = Number(z[2]);
        const zm = Number(z[3] ?? 0);
        if (zh > 14 || zm > 59) return null;
        zoneMs = (z[1] === '-' ? -1 : 1) * (zh * 60 + zm) * 60_000;
      }
    }
  } else if ((m = VN_RE.exec(text))) {
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    dateOnly = m[4] === undefined;
    [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  } else return null;
  if (y < 1900 || y > 2199 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCMonth() !== mo - 1) return null;
  if (dateOnly && endOfDay) [h, mi, s] = [23, 59, 59];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, frac) - (zoneMs ?? VN_OFFSET_MS));
}

// ——— references (procedures, agencies) ———

interface ProcedureRef {
  id: string;
  code: string;
  versionId: string;
  name: string;
  fieldCode: string;
  caseCode: string;
  caseName: string;
  durationAmount: number;
  durationUnit: string;
  sameDayCutoff: string | null;
  workflow: Workflow | null;
  /** The workflow as JSON in COPY format (computed once). */
  workflowCopy: string;
  /** The step an open dossier resumes at: the start for status 2, the step after it while processing. */
  startStep: WorkflowStep | null;
  processingStep: WorkflowStep | null;
}

interface AgencyRef {
  id: string;
  code: string;
  receptionId: string;
}

type Ref<T> = { ok: T } | { problem: string };

/** Procedures and agencies named by the file, looked up once each. */
class References {
  procedures = new Map<string, Ref<ProcedureRef>>();
  agencies = new Map<string, AgencyRef | null>();

  constructor(private readonly ctx: AppContext) {}

  async resolve(procCodes: Iterable<string>, agencyCodes: Iterable<string>): Promise<void> {
    const pc = [...new Set(procCodes)].filter((c) => c && !this.procedures.has(c));
    const ac = [...new Set(agencyCodes)].filter((c) => c && !this.agencies.has(c));
    if (pc.length) await this.resolveProcedures(pc);
    if (ac.length) await this.resolveAgencies(ac);
  }

  private async resolveProcedures(codes: string[]): Promise<void> {
    const list = await rows<{ id: string; code: string; local_code: string | null; published_version_id: string | null }>(
      this.ctx.db,
      sql`SELECT id, code, local_code, published_version_id FROM procedures WHERE code = ANY(${textArray(codes)})
          ORDER BY code, (published_version_id IS NULL), (local_code IS NULL) DESC, local_code`,
    );
    const chosen = new Map<string, (typeof list)[number]>();
    for (const p of list) if (!chosen.has(p.code)) chosen.set(p.code, p);
    const versionIds = [...chosen.values()].map((p) => p.published_version_id).filter((v): v is string => !!v);
    const versions = versionIds.length
      ? await rows<{ id: string; name: string; field_code: string }>(this.ctx.db, sql`SELECT id, name, field_code FROM procedure_versions WHERE id = ANY(${textArray(versionIds)})`)
      : [];
    const cases = versionIds.length
      ? await rows<{ version_id: string; code: string; name: string; duration_amount: number; duration_unit: string; same_day_cutoff: string | null; definition: unknown }>(
          this.ctx.db,
          sql`SELECT DISTINCT ON (c.version_id) c.version_id, c.code, c.name, c.duration_amount, c.duration_unit, c.same_day_cutoff, w.definition
              FROM procedure_cases c LEFT JOIN procedure_workflows w ON w.case_id = c.id
              WHERE c.version_id = ANY(${textArray(versionIds)}) ORDER BY c.version_id, c.position, c.code`,
        )
      : [];
    const versionOf = new Map(versions.map((v) => [v.id, v]));
    const caseOf = new Map(cases.map((c) => [c.version_id, c]));
    for (const code of codes) {
      const p = chosen.get(code);
      if (!p) {
        this.procedures.set(code, { problem: `Không có thủ tục hành chính mã ${code} trong danh mục.` });
        continue;
      }
      const v = p.published_version_id ? versionOf.get(p.published_version_id) : undefined;
      if (!v) {
        this.procedures.set(code, { problem: `Thủ tục ${code} chưa được công bố.` });
        continue;
      }
      const c = caseOf.get(v.id);
      if (!c) {
        this.procedures.set(code, { problem: `Thủ tục ${code} chưa có trường hợp giải quyết nào.` });
        continue;
      }
      const workflow = (typeof c.definition === 'string' ? JSON.parse(c.definition) : c.definition) as Workflow | null;
      const start = workflow ? (workflow.steps.find((s) => s.id === workflow.start) ?? null) : null;
      const nextId = workflow?.transitions.find((t) => t.from === workflow.start && (t.kind === 'forward' || t.kind === 'handoff'))?.to;
      this.procedures.set(code, {
        ok: {
          id: p.id,
          code,
          versionId: v.id,
          name: v.name,
          fieldCode: v.field_code,
          caseCode: c.code,
          caseName: c.name,
          durationAmount: Number(c.duration_amount),
          durationUnit: c.duration_unit,
          sameDayCutoff: c.same_day_cutoff,
          workflow,
          workflowCopy: copyValue(workflow ? JSON.stringify(workflow) : null),
          startStep: start,
          processingStep: (nextId && workflow?.steps.find((s) => s.id === nextId)) || start,
        },
      });
    }
  }

  private async resolveAgencies(codes: string[]): Promise<void> {
    const list = await rows<{ id: string; code: string }>(this.ctx.db, sql`SELECT id, code FROM agencies WHERE code = ANY(${textArray(codes)})`);
    const byCode = new Map(list.map((a) => [a.code, a]));
    for (const code of codes) {
      const a = byCode.get(code);
      this.agencies.set(code, a ? { id: a.id, code: a.code, receptionId: await receptionUnitFor(this.ctx, this.ctx.db, a.id) } : null);
    }
  }
}

// ——— problems ———

/** Every problem of the file, counted; the first MAX_LISTED_PROBLEMS (by line) kept for the listing. */
class Problems {
  total = 0;
  lines = new Set<number>();
  private list: { line: number; n: number; message: string }[] = [];

  add(line: number, message: string): void {
    this.total++;
    this.lines.add(line);
    this.list.push({ line, n: this.total, message });
    if (this.list.length > 4 * MAX_LISTED_PROBLEMS) this.trim();
  }

  private trim(): void {
    this.list.sort((a, b) => a.line - b.line || a.n - b.n);
    this.list.length = Math.min(this.list.length, MAX_LISTED_PROBLEMS);
  }

  listed(): ErrorDetail[] {
    this.trim();
    return this.list.map((p) => ({ path: p.line > 0 ? `Dòng ${p.line}` : 'Tệp', message: p.message }));
  }
}

function invalid(problems: Problems): AppError {
  const listed = problems.listed();
  const where = problems.lines.has(0) ? '' : ` ở ${problems.lines.size.toLocaleString('vi-VN')} dòng`;
  const more = problems.total > listed.length ? ` Dưới đây là ${listed.length} lỗi đầu tiên.` : '';
  return new AppError(
    400,
    'IMPORT_INVALID',
    `Tệp có ${problems.total.toLocaleString('vi-VN')} lỗi${where}; chưa nhập hồ sơ nào.${more}`,
    listed,
  );
}

const fileProblem = (message: string) => {
  const p = new Problems();
  p.add(0, message);
  return invalid(p);
};

// ——— rows ———

interface Header {
  index: Record<ImportColumn, number>;
  names: string[];
}

interface ValidRow {
  line: number;
  code: string;
  status: Status;
  channel: Channel;
  applicantName: string;
  procedure: ProcedureRef;
  agency: AgencyRef;
  submittedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  supplements: number;
  columns: Record<string, string>;
}

function readHeader(rec: CsvRecord): Header {
  const names = rec.fields.map((f) => f.replace(/^\uFEFF/, '').trim());
  const lower = names.map((n) => n.toLowerCase());
  const index = {} as Record<ImportColumn, number>;
  const missing: string[] = [];
  for (const c of IMPORT_COLUMNS) {
    const at = lower.indexOf(c.toLowerCase());
    if (at >= 0 && lower.indexOf(c.toLowerCase(), at + 1) >= 0) throw fileProblem(`Dòng ${rec.line}: cột ${c} xuất hiện hai lần trong dòng tiêu đề.`);
    index[c] = at;
    if (at < 0 && !OPTIONAL_COLUMNS.includes(c)) missing.push(c);
  }
  if (missing.length) {
    throw fileProblem(`Dòng ${rec.line} (dòng tiêu đề) thiếu cột ${missing.join(', ')}. Các cột cần có: ${IMPORT_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c)).join(', ')}.`);
  }
  return { index, names };
}

const FINISH_REQUIRED: readonly Status[] = [STATUS.REFUSED, STATUS.WITHDRAWN, STATUS.STOPPED, STATUS.DONE];
const NEEDS_RECEPTION: readonly Status[] = [2, 4, 5, 6, 7, 8, 9, 10];

/** Checks one row; returns it, or null after reporting each of its problems. References must be resolved. */
function checkRow(rec: CsvRecord, h: Header, refs: References, now: Date, report: (message: string) => void): ValidRow | null {
  let ok = true;
  const bad = (message: string) => {
    ok = false;
    report(message);
  };
  const { fields } = rec;
  const width = h.names.length;
  if (fields.length < width || (fields.length > width && fields.slice(width).some((f) => f.trim() !== ''))) {
    bad(`Dòng có ${fields.length} ô nhưng dòng tiêu đề có ${width} cột.`);
    return null;
  }
  if (fields.some((f) => f.includes('\u0000'))) {
    bad('Dòng có ký tự NUL (mã 0), không hợp lệ trong văn bản.');
    return null;
  }
  const get = (c: ImportColumn) => {
    const at = h.index[c];
    return at < 0 ? '' : (fields[at] ?? '').trim();
  };

  const code = get('MaHoSo');
  if (!code) bad('Thiếu mã hồ sơ (cột MaHoSo).');
  else if (code.length > 100) bad('Mã hồ sơ dài quá 100 ký tự.');
  else if (/\s/.test(code)) bad(`Mã hồ sơ "${code}" có khoảng trắng.`);

  let procCode = get('MaTTHC');
  // A spreadsheet that took 1.001190 for a number shows 1.00119: put the trailing zeros back.
  if (/^[0-9]\.[0-9]{3,5}$/.test(procCode)) procCode = procCode.padEnd(8, '0');
  const procRef = procCode ? refs.procedures.get(procCode) : undefined;
  if (!procCode) bad('Thiếu mã thủ tục (cột MaTTHC).');
  else if (!procRef) throw new Error(`procedure ${procCode} was not resolved`);
  else if ('problem' in procRef) bad(procRef.problem);

  const agencyCode = get('MaCoQuan');
  const agency = agencyCode ? refs.agencies.get(agencyCode) : undefined;
  if (!agencyCode) bad('Thiếu mã định danh cơ quan giải quyết (cột MaCoQuan).');
  else if (agency === undefined) throw new Error(`agency ${agencyCode} was not resolved`);
  else if (agency === null) bad(`Không tìm thấy cơ quan có mã định danh ${agencyCode}.`);

  const channel = CHANNEL_OF[get('KenhThucHien')];
  if (!channel) bad(`KenhThucHien "${get('KenhThucHien')}" phải là 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính công ích).`);

  const applicantName = get('ChuHoSo').replace(/\s+/g, ' ');
  if (!applicantName) bad('Thiếu tên chủ hồ sơ (cột ChuHoSo).');
  else if (applicantName.length > 300) bad('Tên chủ hồ sơ dài quá 300 ký tự.');

  const statusText = get('TrangThaiHoSo');
  const status = /^(10|[1-9])$/.test(statusText) ? (Number(statusText) as Status) : null;
  if (!status) bad(`TrangThaiHoSo "${statusText}" phải là số từ 1 đến 10.`);

  const supText = get('SoLanBoSung');
  const supplements = supText === '' ? 0 : /^\d{1,4}$/.test(supText) ? Number(supText) : -1;
  if (supplements < 0) bad(`SoLanBoSung "${supText}" phải là số nguyên không âm.`);

  const time = (c: ImportColumn, endOfDay = false): Date | null => {
    const v = get(c);
    if (!v) return null;
    const t = parseInstant(v, endOfDay);
    if (!t) bad(`${c} "${v}" không phải là ngày giờ hợp lệ (dd/MM/yyyy HH:mm:ss hoặc ISO 8601, ví dụ 02/03/2026 08:30:00).`);
    return t;
  };
  const submitted = time('NgayNopHoSo');
  const received = time('NgayTiepNhan');
  const due = time('NgayHenTra', true);
  let finished = time('NgayKetThucXuLy');
  const returned = time('NgayTra');
  if (!ok || !status) return null;

  // The dates a status needs, and those it cannot have yet.
  const label = `Hồ sơ ở trạng thái ${status} (${STATUS_NAMES[status]})`;
  const has = (c: ImportColumn) => get(c) !== '';
  if (status === STATUS.NEW) {
    if (has('NgayTiepNhan')) bad(`${label} chưa được tiếp nhận nên không có NgayTiepNhan.`);
    if (has('NgayHenTra')) bad(`${label} chưa được tiếp nhận nên chưa có NgayHenTra.`);
  }
  if (NEEDS_RECEPTION.includes(status)) {
    if (!has('NgayTiepNhan')) bad(`${label} phải có NgayTiepNhan.`);
    if (!has('NgayHenTra')) bad(`${label} phải có NgayHenTra.`);
  }
  if (FINISH_REQUIRED.includes(status) && !has('NgayKetThucXuLy')) {
    bad(`${label} phải có NgayKetThucXuLy (${status === STATUS.REFUSED ? 'ngày từ chối tiếp nhận' : 'ngày kết thúc xử lý'}).`);
  }
  if (!FINISHED.includes(status) && has('NgayKetThucXuLy')) bad(`${label} chưa kết thúc xử lý nên không có NgayKetThucXuLy.`);
  if (status === STATUS.RETURNED && !has('NgayTra')) bad(`${label} phải có NgayTra (ngày trả kết quả).`);
  if (status !== STATUS.RETURNED && has('NgayTra')) bad(`Chỉ hồ sơ đã trả kết quả (trạng thái 10) mới có NgayTra; hồ sơ này ở trạng thái ${status}.`);
  if (!received && !submitted && (status === STATUS.NEW || status === STATUS.REFUSED)) {
    bad(`${label} chưa có NgayTiepNhan nên cần NgayNopHoSo (ngày nộp hồ sơ).`);
  }
  if (!ok) return null;

  if (status === STATUS.RETURNED && !finished) finished = returned;
  const submittedAt = submitted ?? received!;
  const order: [Date | null, Date | null, string][] = [
    [submitted, received, 'NgayNopHoSo sau NgayTiepNhan.'],
    [received, due, 'NgayHenTra trước NgayTiepNhan.'],
    [received ?? submittedAt, finished, `NgayKetThucXuLy trước ${received ? 'NgayTiepNhan' : 'NgayNopHoSo'}.`],
    [finished, returned, 'NgayTra trước NgayKetThucXuLy.'],
  ];
  for (const [a, b, message] of order) if (a && b && a.getTime() > b.getTime()) bad(message);
  const past: [Date | null, ImportColumn][] = [[submitted, 'NgayNopHoSo'], [received, 'NgayTiepNhan'], [finished, 'NgayKetThucXuLy'], [returned, 'NgayTra']];
  for (const [t, c] of past) if (t && t.getTime() > now.getTime()) bad(`${c} ở tương lai (sau thời điểm nhập).`);
  if (!ok) return null;

  const columns: Record<string, string> = {};
  h.names.forEach((n, i) => {
    if (n) columns[n] = (fields[i] ?? '').trim();
  });
  return {
    line: rec.line,
    code,
    status,
    channel,
    applicantName,
    procedure: (procRef as { ok: ProcedureRef }).ok,
    agency: agency!,
    submittedAt,
    receivedAt: status === STATUS.REFUSED ? null : received,
    dueAt: due,
    finishedAt: FINISHED.includes(status) ? finished : null,
    returnedAt: returned,
    supplements,
    columns,
  };
}

// ——— the rows as COPY text ———

const DOSSIER_COLUMNS = [
  'id', 'code', 'status', 'channel', 'procedure_id', 'procedure_version_id', 'procedure_code', 'procedure_name', 'field_code',
  'case_code', 'case_name', 'duration_amount', 'duration_unit', 'same_day_cutoff', 'workflow', 'agency_id', 'reception_agency_id',
  'current_agency_id', 'involved_agencies', 'current_step', 'step_started_at', 'applicant', 'applicant_name_search', 'components',
  'submitted_at', 'received_at', 'clock_started_at', 'due_at', 'paused_at', 'resume_status', 'supplement_count', 'finished_at',
  'returned_at', 'timeliness', 'imported', 'event_count', 'last_hash', 'version', 'created_at', 'updated_at',
] as const;
const EVENT_COLUMNS = [
  'dossier_id', 'seq', 'action', 'actor_id', 'actor_name', 'at', 'from_status', 'to_status', 'from_step', 'to_step', 'agency_id', 'data',
  'prev_hash', 'hash',
] as const;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Ids in the UUID version 7 layout (time first, then a counter), so that a
 * large import appends to the primary-key indexes instead of scattering.
 */
function idMaker(ms: number): () => string {
  let n = 0;
  return () => {
    const t = (ms + Math.floor(n / 0x1000000)).toString(16).padStart(12, '0');
    const c = (n++ % 0x1000000).toString(16).padStart(6, '0');
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${c.slice(0, 3)}-8${c.slice(3, 6)}-${randomUUID().slice(24)}`;
  };
}

/** The dossier row and its `import` event, as COPY lines. */
function copyLines(v: ValidRow, id: string, at: Date, source: string): { dossier: string; event: string } {
  const p = v.procedure;
  const s = v.status;
  const open = OPEN.includes(s);
  const received = v.receivedAt;
  // Open dossiers go on in motcua from the start of the workflow (received) or its first processing step.
  const step = open && p.workflow ? (s === STATUS.RECEIVED ? p.startStep : p.processingStep) : null;
  const base = { agency_id: v.agency.id, reception_agency_id: v.agency.receptionId };
  const current = step ? stepAgency(base, step) : v.agency.receptionId;
  const involved = [...new Set([v.agency.receptionId, v.agency.id, current])];
  const paused = s === STATUS.SUPPLEMENT || s === STATUS.PAYMENT;
  const timeliness = received && v.finishedAt && s !== STATUS.REFUSED ? timelinessOf(v.finishedAt, v.dueAt) : null;
  const atIso = at.toISOString();
  const data = { source, line: v.line, code: v.code, columns: v.columns };
  const hash = eventHash(GENESIS_HASH, { dossierId: id, seq: 1, action: 'import', actorId: null, at: atIso, fromStatus: null, toStatus: s, data });
  const applicant = { fullName: v.applicantName, idNumber: '', phone: '', address: '' };
  const dossier = [
    id, copyValue(v.code), s, v.channel, p.id, p.versionId, copyValue(p.code), copyValue(p.name), copyValue(p.fieldCode),
    copyValue(p.caseCode), copyValue(p.caseName), p.durationAmount, p.durationUnit, copyValue(p.sameDayCutoff),
    s === STATUS.NEW || open ? p.workflowCopy : '\\N', v.agency.id, v.agency.receptionId, current, copyTextArray(involved),
    copyValue(step?.id ?? null), copyValue(step ? atIso : null), copyValue(JSON.stringify(applicant)),
    copyValue(foldVietnamese(v.applicantName)), '[]', v.submittedAt.toISOString(), copyValue(iso(received)), copyValue(iso(received)),
    copyValue(iso(v.dueAt)), copyValue(paused ? atIso : null), paused ? STATUS.PROCESSING : '\\N', v.supplements,
    copyValue(iso(v.finishedAt)), copyValue(iso(v.returnedAt)), copyValue(timeliness), 't', 1, hash, 1, atIso, atIso,
  ].join('\t');
  const event = [
    id, 1, 'import', '\\N', '\\N', atIso, '\\N', s, '\\N', copyValue(step?.id ?? null), current, copyValue(JSON.stringify(data)),
    GENESIS_HASH, hash,
  ].join('\t');
  return { dossier, event };
}

// ——— the import ———

export interface DossierImportProgress {
  phase: 'validate' | 'load';
  /** Rows read (validate) or written (load). */
  rows: number;
  /** Rows to write (known after validation). */
  totalRows: number;
  bytes: number;
  totalBytes: number;
  errors: number;
}

export interface DossierImportResult {
  /** Dossiers in the file (valid rows). */
  rows: number;
  /** Dossiers written (0 on a dry run). */
  imported: number;
  byStatus: Record<string, number>;
  dryRun: boolean;
  source: string;
  /** Agency-day code sequences moved past the imported codes. */
  codeCounters: number;
  seconds: number;
}

export interface DossierImportOptions {
  dryRun?: boolean;
  /** The name recorded as the source of each import event (default: the file's base name). */
  source?: string;
  onProgress?: (p: DossierImportProgress) => void;
  /** Rows per COPY statement. */
  copyRows?: number;
  /** Stops the import (and rolls back) when aborted. */
  signal?: AbortSignal;
}

const cancelled = () => new AppError(409, 'IMPORT_CANCELLED', 'Đã dừng nhập theo yêu cầu; chưa nhập hồ sơ nào.');

/** The file's bytes, hashed as they stream by (the second pass must read the same file). */
async function* hashed(file: string, hash: ReturnType<typeof createHash>): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    yield chunk as Buffer;
  }
}

/** Reads the records after the header; stops at a file that is not CSV with an IMPORT_INVALID error. */
async function* records(file: string, hash: ReturnType<typeof createHash>, onBytes: (n: number) => void): AsyncGenerator<{ header: Header | null; batch: CsvRecord[] }> {
  let header: Header | null = null;
  try {
    for await (const batch of readCsv(hashed(file, hash), { onBytes })) {
      let list = batch.filter((r) => r.fields.some((f) => f.trim() !== ''));
      if (!header && list.length) {
        header = readHeader(list[0]);
        list = list.slice(1);
      }
      yield { header, batch: list };
    }
  } catch (err) {
    if (err instanceof CsvError) throw fileProblem(err.message);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw fileProblem(`Không có quyền đọc tệp ${file}.`);
    if (code?.startsWith('E')) throw fileProblem(`Không đọc được tệp ${file} (${code}).`);
    throw err;
  }
  if (!header) throw fileProblem('Tệp trống: không có dòng tiêu đề.');
}

/**
 * Imports dossiers from a CSV file, all or nothing. Throws IMPORT_INVALID (400)
 * listing the first problems by line (the message gives their number) and
 * writes nothing unless every row is valid.
 */
export async function importDossiersFromFile(ctx: AppContext, file: string, opts: DossierImportOptions = {}): Promise<DossierImportResult> {
  const started = Date.now();
  let totalBytes: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw fileProblem(`${file} không phải là tệp.`);
    totalBytes = st.size;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw fileProblem(`Không đọc được tệp ${file}.`);
  }
  const source = (opts.source ?? path.basename(file)).slice(0, 300);
  const now = ctx.now();
  const refs = new References(ctx);
  const problems = new Problems();
  const progress = (phase: DossierImportProgress['phase'], rowsDone: number, totalRows: number, bytes: number) =>
    opts.onProgress?.({ phase, rows: rowsDone, totalRows, bytes, totalBytes, errors: problems.total });

  // Pass 1: check every row; collect codes, their lines and the code sequences they use.
  const seen = new Map<string, number>();
  const pending: { code: string; line: number }[] = [];
  const counters = new Map<string, { agencyId: string; day: string; last: number }>();
  const byStatus: Record<string, number> = {};
  let valid = 0;
  let read = 0;
  let bytes = 0;
  const flushExisting = async () => {
    if (!pending.length) return;
    const list = pending.splice(0);
    const found = await rows<{ code: string }>(ctx.db, sql`SELECT code FROM dossiers WHERE code = ANY(${textArray(list.map((x) => x.code))})`);
    const existing = new Set(found.map((f) => f.code));
    for (const x of list) if (existing.has(x.code)) problems.add(x.line, `Mã hồ sơ ${x.code} đã có trong hệ thống.`);
  };
  const hash1 = createHash('sha256');
  for await (const { header, batch } of records(file, hash1, (n) => (bytes = n))) {
    if (opts.signal?.aborted) throw cancelled();
    if (!header) continue;
    const codeOf = (r: CsvRecord) => (r.fields[header.index.MaHoSo] ?? '').trim();
    const procOf = (r: CsvRecord) => {
      const c = (r.fields[header.index.MaTTHC] ?? '').trim();
      return /^[0-9]\.[0-9]{3,5}$/.test(c) ? c.padEnd(8, '0') : c;
    };
    await refs.resolve(
      batch.map(procOf),
      batch.flatMap((r) => [(r.fields[header.index.MaCoQuan] ?? '').trim(), parseDossierCode(codeOf(r))?.agencyCode ?? '']),
    );
    for (const rec of batch) {
      read++;
      const v = checkRow(rec, header, refs, now, (m) => problems.add(rec.line, m));
      const code = codeOf(rec);
      const first = code ? seen.get(code) : undefined;
      if (first !== undefined) problems.add(rec.line, `Mã hồ sơ ${code} trùng với dòng ${first}.`);
      else if (code) {
        seen.set(code, rec.line);
        pending.push({ code, line: rec.line });
      }
      if (!v || first !== undefined) continue;
      valid++;
      byStatus[v.status] = (byStatus[v.status] ?? 0) + 1;
      // A code in motcua's own pattern moves that agency-day sequence past it.
      const pc = parseDossierCode(v.code);
      const owner = pc ? refs.agencies.get(pc.agencyCode) : null;
      if (pc && owner && realDay(pc.day) && pc.sequence <= 2_000_000_000) {
        const key = `${owner.id}|${pc.day}`;
        const c = counters.get(key);
        if (!c) counters.set(key, { agencyId: owner.id, day: pc.day, last: pc.sequence });
        else if (pc.sequence > c.last) c.last = pc.sequence;
      }
    }
    if (pending.length >= 5000) await flushExisting();
    progress('validate', read, 0, bytes);
  }
  await flushExisting();
  seen.clear();
  if (read === 0 && problems.total === 0) problems.add(0, 'Tệp không có dòng hồ sơ nào.');
  if (problems.total) throw invalid(problems);
  const fileHash = hash1.digest('hex');

  const result: DossierImportResult = {
    rows: valid,
    imported: 0,
    byStatus,
    dryRun: !!opts.dryRun,
    source,
    codeCounters: counters.size,
    seconds: 0,
  };
  if (opts.dryRun) {
    result.seconds = (Date.now() - started) / 1000;
    return result;
  }

  // Pass 2: the same rows, written in one transaction.
  const at = ctx.now();
  const perCopy = opts.copyRows ?? 10_000;
  progress('load', 0, valid, 0);
  try {
    await bulkTransaction(ctx.database, async (tx) => {
      const hash2 = createHash('sha256');
      let dossiers: string[] = [];
      let events: string[] = [];
      let loaded = 0;
      // One COPY at a time, in order; the next batch is built while the database writes this one.
      let inflight: Promise<void> = Promise.resolve();
      const flush = async () => {
        if (!dossiers.length) return;
        const d = dossiers.join('\n') + '\n';
        const e = events.join('\n') + '\n';
        const count = dossiers.length;
        dossiers = [];
        events = [];
        await inflight;
        inflight = (async () => {
          await tx.copyIn('dossiers', DOSSIER_COLUMNS, d);
          await tx.copyIn('dossier_events', EVENT_COLUMNS, e);
          loaded += count;
          progress('load', loaded, valid, 0);
        })();
        inflight.catch(() => {}); // awaited at the next flush
      };
      const nextId = idMaker(at.getTime());
      try {
        for await (const { header, batch } of records(file, hash2, () => {})) {
          if (opts.signal?.aborted) throw cancelled();
          if (!header) continue;
          for (const rec of batch) {
            const v = checkRow(rec, header, refs, now, (m) => {
              throw new AppError(409, 'IMPORT_FILE_CHANGED', `Tệp đã thay đổi trong lúc nhập (dòng ${rec.line}: ${m}); chưa nhập hồ sơ nào.`);
            });
            if (!v) continue;
            const l = copyLines(v, nextId(), at, source);
            dossiers.push(l.dossier);
            events.push(l.event);
          }
          if (dossiers.length >= perCopy) await flush();
        }
        await flush();
      } finally {
        await inflight.catch(() => {});
      }
      await inflight;
      if (hash2.digest('hex') !== fileHash || loaded !== valid) {
        throw new AppError(409, 'IMPORT_FILE_CHANGED', 'Tệp đã thay đổi trong lúc nhập; chưa nhập hồ sơ nào. Hãy chạy lại lệnh.');
      }
      await bumpCounters(tx, [...counters.values()]);
      await tx.query(
        `INSERT INTO audit_log (type, actor_id, actor_name, subject, details) VALUES ('dossiers_imported', NULL, $1, $2, $3::jsonb)`,
        ['Dòng lệnh motcua', source, JSON.stringify({ rows: valid, byStatus, sha256: fileHash })],
      );
      result.imported = loaded;
    });
  } catch (err) {
    throw translateDbError(err);
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

/** Whether YYYY-MM-DD is a day of the calendar. */
function realDay(day: string): boolean {
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
}

/** Moves each agency-day code sequence to at least the highest imported number. */
async function bumpCounters(tx: BulkTx, list: { agencyId: string; day: string; last: number }[]): Promise<void> {
  for (let i = 0; i < list.length; i += 2000) {
    const part = list.slice(i, i + 2000);
    await tx.query(
      `INSERT INTO dossier_code_counters (agency_id, day, last)
       SELECT * FROM unnest($1::text[], $2::date[], $3::int[])
       ON CONFLICT (agency_id, day) DO UPDATE SET last = GREATEST(dossier_code_counters.last, EXCLUDED.last)`,
      [part.map((c) => c.agencyId), part.map((c) => c.day), part.map((c) => c.last)],
    );
  }
}

/** A code taken while the file was being written (another import, a new dossier): said in Vietnamese. */
function translateDbError(err: unknown): unknown {
  const e = err as { code?: string; detail?: string; message?: string } | null;
  if (e?.code === '23505') {
    const m = /\(code\)=\((.*)\)/.exec(e.detail ?? e.message ?? '');
    return new AppError(409, 'IMPORT_INVALID', `Mã hồ sơ${m ? ` ${m[1]}` : ''} vừa được tạo trong hệ thống trong lúc nhập; chưa nhập hồ sơ nào. Hãy chạy lại lệnh.`);
  }
  return err;
}
