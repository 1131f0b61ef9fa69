/**
 * The report workbooks (exceljs):
 * - Biểu số 06/VPCP/KSTT in the layout of Circular 01/2020/TT-VPCP: the form
 *   number, the title, the reporting unit, the period, the merged header of
 *   three rows with the column numbers (1)…(12), the lines (subtotals of
 *   parent agencies in bold), TỔNG SỐ and the signature block; A4 landscape.
 * - Sổ theo dõi hồ sơ, written row by row with the streaming WorkbookWriter so
 *   that a province-year never sits in memory.
 */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { BIEU06_COLUMNS, countAt } from '../../kernel/indicators/bieu06-sheet.ts';
import { vnDateTime, vnParts } from '../slips/format.ts';
import type { Bieu06Sheet } from './sheet.ts';
import type { TrackingLine, TrackingScope } from './tracking.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const FONT = 'Times New Roman';
const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const CENTER: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };
const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: FONT, size: 12, ...extra });

/** "ngày 20 tháng 11 năm 2026" of an instant in Vietnam time. */
function dateWords(at: Date): string {
  const p = vnParts(at);
  return `ngày ${String(p.day).padStart(2, '0')} tháng ${p.month <= 2 ? `0${p.month}` : p.month} năm ${p.year}`;
}

/** A file name of the period: Bieu06_VPCP_KSTT_20260101_20261231.xlsx. */
export const fileName = (prefix: string, from: string, to: string) => `${prefix}_${from.replace(/-/g, '')}_${to.replace(/-/g, '')}.xlsx`;

/** The Content-Disposition of a download (ASCII name; the names are ASCII already). */
export const attachment = (name: string) => `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`;

// ——— Biểu 06 ———

/** The header texts of the form, by row, as the tests and the web page read them. */
export const BIEU06_TITLE = 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH';

/** Merged header cells: [text, first row, first column, last row, last column] (rows 1–3 of the header, columns 1–13). */
const BIEU06_HEADER: [string, number, number, number, number][] = [
  ['STT', 1, 1, 3, 1],
  ['Lĩnh vực, công việc giải quyết theo cấp', 1, 2, 3, 2],
  ['Số hồ sơ nhận giải quyết', 1, 3, 1, 6],
  ['Số hồ sơ đã giải quyết', 1, 7, 1, 10],
  ['Số hồ sơ đang giải quyết', 1, 11, 1, 13],
  ['Tổng số', 2, 3, 3, 3],
  ['Trong đó', 2, 4, 2, 6],
  ['Số kỳ trước chuyển qua', 3, 4, 3, 4],
  ['Số mới tiếp nhận trực tuyến', 3, 5, 3, 5],
  ['Số mới tiếp nhận trực tiếp, dịch vụ bưu chính', 3, 6, 3, 6],
  ['Tổng số', 2, 7, 3, 7],
  ['Trả đúng thời hạn', 2, 8, 2, 9],
  ['Trước hạn', 3, 8, 3, 8],
  ['Đúng hạn', 3, 9, 3, 9],
  ['Trả quá hạn', 2, 10, 3, 10],
  ['Tổng số', 2, 11, 3, 11],
  ['Trong hạn', 2, 12, 3, 12],
  ['Quá hạn', 2, 13, 3, 13],
];

export async function bieu06Workbook(sheet: Bieu06Sheet, preparedBy: string, now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'motcua';
  wb.created = now;
  wb.modified = now;
  const ws = wb.addWorksheet('Biểu 06', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      printTitlesRow: '7:10',
    },
    headerFooter: { oddFooter: '&C&"Times New Roman"&10Trang &P/&N' },
    views: [{ state: 'frozen', ySplit: 10, xSplit: 2 }],
  });
  ws.columns = [{ width: 6 }, { width: 46 }, ...BIEU06_COLUMNS.map(() => ({ width: 11.5 }))];

  const put = (ref: string, value: string, f: Partial<ExcelJS.Font>, align: Partial<ExcelJS.Alignment>) => {
    const c = ws.getCell(ref);
    c.value = value;
    c.font = font(f);
    c.alignment = { vertical: 'middle', wrapText: true, ...align };
  };
  const merge = (range: string, value: string, f: Partial<ExcelJS.Font> = {}, align: Partial<ExcelJS.Alignment> = {}) => {
    ws.mergeCells(range);
    put(range.split(':')[0], value, f, align);
  };

  // The head of the form: number and circular (left), title and period (centre), units (right).
  merge('A1:B1', 'Biểu số 06/VPCP/KSTT', { bold: true }, { horizontal: 'left' });
  merge('A2:B2', 'Ban hành theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020', { italic: true, size: 11 }, { horizontal: 'left' });
  merge('C1:J3', BIEU06_TITLE, { bold: true, size: 13 }, { horizontal: 'center' });
  merge('C4:J4', sheet.period, { italic: true }, { horizontal: 'center' });
  merge('K1:M1', 'Đơn vị báo cáo:', { bold: true, size: 11 }, { horizontal: 'left' });
  merge('K2:M3', sheet.unit, { size: 11 }, { horizontal: 'left', vertical: 'top' });
  merge('K4:M4', 'Đơn vị nhận báo cáo:', { bold: true, size: 11 }, { horizontal: 'left' });
  merge('K5:M5', '…………………………………', { size: 11 }, { horizontal: 'left' });
  merge('K6:M6', 'Đơn vị tính: Số hồ sơ TTHC', { italic: true, size: 11 }, { horizontal: 'right' });
  ws.getRow(1).height = 22;
  ws.getRow(2).height = 22;
  ws.getRow(3).height = 22;

  // The header (rows 7–9) and the column numbers (row 10).
  const H = 7;
  for (const [text, r1, c1, r2, c2] of BIEU06_HEADER) {
    if (r1 !== r2 || c1 !== c2) ws.mergeCells(H + r1 - 1, c1, H + r2 - 1, c2);
    const c = ws.getCell(H + r1 - 1, c1);
    c.value = text;
  }
  for (let r = H; r <= H + 2; r++) {
    ws.getRow(r).height = r === H + 2 ? 62 : 30;
    for (let c = 1; c <= 13; c++) {
      const cell = ws.getCell(r, c);
      cell.font = font({ bold: true, size: 11 });
      cell.alignment = CENTER;
      cell.border = BORDER;
    }
  }
  const numbers = ws.getRow(H + 3);
  numbers.values = ['', '(1)', ...BIEU06_COLUMNS.map((c) => `(${c.no})`)];
  numbers.eachCell({ includeEmpty: true }, (cell) => {
    cell.font = font({ italic: true, size: 10 });
    cell.alignment = CENTER;
    cell.border = BORDER;
  });

  // The lines, then TỔNG SỐ.
  let r = H + 4;
  const line = (stt: string, name: string, counts: Bieu06Sheet['total'], style: 'row' | 'group' | 'total', depth: number) => {
    const row = ws.getRow(r++);
    row.values = [stt, name, ...BIEU06_COLUMNS.map((c) => countAt(counts, c.path))];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.border = BORDER;
      cell.font = font({ bold: style !== 'row', size: 11 });
      if (col === 1) cell.alignment = { horizontal: 'center', vertical: 'middle' };
      else if (col === 2) cell.alignment = { horizontal: style === 'total' ? 'center' : 'left', vertical: 'middle', wrapText: true, indent: Math.min(depth, 6) };
      else {
        cell.alignment = { horizontal: 'right', vertical: 'middle' };
        cell.numFmt = '#,##0';
      }
      if (style === 'total') cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    });
  };
  for (const l of sheet.lines) line(l.stt, l.name, l.counts, l.kind, l.depth);
  line('', 'TỔNG SỐ', sheet.total, 'total', 0);

  // The signature block.
  r += 1;
  merge(`A${r}:D${r}`, 'NGƯỜI LẬP BIỂU', { bold: true }, { horizontal: 'center' });
  merge(`I${r}:M${r}`, `${sheet.place ? `${sheet.place}, ` : '……, '}${dateWords(now)}`, { italic: true }, { horizontal: 'center' });
  r += 1;
  merge(`A${r}:D${r}`, '(Ký, ghi rõ họ tên)', { italic: true, size: 11 }, { horizontal: 'center' });
  merge(`I${r}:M${r}`, 'THỦ TRƯỞNG ĐƠN VỊ', { bold: true }, { horizontal: 'center' });
  r += 1;
  merge(`I${r}:M${r}`, '(Ký tên, đóng dấu)', { italic: true, size: 11 }, { horizontal: 'center' });
  r += 4;
  merge(`A${r}:D${r}`, preparedBy, { bold: true }, { horizontal: 'center' });

  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ——— Sổ theo dõi hồ sơ ———

export const TRACKING_TITLE = 'SỔ THEO DÕI HỒ SƠ';

/** The columns of the book, left to right. */
export const TRACKING_COLUMNS: { header: string; width: number; value: (l: TrackingLine) => string | number }[] = [
  { header: 'STT', width: 7, value: (l) => l.stt },
  { header: 'Mã hồ sơ', width: 22, value: (l) => l.code ?? '' },
  { header: 'Tên thủ tục hành chính', width: 40, value: (l) => l.procedure.name },
  { header: 'Số lượng hồ sơ (bộ)', width: 9, value: (l) => l.sets },
  { header: 'Tên tổ chức, cá nhân', width: 22, value: (l) => l.applicant.name },
  { header: 'Địa chỉ, số điện thoại', width: 30, value: (l) => [l.applicant.address, l.applicant.phone].filter(Boolean).join('; ') },
  { header: 'Cơ quan chủ trì giải quyết', width: 26, value: (l) => l.agency.name },
  { header: 'Ngày nhận hồ sơ', width: 15, value: (l) => when(l.receivedAt) },
  { header: 'Ngày hẹn trả kết quả', width: 15, value: (l) => when(l.dueAt) },
  { header: 'Ngày chuyển hồ sơ đến cơ quan giải quyết', width: 15, value: (l) => when(l.forwardedAt) },
  { header: 'Ngày nhận kết quả từ cơ quan giải quyết', width: 15, value: (l) => when(l.resultAt) },
  { header: 'Ngày trả kết quả', width: 15, value: (l) => when(l.returnedAt) },
  { header: 'Ghi chú', width: 30, value: (l) => l.note },
];

const when = (v: string | null) => (v ? vnDateTime(new Date(v)) : '');

/**
 * The book as a stream: the head, the header and the column numbers, then
 * every line as the batches arrive. Scope and period are checked before (the
 * caller passes the scope), so the stream only fails on a database error.
 */
export function trackingWorkbook(scope: TrackingScope, batches: AsyncIterable<TrackingLine[]>, now: Date): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'motcua';
  wb.created = now;
  const n = TRACKING_COLUMNS.length;
  const ws = wb.addWorksheet('Sổ theo dõi', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.3, right: 0.3, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      printTitlesRow: '5:6',
    },
    headerFooter: { oddFooter: '&C&"Times New Roman"&10Trang &P/&N' },
    views: [{ state: 'frozen', ySplit: 6 }],
  });
  ws.columns = TRACKING_COLUMNS.map((c) => ({ width: c.width }));
  const last = String.fromCharCode(64 + n);
  const centred = new Set([1, 4, 8, 9, 10, 11, 12]);
  const lineStyles: Partial<ExcelJS.Style>[] = TRACKING_COLUMNS.map((_, i) => ({
    font: font({ size: 11 }),
    border: BORDER,
    alignment: centred.has(i + 1) ? { horizontal: 'center', vertical: 'top', wrapText: true } : { vertical: 'top', wrapText: true },
  }));

  const write = async () => {
    const head = (r: number, text: string, f: Partial<ExcelJS.Font>, height?: number) => {
      ws.mergeCells(`A${r}:${last}${r}`);
      const row = ws.getRow(r);
      row.getCell(1).value = text;
      row.getCell(1).font = font(f);
      row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      if (height) row.height = height;
      row.commit();
    };
    head(1, scope.unit.toLocaleUpperCase('vi'), { bold: true, size: 12 }, 20);
    head(2, TRACKING_TITLE, { bold: true, size: 14 }, 24);
    head(3, scope.period, { italic: true });
    ws.getRow(4).commit();
    const header = ws.getRow(5);
    header.values = TRACKING_COLUMNS.map((c) => c.header);
    header.height = 64;
    const numbers = ws.getRow(6);
    numbers.values = TRACKING_COLUMNS.map((_, i) => `(${i + 1})`);
    for (const [row, f] of [[header, font({ bold: true, size: 11 })], [numbers, font({ italic: true, size: 10 })]] as const) {
      for (let c = 1; c <= n; c++) {
        const cell = row.getCell(c);
        cell.font = f;
        cell.alignment = CENTER;
        cell.border = BORDER;
      }
      row.commit();
    }
    let r = 7;
    let count = 0;
    for await (const batch of batches) {
      for (const l of batch) {
        count++;
        const row = ws.getRow(r++);
        row.values = TRACKING_COLUMNS.map((c) => c.value(l));
        // One shared style object per column: the writer caches a style by identity (fast for large books).
        for (let c = 1; c <= n; c++) row.getCell(c).style = lineStyles[c - 1];
        row.commit();
      }
    }
    ws.mergeCells(`A${r}:${last}${r}`);
    const totalRow = ws.getRow(r);
    totalRow.getCell(1).value = `Tổng số: ${count.toLocaleString('vi-VN')} hồ sơ`;
    totalRow.getCell(1).font = font({ bold: true, size: 11 });
    totalRow.commit();
    ws.commit();
    await wb.commit();
  };
  write().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
