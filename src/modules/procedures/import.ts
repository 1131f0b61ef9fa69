/**
 * Importing the catalogue from a table: CSV or the first sheet of an XLSX
 * workbook (e.g. an export of the national database of administrative
 * procedures). CSV is UTF-8 (with or without a byte-order mark), separated by
 * commas or semicolons (or tabs), RFC 4180 quoting. The header row holds these
 * columns in any order (extra columns are ignored); it is the first row that
 * contains MaTTHC, among the first ten.
 *
 *   MaTTHC               national code, e.g. 1.001193 (required)
 *   TenTTHC              name (required)
 *   MaLinhVuc            field code (required)
 *   TenLinhVuc           field name (required when the field is new; updates its name otherwise)
 *   CapThucHien          levels separated by ';': Cấp tỉnh | Cấp xã | Cấp trung ương (or province | commune | central)
 *   CoQuanThucHien       implementing agencies' electronic ids separated by ';', e.g. 000.00.21.H56
 *   ThoiHan              legal duration, a whole number
 *   DonViThoiHan         Ngày làm việc | Giờ làm việc | Ngày (or working_days | working_hours | calendar_days)
 *   DichVuCongTrucTuyen  Toàn trình | Một phần | Không (or full | partial | none)
 *   PhiDiaGioi           Có | Không
 *   TrinhTu              steps (trình tự thực hiện, free text)
 *   CachThuc             means of submission (free text)
 *   ThanhPhanHoSo        one document per line: "name|originals|copies|form template"; only the name is required
 *   DoiTuong             who may apply
 *   KetQua               result
 *   CanCuPhapLy          legal basis (optional)
 *   PhiLePhi             one fee per line: "name|amount in VND"; empty or "Không" for none
 *   SoQuyetDinh          number of the publishing decision (optional)
 *   NgayQuyetDinh        its date: dd/MM/yyyy, yyyy-MM-dd or an Excel date (required with SoQuyetDinh)
 *   NgayHieuLuc          the date it takes effect (optional)
 *
 * Rows are numbered as a spreadsheet shows them (the header is usually row 1,
 * the first procedure row 2). Every bad row is reported with its number and
 * reason, and nothing is imported unless every row is valid (one
 * transaction). A code already in the catalogue gets a new published version;
 * a new code is created and published. Each procedure gets one case,
 * "Trường hợp thông thường", with the standard workflow.
 */
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { AppError, type ErrorDetail } from '../../http/errors.ts';
import { readXlsx, XlsxError } from '../../lib/xlsx.ts';
import { recordAudit } from '../audit/repo.ts';
import type { Principal } from '../auth/access.ts';
import * as repo from './repo.ts';
import {
  createProcedureTx,
  publishTx,
  saveDraftTx,
  type DossierComponent,
  type Fee,
  type OnlineType,
  type ProcedureInput,
  type ProcedureLevel,
} from './service.ts';
import { foldVietnamese, parseCsv } from './text.ts';
import { legalHours, standardWorkflow, type DurationUnit } from './workflow.ts';

export const CSV_COLUMNS = [
  'MaTTHC', 'TenTTHC', 'MaLinhVuc', 'TenLinhVuc', 'CapThucHien', 'CoQuanThucHien', 'ThoiHan', 'DonViThoiHan',
  'DichVuCongTrucTuyen', 'PhiDiaGioi', 'TrinhTu', 'CachThuc', 'ThanhPhanHoSo', 'DoiTuong', 'KetQua', 'CanCuPhapLy', 'PhiLePhi',
  'SoQuyetDinh', 'NgayQuyetDinh', 'NgayHieuLuc',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
export const OPTIONAL_COLUMNS: readonly Column[] = ['TenLinhVuc', 'CanCuPhapLy', 'PhiLePhi', 'SoQuyetDinh', 'NgayQuyetDinh', 'NgayHieuLuc'];

const LEVELS: Record<string, ProcedureLevel> = {
  'cap tinh': 'province', tinh: 'province', province: 'province',
  'cap xa': 'commune', xa: 'commune', commune: 'commune',
  'cap trung uong': 'central', 'trung uong': 'central', central: 'central',
};
const UNITS: Record<string, DurationUnit> = {
  'ngay lam viec': 'working_days', working_days: 'working_days',
  'gio lam viec': 'working_hours', working_hours: 'working_hours',
  ngay: 'calendar_days', 'ngay lich': 'calendar_days', calendar_days: 'calendar_days',
};
const ONLINE: Record<string, OnlineType> = {
  'toan trinh': 'full', full: 'full', 'mot phan': 'partial', partial: 'partial', khong: 'none', none: 'none', '': 'none',
};
const YES_NO: Record<string, boolean> = { co: true, khong: false, true: true, false: false, '1': true, '0': false, '': false };

const lines = (s: string) => s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

/** dd/MM/yyyy, yyyy-MM-dd or an Excel serial day number → yyyy-MM-dd; null when it is not a real date. */
export function parseImportDate(s: string): string | null {
  let y: number, m: number, d: number;
  let r: RegExpExecArray | null;
  if ((r = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s))) [d, m, y] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else if ((r = /^(\d{4})-(\d{2})-(\d{2})(?:[ T][0-9:.]+Z?)?$/.exec(s))) [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else if (/^\d{5}$/.test(s)) {
    // An Excel date whose cell was not formatted as a date: days since 1899-12-30.
    const t = new Date(Date.UTC(1899, 11, 30) + Number(s) * 86400000);
    [y, m, d] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
  } else return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2200 || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

interface ParsedRow {
  row: number;
  input: ProcedureInput;
  fieldName: string | null;
  agencyCodes: string[];
}

function parseRow(get: (c: Column) => string, row: number, problems: ErrorDetail[]): ParsedRow | null {
  const bad = (message: string) => problems.push({ path: `Dòng ${row}`, message });
  const before = problems.length;
  let code = get('MaTTHC');
  // A spreadsheet that took 1.001190 for a number shows 1.00119: put the trailing zeros back.
  if (/^[0-9]\.[0-9]{3,5}$/.test(code)) code = code.padEnd(8, '0');
  if (!/^[0-9]\.[0-9]{6}$/.test(code)) bad(`Mã thủ tục "${code}" không đúng dạng x.xxxxxx (ví dụ 1.001193).`);
  const name = get('TenTTHC');
  if (name.length < 2 || name.length > 1000) bad('Thiếu tên thủ tục.');
  const fieldCode = get('MaLinhVuc');
  if (!fieldCode || fieldCode.length > 40) bad('Thiếu mã lĩnh vực.');
  const levels: ProcedureLevel[] = [];
  for (const l of get('CapThucHien').split(';').map((x) => x.trim()).filter(Boolean)) {
    const v = LEVELS[foldVietnamese(l)];
    if (v) levels.push(v);
    else bad(`Cấp thực hiện "${l}" không hợp lệ (Cấp tỉnh, Cấp xã, Cấp trung ương).`);
  }
  if (levels.length === 0 && problems.length === before) bad('Thiếu cấp thực hiện.');
  const agencyCodes = get('CoQuanThucHien').split(';').map((x) => x.trim()).filter(Boolean);
  if (agencyCodes.length === 0) bad('Thiếu cơ quan thực hiện.');
  const amountText = get('ThoiHan');
  const amount = Number(amountText);
  if (!/^[0-9]{1,5}$/.test(amountText)) bad(`Thời hạn "${amountText}" phải là số nguyên không âm.`);
  const unit = UNITS[foldVietnamese(get('DonViThoiHan'))];
  if (!unit) bad(`Đơn vị thời hạn "${get('DonViThoiHan')}" không hợp lệ (Ngày làm việc, Giờ làm việc, Ngày).`);
  const online = ONLINE[foldVietnamese(get('DichVuCongTrucTuyen'))];
  if (!online) bad(`Mức dịch vụ công trực tuyến "${get('DichVuCongTrucTuyen')}" không hợp lệ (Toàn trình, Một phần, Không).`);
  const boundaryFree = YES_NO[foldVietnamese(get('PhiDiaGioi'))];
  if (boundaryFree === undefined) bad(`Phi địa giới "${get('PhiDiaGioi')}" phải là Có hoặc Không.`);
  const required: [Column, string][] = [
    ['TrinhTu', 'trình tự thực hiện'], ['CachThuc', 'cách thức thực hiện'], ['ThanhPhanHoSo', 'thành phần hồ sơ'],
    ['DoiTuong', 'đối tượng thực hiện'], ['KetQua', 'kết quả thực hiện'],
  ];
  for (const [c, label] of required) if (!get(c)) bad(`Thiếu ${label} (cột ${c}).`);
  const dossierComponents: DossierComponent[] = [];
  for (const l of lines(get('ThanhPhanHoSo'))) {
    const [n, o, c, t] = l.split('|').map((x) => x.trim());
    const originals = o ? Number(o) : 1;
    const copies = c ? Number(c) : 0;
    if (!n || !Number.isInteger(originals) || !Number.isInteger(copies) || originals < 0 || copies < 0) {
      bad(`Thành phần hồ sơ "${l}" phải có dạng tên|số bản chính|số bản sao|mẫu đơn.`);
    } else dossierComponents.push({ name: n, originals, copies, template: t || null });
  }
  const fees: Fee[] = [];
  for (const l of lines(get('PhiLePhi'))) {
    if (foldVietnamese(l) === 'khong') continue;
    const [n, a] = l.split('|').map((x) => x.trim());
    const value = Number((a ?? '').replace(/[.\s]/g, ''));
    if (!n || !a || !Number.isFinite(value) || value < 0) bad(`Phí, lệ phí "${l}" phải có dạng tên|số tiền (đồng).`);
    else fees.push({ name: n, amount: value });
  }
  const decisionNumber = get('SoQuyetDinh');
  let decision: ProcedureInput['decision'] = null;
  const dateOf = (c: Column, label: string) => {
    const v = get(c);
    if (!v) return null;
    const d = parseImportDate(v);
    if (!d) bad(`${label} "${v}" không phải là ngày hợp lệ (dd/MM/yyyy).`);
    return d;
  };
  const decisionDate = dateOf('NgayQuyetDinh', 'Ngày quyết định');
  const effectiveDate = dateOf('NgayHieuLuc', 'Ngày hiệu lực');
  if (decisionNumber.length > 100) bad('Số quyết định công bố quá dài.');
  if (decisionNumber && !get('NgayQuyetDinh')) bad('Có số quyết định công bố nhưng thiếu ngày quyết định (cột NgayQuyetDinh).');
  if (!decisionNumber && (get('NgayQuyetDinh') || get('NgayHieuLuc'))) bad('Có ngày quyết định nhưng thiếu số quyết định công bố (cột SoQuyetDinh).');
  if (decisionNumber && decisionDate) decision = { number: decisionNumber, date: decisionDate, effectiveDate };
  if (problems.length > before) return null;
  const hours = legalHours(amount, unit);
  const u = unit === 'working_hours' ? 'giờ làm việc' : unit === 'calendar_days' ? 'ngày' : 'ngày làm việc';
  return {
    row,
    fieldName: get('TenLinhVuc') || null,
    agencyCodes,
    input: {
      code,
      name,
      fieldCode,
      levels,
      agencyIds: [],
      steps: get('TrinhTu'),
      submissionMeans: get('CachThuc'),
      dossierComponents,
      timeLimit: `${amount} ${u}`,
      applicants: get('DoiTuong'),
      competentAgency: '',
      result: get('KetQua'),
      fees,
      legalBasis: get('CanCuPhapLy') || null,
      onlineType: online,
      boundaryFree,
      decision,
      cases: [
        { code: 'MD', name: 'Trường hợp thông thường', durationAmount: amount, durationUnit: unit, sameDayCutoff: null, workflow: standardWorkflow(hours, {}, hours <= 16) },
      ],
    },
  };
}

export interface ImportResult {
  /** Procedures that were not in the catalogue. */
  created: number;
  /** Procedures already in the catalogue that got a new published version. */
  updated: number;
  /** Distinct fields the file names, and how many of them are new. */
  fields: number;
  newFields: number;
}

/** Resolves field codes and agencies' electronic ids (reading only), adding a problem per bad row. */
async function resolveReferences(
  tx: Tx,
  parsed: ParsedRow[],
  problems: ErrorDetail[],
): Promise<{ fieldNames: Map<string, string>; known: Set<string> }> {
  const fieldNames = new Map<string, string>();
  for (const r of parsed) if (r.fieldName) fieldNames.set(r.input.fieldCode, r.fieldName);
  const known = new Set((await repo.fieldsByCodes(tx, [...new Set(parsed.map((r) => r.input.fieldCode))])).map((f) => f.code));
  const agencies = new Map((await repo.agencyIdsByCodes(tx, [...new Set(parsed.flatMap((r) => r.agencyCodes))])).map((a) => [a.code, a]));
  const names = new Map((await repo.agencyNames(tx, [...agencies.values()].map((a) => a.id))).map((a) => [a.id, a.name]));
  for (const r of parsed) {
    if (!known.has(r.input.fieldCode) && !fieldNames.has(r.input.fieldCode)) {
      problems.push({ path: `Dòng ${r.row}`, message: `Lĩnh vực ${r.input.fieldCode} chưa có trong danh mục; cần điền cột TenLinhVuc.` });
    }
    const missing = r.agencyCodes.filter((c) => !agencies.has(c));
    if (missing.length) {
      problems.push({ path: `Dòng ${r.row}`, message: `Không tìm thấy cơ quan có mã định danh ${missing.join(', ')}.` });
      continue;
    }
    r.input.agencyIds = r.agencyCodes.map((c) => agencies.get(c)!.id);
    r.input.competentAgency = r.input.agencyIds.map((id) => names.get(id)).join('; ');
  }
  return { fieldNames, known };
}

async function importRows(
  tx: Tx,
  now: Date,
  p: Principal | null,
  parsed: ParsedRow[],
  fieldNames: Map<string, string>,
  problems: ErrorDetail[],
): Promise<Pick<ImportResult, 'created' | 'updated'>> {
  const result = { created: 0, updated: 0 };
  await repo.upsertFields(tx, [...fieldNames].map(([code, name]) => ({ code, name })));
  for (const r of parsed) {
    try {
      const existing = await repo.getProcedureByCode(tx, r.input.code, null);
      if (existing) {
        await saveDraftTx(tx, now, p, existing, r.input);
        await publishTx(tx, now, p, existing);
        result.updated++;
      } else {
        const proc = await createProcedureTx(tx, now, p, r.input);
        await publishTx(tx, now, p, proc);
        result.created++;
      }
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const more = Array.isArray(err.details) ? `: ${err.details.map((d) => d.message).join(' ')}` : '';
      problems.push({ path: `Dòng ${r.row}`, message: `${err.message}${more}` });
    }
  }
  return result;
}

/** The separator of a CSV file: the one of comma, semicolon and tab that occurs most in its first line, outside quotes. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c in counts) counts[c as keyof typeof counts]++;
  }
  return counts[';'] > counts[','] && counts[';'] >= counts['\t'] ? ';' : counts['\t'] > counts[','] ? '\t' : ',';
}

const invalid = (problems: ErrorDetail[]) =>
  new AppError(400, 'IMPORT_INVALID', `Tệp có ${problems.length} lỗi; chưa nhập thủ tục nào.`, problems);
const fileProblem = (message: string) => invalid([{ path: 'Tệp', message }]);

/** CSV text → records; a broken file throws IMPORT_INVALID. */
export function csvRecords(text: string): string[][] {
  try {
    return parseCsv(text, detectDelimiter(text.replace(/^\uFEFF/, '')));
  } catch (err) {
    throw fileProblem((err as Error).message);
  }
}

/**
 * Reads an import file (CSV or XLSX, told apart by their content) into records:
 * element i is the file's row i+1. Throws IMPORT_INVALID for a file that cannot
 * be read, with a reason a person can act on.
 */
export function readImportFile(bytes: Uint8Array, name = ''): string[][] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) {
    try {
      return readXlsx(buf);
    } catch (err) {
      if (err instanceof XlsxError) throw fileProblem(err.message);
      throw err;
    }
  }
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    throw fileProblem('Tệp Excel 97-2003 (.xls) không được hỗ trợ; hãy lưu lại thành .xlsx hoặc CSV UTF-8.');
  }
  if (/\.(xlsx|xlsm|ods|numbers)$/i.test(name)) throw fileProblem('Tệp không phải là tệp Excel (.xlsx) hợp lệ.');
  let text: string;
  if (buf[0] === 0xff && buf[1] === 0xfe) text = new TextDecoder('utf-16le').decode(buf.subarray(2));
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    } catch {
      throw fileProblem('Tệp CSV không ở bảng mã UTF-8. Trong Excel, chọn Lưu thành "CSV UTF-8 (Comma delimited)".');
    }
  }
  return csvRecords(text);
}

export interface ImportOptions {
  /** Who imports; null: the system (the command line). */
  principal?: Principal | null;
  /** Check every row, roll back, and report what would be imported. */
  dryRun?: boolean;
  /** The file name, for the audit log. */
  source?: string;
}

/**
 * Imports procedures from records (rows of cells, the first rows holding the
 * header), all or nothing. Throws IMPORT_INVALID (400) with one detail per
 * problem, its path naming the row ("Dòng 3").
 */
export async function importProcedureRecords(ctx: AppContext, records: string[][], opts: ImportOptions = {}): Promise<ImportResult> {
  const p = opts.principal ?? null;
  const problems: ErrorDetail[] = [];
  const norm = (h: string) => h.replace(/^\uFEFF/, '').trim().toLowerCase();
  const headerAt = Math.max(
    0,
    records.slice(0, 10).findIndex((r) => r.some((h) => norm(h) === 'matthc')),
  );
  const header = (records[headerAt] ?? []).map(norm);
  const columnAt = new Map(CSV_COLUMNS.map((c) => [c, header.indexOf(c.toLowerCase())]));
  const missing = CSV_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c) && columnAt.get(c)! < 0);
  if (missing.length) {
    problems.push({ path: `Dòng ${headerAt + 1}`, message: `Thiếu cột ${missing.join(', ')}.` });
    throw invalid(problems);
  }
  const parsed: ParsedRow[] = [];
  const seen = new Map<string, number>();
  records.forEach((rec, i) => {
    if (i <= headerAt) return;
    const row = i + 1;
    if (rec.every((v) => (v ?? '').trim() === '')) return; // blank line
    const get = (c: Column) => {
      const at = columnAt.get(c)!;
      return at < 0 ? '' : String(rec[at] ?? '').trim();
    };
    const r = parseRow(get, row, problems);
    if (!r) return;
    const dup = seen.get(r.input.code);
    if (dup) problems.push({ path: `Dòng ${row}`, message: `Mã thủ tục ${r.input.code} trùng với dòng ${dup}.` });
    else seen.set(r.input.code, row);
    parsed.push(r);
  });
  if (parsed.length === 0 && problems.length === 0) problems.push({ path: 'Tệp', message: 'Tệp không có dòng thủ tục nào.' });
  const { fieldNames, known } = await resolveReferences(ctx.db, parsed, problems);
  const rowOf = (d: ErrorDetail) => Number(d.path.replace(/\D/g, '')) || 0;
  problems.sort((a, b) => rowOf(a) - rowOf(b));
  if (problems.length) throw invalid(problems);
  const fieldCodes = new Set(parsed.map((r) => r.input.fieldCode));
  const result: ImportResult = { created: 0, updated: 0, fields: fieldCodes.size, newFields: [...fieldCodes].filter((c) => !known.has(c)).length };
  const rollback = new Error('rollback');
  try {
    await ctx.db.transaction(async (tx) => {
      Object.assign(result, await importRows(tx, ctx.now(), p, parsed, fieldNames, problems));
      if (problems.length || opts.dryRun) throw rollback;
      await recordAudit(tx, {
        type: 'procedures_imported',
        actorId: p?.userId ?? null,
        actorName: p?.fullName ?? 'Dòng lệnh motcua',
        subject: (opts.source ?? 'Nhập danh mục thủ tục').slice(0, 300),
        details: { ...result, rows: parsed.length },
      });
    });
  } catch (err) {
    if (err !== rollback) throw err;
    if (problems.length) {
      problems.sort((a, b) => rowOf(a) - rowOf(b));
      throw invalid(problems);
    }
  }
  return result;
}

/** Imports procedures from CSV text (comma or semicolon separated); see importProcedureRecords. */
export async function importProceduresCsv(ctx: AppContext, text: string, p: Principal | null = null): Promise<ImportResult> {
  return importProcedureRecords(ctx, csvRecords(text), { principal: p });
}
