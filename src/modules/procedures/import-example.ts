/** The XLSX example of the procedure import, built from the CSV example (scripts/import-example-xlsx.ts). */
import { writeXlsx } from '../../lib/xlsx.ts';
import { csvRecords } from './import.ts';

const WIDTHS: Record<string, number> = {
  MaTTHC: 11, TenTTHC: 40, MaLinhVuc: 14, TenLinhVuc: 22, CapThucHien: 12, CoQuanThucHien: 18, ThoiHan: 8, DonViThoiHan: 14,
  DichVuCongTrucTuyen: 12, PhiDiaGioi: 9, TrinhTu: 60, CachThuc: 40, ThanhPhanHoSo: 50, DoiTuong: 30, KetQua: 30,
  CanCuPhapLy: 40, PhiLePhi: 28, SoQuyetDinh: 15, NgayQuyetDinh: 13, NgayHieuLuc: 13,
};

export function exampleXlsx(csv: string): Buffer {
  const records = csvRecords(csv);
  const header = records[0];
  const duration = header.indexOf('ThoiHan');
  // The duration as a number, as a person would type it in Excel; everything else as text.
  const rows = records.map((r, i) => r.map((v, c) => (i > 0 && c === duration && /^\d+$/.test(v) ? Number(v) : v)));
  return writeXlsx({ name: 'Thủ tục hành chính', rows, widths: header.map((h) => WIDTHS[h] ?? 16) });
}
