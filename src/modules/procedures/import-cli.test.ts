import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli.ts';
import { loadConfig } from '../../config.ts';
import { writeXlsx } from '../../lib/xlsx.ts';
import { openContext } from '../../runtime/open.ts';
import { startServer, type Running } from '../../runtime/server.ts';
import { exampleXlsx } from './import-example.ts';
import { csvRecords, readImportFile } from './import.ts';
import { getPublishedProcedure, listProcedures } from './service.ts';

// `motcua import procedures FILE` on a temporary PGlite data folder: directly, and through a running server.
const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/examples');
const exampleCsv = readFileSync(path.join(EXAMPLES, 'thu-tuc-mau.csv'), 'utf8');
const HEADER = csvRecords(exampleCsv)[0];

let dir: string;
const saved = { ...process.env };
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-import-'));
  process.env.DATA_DIR = path.join(dir, 'data');
  process.env.ADMIN_PASSWORD = 'Admin@12345';
  delete process.env.DATABASE_URL;
  expect((await run(['demo'])).code).toBe(0);
});
afterAll(() => {
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')));
  try {
    const code = await main(args);
    return { code, out: out.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

/** Reads the catalogue as the public would, with the data folder opened only for the look. */
async function catalogue<T>(fn: (ctx: Awaited<ReturnType<typeof openContext>>) => Promise<T>): Promise<T> {
  const ctx = await openContext(loadConfig());
  try {
    return await fn(ctx);
  } finally {
    await ctx.database.close();
  }
}

const search = (q: string) => catalogue(async (ctx) => (await listProcedures(ctx, { q, page: 1, pageSize: 20 })).items.map((p) => p.code));

/** One procedure row with the example's columns; `over` replaces cells by column name. */
function row(code: string, name: string, over: Record<string, string> = {}): string[] {
  const v: Record<string, string> = {
    MaTTHC: code, TenTTHC: name, MaLinhVuc: 'VAN_HOA', TenLinhVuc: 'Văn hóa cơ sở', CapThucHien: 'Cấp xã', CoQuanThucHien: '000.00.60.H56',
    ThoiHan: '5', DonViThoiHan: 'Ngày làm việc', DichVuCongTrucTuyen: 'Một phần', PhiDiaGioi: 'Không', TrinhTu: 'Bước 1: nộp hồ sơ\nBước 2: nhận kết quả',
    CachThuc: 'Trực tiếp', ThanhPhanHoSo: 'Đơn đề nghị|1|0', DoiTuong: 'Cá nhân, tổ chức', KetQua: 'Văn bản chấp thuận', ...over,
  };
  return HEADER.map((h) => v[h] ?? '');
}
const csvOf = (records: string[][], sep = ',') =>
  records.map((r) => r.map((c) => (/[",;\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(sep)).join('\r\n');
const file = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('motcua import procedures', () => {
  it('imports the CSV example; its procedures are published and found without diacritics', async () => {
    const r = await run(['import', 'procedures', path.join(EXAMPLES, 'thu-tuc-mau.csv')]);
    expect(r.out).toContain('Đã nhập 3 thủ tục (3 thủ tục mới, 0 phiên bản mới của thủ tục đã có), thuộc 2 lĩnh vực (1 lĩnh vực mới).');
    expect(r.code).toBe(0);
    expect(await search('dang ky hoat dong tin nguong')).toEqual(['1.970001']);
    const p = await catalogue((ctx) => getPublishedProcedure(ctx, '1.970001'));
    expect(p).toMatchObject({
      field: { code: 'TIN_NGUONG', name: 'Tín ngưỡng, tôn giáo' },
      levels: ['commune'],
      onlineType: 'partial',
      decision: { number: '1234/QĐ-UBND', date: '2025-08-15', effectiveDate: '2025-09-01' },
      cases: [{ durationAmount: 15, durationUnit: 'working_days' }],
    });
    expect(p.agencies).toHaveLength(4);
    expect(p.steps).toContain('\nBước 2:');
    const fee = await catalogue((ctx) => getPublishedProcedure(ctx, '1.970003'));
    expect(fee).toMatchObject({ fees: [{ name: 'Phí cấp bản sao trích lục', amount: 8000 }], cases: [{ durationAmount: 4, durationUnit: 'working_hours' }] });
  });

  it('reads semicolon-separated CSV with a byte-order mark; a known code gets a new version', async () => {
    const csv = csvOf([HEADER, row('1.970003', 'Cấp bản sao trích lục hộ tịch (điện tử)', { MaLinhVuc: 'HO_TICH', TenLinhVuc: 'Hộ tịch' })], ';');
    const r = await run(['import', 'procedures', file('champhay.csv', `\uFEFF${csv}`)]);
    expect(r.out).toContain('Đã nhập 1 thủ tục (0 thủ tục mới, 1 phiên bản mới của thủ tục đã có), thuộc 1 lĩnh vực.');
    expect(r.code).toBe(0);
    expect(await catalogue((ctx) => getPublishedProcedure(ctx, '1.970003'))).toMatchObject({ versionNumber: 2, name: 'Cấp bản sao trích lục hộ tịch (điện tử)' });
  });

  it('imports XLSX: the committed example matches the CSV one, and a workbook with a title row imports', async () => {
    const committed = readFileSync(path.join(EXAMPLES, 'thu-tuc-mau.xlsx'));
    // Regenerate with: npx tsx scripts/import-example-xlsx.ts
    expect(committed.equals(exampleXlsx(exampleCsv)), 'docs/examples/thu-tuc-mau.xlsx is out of date').toBe(true);
    const trimEnd = (rs: string[][]) => rs.map((r) => r.slice(0, r.findLastIndex((c) => c !== '') + 1));
    expect(readImportFile(committed, 'thu-tuc-mau.xlsx')).toEqual(trimEnd(csvRecords(exampleCsv)));

    const xlsx = writeXlsx({
      name: 'Danh mục',
      rows: [
        ['Danh mục thủ tục hành chính công bố kèm Quyết định số 55/QĐ-UBND'],
        [],
        HEADER,
        row('1.970011', 'Cấp giấy phép kinh doanh dịch vụ karaoke', { ThoiHan: '5', SoQuyetDinh: '55/QĐ-UBND', NgayQuyetDinh: '45931' }),
        row('1.970012', 'Thông báo tổ chức lễ hội cấp xã'),
      ],
    });
    const r = await run(['import', 'procedures', file('danh-muc.xlsx', xlsx)]);
    expect(r.out).toContain('Đã nhập 2 thủ tục (2 thủ tục mới');
    expect(r.code).toBe(0);
    expect((await search('giay phep kinh doanh dich vu karaoke'))[0]).toBe('1.970011');
    expect((await catalogue((ctx) => getPublishedProcedure(ctx, '1.970011'))).decision).toEqual({ number: '55/QĐ-UBND', date: '2025-10-01', effectiveDate: null });
  });

  it('a file with a bad row exits non-zero, names the row and its reason, and imports nothing', async () => {
    const records = [
      HEADER,
      row('1.970021', 'Công nhận câu lạc bộ văn hóa'),
      row('1.970022', 'Đăng ký tổ chức lễ hội', { MaLinhVuc: '' }),
      row('1.970023', 'Công nhận gia đình văn hóa', { DonViThoiHan: 'tuần' }),
    ];
    for (const [name, content] of [
      ['loi.csv', csvOf(records)],
      ['loi.xlsx', writeXlsx({ name: 'A', rows: records })],
    ] as const) {
      const r = await run(['import', 'procedures', file(name, content)]);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/Tệp có 2 lỗi; chưa nhập thủ tục nào\./);
      expect(r.out).toMatch(/Dòng 3: Thiếu mã lĩnh vực\./);
      expect(r.out).toMatch(/Dòng 4: Đơn vị thời hạn "tuần" không hợp lệ/);
      expect(r.out).not.toMatch(/Dòng 2/);
    }
    expect(await search('cong nhan cau lac bo van hoa')).toEqual([]);
  });

  it('--dry-run checks and reports without writing; unreadable files are refused with a reason', async () => {
    const r = await run(['import', 'procedures', file('thu.csv', csvOf([HEADER, row('1.970031', 'Xếp hạng di tích cấp tỉnh')])), '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Tệp hợp lệ; chưa ghi gì vào cơ sở dữ liệu (--dry-run). Sẽ nhập 1 thủ tục (1 thủ tục mới');
    expect(await search('xep hang di tich')).toEqual([]);

    const missing = await run(['import', 'procedures', path.join(dir, 'khong-co.csv')]);
    expect(missing).toMatchObject({ code: 1, out: expect.stringContaining('Không tìm thấy tệp') });
    const xls = await run(['import', 'procedures', file('cu.xls', Buffer.from('d0cf11e0a1b11ae1000000', 'hex'))]);
    expect(xls).toMatchObject({ code: 1, out: expect.stringContaining('.xls') });
    const latin1 = await run(['import', 'procedures', file('latin1.csv', Buffer.from(`${HEADER.join(',')}\n1.970041,L\xea h\xf4i`, 'latin1'))]);
    expect(latin1).toMatchObject({ code: 1, out: expect.stringContaining('UTF-8') });
    expect((await run(['import', 'agencies', 'x.csv'])).code).toBe(1);
  });

  it('reads Excel\'s "Unicode text" export: UTF-16 with tabs', () => {
    const records = [HEADER, row('1.970071', 'Công nhận làng văn hóa')];
    const text = records.map((r) => r.map((c) => (/[\t\n"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join('\t')).join('\r\n');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(readImportFile(utf16, 'danh-muc.txt')).toEqual(records);
  });

  describe('while the server holds the data folder', () => {
    let server: Running;
    let base: string;
    beforeAll(async () => {
      // The web role: the worker's background jobs (demo dossiers) are not what this test is about.
      server = await startServer({ ...loadConfig(), port: 0, host: '127.0.0.1', logLevel: 'silent' }, { role: 'web', build: false, quiet: true });
      base = server.url!.replace('localhost', '127.0.0.1');
    });
    afterAll(async () => server.stop());

    it('import goes through the running server, all or nothing', async () => {
      const r = await run(['import', 'procedures', file('qua-may-chu.csv', csvOf([HEADER, row('1.970051', 'Cấp phép tổ chức biểu diễn nghệ thuật')]))]);
      expect(r.out).toContain('Đã nhập 1 thủ tục (1 thủ tục mới');
      expect(r.out).toContain('qua máy chủ đang chạy');
      expect(r.code).toBe(0);
      const found = await (await fetch(`${base}/api/v1/procedures?q=${encodeURIComponent('cap phep to chuc bieu dien')}`)).json();
      expect(found.items.map((p: { code: string }) => p.code)).toEqual(['1.970051']);

      const bad = await run(['import', 'procedures', file('qua-may-chu-loi.xlsx', writeXlsx({ name: 'A', rows: [HEADER, row('1.970052', 'Tên hợp lệ'), row('1.970053', 'Cấp phép triển lãm', { CoQuanThucHien: '999.99.99.H99' })] }))]);
      expect(bad.code).toBe(1);
      expect(bad.out).toMatch(/Dòng 3: Không tìm thấy cơ quan có mã định danh 999\.99\.99\.H99/);
      expect((await fetch(`${base}/api/v1/procedures/1.970052`)).status).toBe(404);
    });

    it('the internal route refuses a caller without the control token', async () => {
      const res = await fetch(`${base}/api/v1/internal/procedures/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-motcua-control': 'sai' },
        body: JSON.stringify({ records: [HEADER, row('1.970061', 'Không được nhập')] }),
      });
      expect(res.status).toBe(403);
      expect((await fetch(`${base}/api/v1/procedures/1.970061`)).status).toBe(404);
    });
  });
});
