/**
 * Importing the catalogue from CSV (e.g. an export of the national database of
 * administrative procedures). UTF-8, comma-separated, RFC 4180 quoting, a
 * header row with these columns in any order (extra columns are ignored):
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
 *
 * The header is row 1, the first procedure row 2. Every bad row is reported
 * with its number and reason, and nothing is imported unless every row is
 * valid (one transaction). A code already in the catalogue gets a new
 * published version; a new code is created and published. Each procedure gets
 * one case, "Trường hợp thông thường", with the standard workflow.
 */
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { AppError, type ErrorDetail } from '../../http/errors.ts';
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
] as const;
type Column = (typeof CSV_COLUMNS)[number];
const OPTIONAL: Column[] = ['TenLinhVuc', 'CanCuPhapLy', 'PhiLePhi'];

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

interface ParsedRow {
  row: number;
  input: ProcedureInput;
  fieldName: string | null;
  agencyCodes: string[];
}

function parseRow(get: (c: Column) => string, row: number, problems: ErrorDetail[]): ParsedRow | null {
  const bad = (message: string) => problems.push({ path: `Dòng ${row}`, message });
  const before = problems.length;
  const code = get('MaTTHC');
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
      cases: [
        { code: 'MD', name: 'Trường hợp thông thường', durationAmount: amount, durationUnit: unit, sameDayCutoff: null, workflow: standardWorkflow(hours, {}, hours <= 16) },
      ],
    },
  };
}

export interface ImportResult {
  created: number;
  updated: number;
}

/** Resolves field codes and agencies' electronic ids (reading only), adding a problem per bad row. */
async function resolveReferences(tx: Tx, parsed: ParsedRow[], problems: ErrorDetail[]): Promise<Map<string, string>> {
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
  return fieldNames;
}

async function importRows(
  tx: Tx,
  now: Date,
  p: Principal | null,
  parsed: ParsedRow[],
  fieldNames: Map<string, string>,
  problems: ErrorDetail[],
): Promise<ImportResult> {
  const result: ImportResult = { created: 0, updated: 0 };
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

/**
 * Imports procedures from CSV text, all or nothing. Throws IMPORT_INVALID (400)
 * with one detail per problem, its path naming the row ("Dòng 3").
 */
export async function importProceduresCsv(ctx: AppContext, text: string, p: Principal | null = null): Promise<ImportResult> {
  const problems: ErrorDetail[] = [];
  const fail = () => new AppError(400, 'IMPORT_INVALID', `Tệp có ${problems.length} lỗi; chưa nhập thủ tục nào.`, problems);
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (err) {
    problems.push({ path: 'Tệp', message: (err as Error).message });
    throw fail();
  }
  const header = (records[0] ?? []).map((h) => h.trim());
  const missing = CSV_COLUMNS.filter((c) => !OPTIONAL.includes(c) && !header.includes(c));
  if (missing.length) {
    problems.push({ path: 'Dòng 1', message: `Thiếu cột ${missing.join(', ')}.` });
    throw fail();
  }
  const parsed: ParsedRow[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((rec, i) => {
    const row = i + 2;
    if (rec.every((v) => v.trim() === '')) return; // blank line
    const get = (c: Column) => {
      const at = header.indexOf(c);
      return at < 0 ? '' : (rec[at] ?? '').trim();
    };
    const r = parseRow(get, row, problems);
    if (!r) return;
    const dup = seen.get(r.input.code);
    if (dup) problems.push({ path: `Dòng ${row}`, message: `Mã thủ tục ${r.input.code} trùng với dòng ${dup}.` });
    else seen.set(r.input.code, row);
    parsed.push(r);
  });
  if (parsed.length === 0 && problems.length === 0) problems.push({ path: 'Tệp', message: 'Tệp không có dòng thủ tục nào.' });
  const fieldNames = await resolveReferences(ctx.db, parsed, problems);
  const rowOf = (d: ErrorDetail) => Number(d.path.replace(/\D/g, '')) || 0;
  problems.sort((a, b) => rowOf(a) - rowOf(b));
  if (problems.length) throw fail();
  let result: ImportResult = { created: 0, updated: 0 };
  const rollback = new Error('rollback');
  try {
    await ctx.db.transaction(async (tx) => {
      result = await importRows(tx, ctx.now(), p, parsed, fieldNames, problems);
      if (problems.length) throw rollback;
    });
  } catch (err) {
    if (err === rollback) throw fail();
    throw err;
  }
  return result;
}
