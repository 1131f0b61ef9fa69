import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase, rows } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import { startServer, type Running } from '../../runtime/server.ts';
import { bearer, testEnv, type TestEnv } from '../../testing/harness.ts';
import { importDossiersFromFile, parseInstant, type ImportColumn } from './import.ts';
import { act, createDossier } from './service.ts';
import { verifyEventChains } from './verify.ts';

type Row = Partial<Record<ImportColumn, string>>;
const COLUMNS: ImportColumn[] = [
  'MaHoSo', 'MaTTHC', 'MaCoQuan', 'KenhThucHien', 'ChuHoSo', 'NgayNopHoSo', 'NgayTiepNhan', 'NgayHenTra', 'NgayKetThucXuLy', 'NgayTra',
  'TrangThaiHoSo', 'SoLanBoSung',
];

/** A CSV file of the rows (RFC 4180 quoting), as a spreadsheet would save it. */
function csv(list: Row[], o: { delimiter?: string; bom?: boolean; columns?: string[]; crlf?: boolean } = {}): string {
  const d = o.delimiter ?? ',';
  const cols = o.columns ?? COLUMNS;
  const q = (v: string) => (/["\r\n]/.test(v) || v.includes(d) ? `"${v.replace(/"/g, '""')}"` : v);
  const eol = o.crlf ? '\r\n' : '\n';
  const key = (c: string) => COLUMNS.find((k) => k.toLowerCase() === c.toLowerCase());
  const lines = [cols.join(d), ...list.map((r) => cols.map((c) => q((key(c) && r[key(c)!]) || '')).join(d))];
  return (o.bom ? '\uFEFF' : '') + lines.join(eol) + eol;
}

/** Đính chính Giấy chứng nhận quyền sử dụng đất: province, 7 working days, at the land registration office; received at the province centre. */
const PROVINCE = { MaTTHC: '1.901007', MaCoQuan: '000.22.22.H56', reception: '000.00.01.H56' };
/** Đăng ký nhận cha, mẹ, con: commune, 3 working days, Hạc Thành ward; received at its service centre. */
const COMMUNE = { MaTTHC: '1.903004', MaCoQuan: '000.00.60.H56', reception: '000.01.60.H56' };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Four dossiers in every status 1–10, received 5–8 January 2026 and due ten
 * days later; the finished ones ended five days after reception (early). Every
 * other one (the province ones) has a code in motcua's own pattern, numbered
 * from 100 × the prefix's last letter (A: 101, B: 201...).
 */
function everyStatus(prefix: string): Row[] {
  const base = 100 * (prefix.charCodeAt(prefix.length - 1) - 64);
  const out: Row[] = [];
  for (let i = 0; i < 40; i++) {
    const status = (i % 10) + 1;
    const dd = 5 + Math.floor(i / 10);
    const ref = i % 2 ? PROVINCE : COMMUNE;
    const received = `${pad(dd)}/01/2026 08:${pad(i)}:00`;
    const code = i % 2 ? `${ref.reception}-2601${pad(dd)}-${pad(base + i + 1, 4)}` : `${prefix}-${pad(i, 3)}`;
    const row: Row = { MaHoSo: code, MaTTHC: ref.MaTTHC, MaCoQuan: ref.MaCoQuan, KenhThucHien: String((i % 3) + 1), ChuHoSo: `Nguyễn Văn Số ${i}`, TrangThaiHoSo: String(status) };
    if (status === 1 || status === 3) row.NgayNopHoSo = received;
    else {
      row.NgayTiepNhan = received;
      row.NgayHenTra = `${pad(dd + 10)}/01/2026 17:00:00`;
    }
    if ([3, 7, 8, 9, 10].includes(status)) row.NgayKetThucXuLy = `${pad(dd + 5)}/01/2026 10:00:00`;
    if (status === 10) row.NgayTra = `${pad(dd + 6)}/01/2026 09:00:00`;
    if (status === 5) row.SoLanBoSung = '1';
    out.push(row);
  }
  return out;
}

/** Returned dossiers finished before, on and after their due day (ISO times, some with an offset). */
function timeliness(prefix: string): Row[] {
  const base = { ...PROVINCE, KenhThucHien: '1', ChuHoSo: 'Trần Thị Đúng Hạn', TrangThaiHoSo: '10', NgayTiepNhan: '2026-01-12T08:00:00' };
  return [
    { ...base, MaHoSo: `${prefix}-SOM`, NgayHenTra: '2026-01-21T08:00:00', NgayKetThucXuLy: '2026-01-20T16:00:00', NgayTra: '2026-01-21T09:00:00' },
    // Finished at 16:30 on the due day, after the due hour (08:00): on time, days are compared.
    { ...base, MaHoSo: `${prefix}-DUNG`, NgayHenTra: '2026-01-21T01:00:00Z', NgayKetThucXuLy: '2026-01-21T16:30:00+07:00', NgayTra: '21/01/2026 17:00:00' },
    // The due day written alone; finished the day after.
    { ...base, MaHoSo: `${prefix}-TRE`, NgayHenTra: '2026-01-21', NgayKetThucXuLy: '22/01/2026 08:00:00', NgayTra: '22/01/2026 10:00:00' },
  ];
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-import-dossiers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
function file(text: string | Buffer, name = `ho-so-${++fileNo}.csv`): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}
const lines = (e: AppError) => [...new Set((e.details as { path: string }[]).map((d) => d.path))];

describe('import dossiers (service)', () => {
  let env: TestEnv;
  let admin: string;
  const count = async () => Number((await rows<{ n: number }>(env.ctx.db, sql`SELECT count(*)::int AS n FROM dossiers`))[0].n);
  beforeAll(async () => {
    env = await testEnv({ catalogue: true });
    admin = await env.login('admin');
  });
  afterAll(async () => env?.close());
  const dossier = async (code: string) => {
    const res = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${encodeURIComponent(code)}`, headers: bearer(admin) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Record<string, any>;
  };

  it('imports dossiers in every status with their codes, dates and timeliness; every chain verifies; Biểu 06 counts them', async () => {
    const list = [...everyStatus('HS-A'), ...timeliness('HS-A')];
    const r = await importDossiersFromFile(env.ctx, file(csv(list), 'lich-su.csv'));
    expect(r.imported).toBe(43);
    expect(r.byStatus).toEqual({ 1: 4, 2: 4, 3: 4, 4: 4, 5: 4, 6: 4, 7: 4, 8: 4, 9: 4, 10: 7 });
    expect(await count()).toBe(43);

    // A returned dossier keeps its code and every date.
    const returned = await dossier(`${PROVINCE.reception}-260105-0110`);
    expect(returned).toMatchObject({
      code: `${PROVINCE.reception}-260105-0110`,
      status: 10,
      imported: true,
      channel: 'counter',
      receivedAt: '2026-01-05T01:09:00.000Z',
      dueAt: '2026-01-15T10:00:00.000Z',
      finishedAt: '2026-01-10T03:00:00.000Z',
      returnedAt: '2026-01-11T02:00:00.000Z',
      timeliness: 'early',
      procedure: { code: PROVINCE.MaTTHC },
      agency: { code: PROVINCE.MaCoQuan },
      receptionAgency: { code: PROVINCE.reception },
      applicant: { fullName: 'Nguyễn Văn Số 9' },
    });
    expect(returned.events).toHaveLength(1);
    expect(returned.events[0]).toMatchObject({ seq: 1, action: 'import', actionName: 'Chuyển từ hệ thống cũ', toStatus: 10, data: { source: 'lich-su.csv', line: 11, code: `${PROVINCE.reception}-260105-0110` } });
    expect(returned.events[0].data.columns).toMatchObject({ MaHoSo: `${PROVINCE.reception}-260105-0110`, NgayTra: '11/01/2026 09:00:00' });

    // Each status with the dates it has.
    const s1 = await dossier('HS-A-000');
    expect(s1).toMatchObject({ status: 1, receivedAt: null, dueAt: null, submittedAt: '2026-01-05T01:00:00.000Z', timeliness: null });
    const s3 = await dossier('HS-A-002');
    expect(s3).toMatchObject({ status: 3, receivedAt: null, finishedAt: '2026-01-10T03:00:00.000Z', timeliness: null });
    const s4 = await dossier(`${PROVINCE.reception}-260105-0104`);
    // An open dossier goes on in motcua at the first processing step, at the competent agency.
    expect(s4).toMatchObject({ status: 4, finishedAt: null, timeliness: null, currentStep: { id: 'tham-dinh' }, currentAgency: { code: PROVINCE.MaCoQuan }, receptionAgency: { code: PROVINCE.reception } });
    expect((await dossier(`${PROVINCE.reception}-260105-0102`)).currentStep).toMatchObject({ id: 'tiep-nhan' });
    const s5 = await dossier('HS-A-014');
    expect(s5).toMatchObject({ status: 5, supplementCount: 1, overdue: false });
    expect(s5.pausedAt).not.toBeNull();
    expect((await dossier('HS-A-016')).timeliness).toBe('early');

    expect((await dossier('HS-A-SOM')).timeliness).toBe('early');
    expect((await dossier('HS-A-DUNG')).timeliness).toBe('on_time');
    const late = await dossier('HS-A-TRE');
    expect(late.timeliness).toBe('late');
    expect(late.dueAt).toBe('2026-01-21T16:59:59.000Z'); // a due day alone: due during all of it

    const v = await verifyEventChains(env.ctx);
    expect(v.breaks).toEqual([]);
    expect(v.dossiers).toBe(43);

    // Biểu 06 for January 2026 counts them as if motcua had handled them.
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/reports/bieu-06?from=2026-01-01&to=2026-01-31&groupBy=field', headers: bearer(admin) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toMatchObject({
      received: { total: 35, carriedOver: 0 },
      resolved: { total: 19, early: 17, onTime: 1, late: 1 },
      inProgress: { total: 16, overdue: 16, withinDeadline: 0 },
    });
  });

  it('lets motcua carry on: new codes continue after the imported ones, an imported dossier keeps its code when accepted, and chains still verify', async () => {
    // The file's highest code of 06/01/2026 at the province centre was 000.00.01.H56-260106-0120.
    const d = await createDossier(
      env.ctx,
      null,
      { procedureCode: PROVINCE.MaTTHC, channel: 'counter', applicant: { fullName: 'Lê Văn Mới', idNumber: '038090001111', phone: '0912000111', address: 'Thanh Hóa' }, components: [] },
      { system: { at: new Date('2026-01-06T03:00:00Z') } },
    );
    expect(d.code).toBe(`${PROVINCE.reception}-260106-0121`);
    const fresh = await dossier('HS-A-010'); // status 1, online, waiting for reception
    const accepted = await act(env.ctx, null, fresh.id, { action: 'accept', expectedVersion: fresh.version }, { system: { at: new Date('2026-01-09T02:00:00Z') } });
    expect(accepted).toMatchObject({ code: 'HS-A-010', status: 2 });
    const done = await dossier('HS-A-008'); // status 9
    const back = await act(env.ctx, null, done.id, { action: 'return', expectedVersion: done.version, method: 'counter', receivedBy: 'Nguyễn Văn Số 8' }, { system: { at: new Date('2026-01-12T02:00:00Z') } });
    expect(back).toMatchObject({ status: 10, returnedAt: '2026-01-12T02:00:00.000Z', timeliness: 'early' });
    expect((await verifyEventChains(env.ctx)).breaks).toEqual([]);
  });

  it('rejects a file with bad rows, listing exactly those lines, and imports nothing', async () => {
    const before = await count();
    const list = everyStatus('HS-B').slice(0, 8);
    list[1].MaTTHC = '1.999999'; // line 3
    list[3].NgayTiepNhan = '31/02/2026 08:00:00'; // line 5
    list[5].MaHoSo = list[4].MaHoSo; // line 7 repeats line 6
    const e = await failure(importDossiersFromFile(env.ctx, file(csv(list))));
    expect(e.code).toBe('IMPORT_INVALID');
    expect(e.message).toMatch(/3 lỗi ở 3 dòng; chưa nhập hồ sơ nào/);
    expect(lines(e)).toEqual(['Dòng 3', 'Dòng 5', 'Dòng 7']);
    const messages = (e.details as { message: string }[]).map((d) => d.message);
    expect(messages[0]).toMatch(/Không có thủ tục hành chính mã 1\.999999/);
    expect(messages[1]).toMatch(/NgayTiepNhan "31\/02\/2026 08:00:00" không phải là ngày giờ hợp lệ/);
    expect(messages[2]).toMatch(new RegExp(`Mã hồ sơ ${list[5].MaHoSo} trùng với dòng 6`));
    expect(await count()).toBe(before);
  });

  it('refuses to import the same file twice (duplicate codes) and a dry run writes nothing', async () => {
    const text = csv(everyStatus('HS-C'));
    const dry = await importDossiersFromFile(env.ctx, file(text), { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, rows: 40, imported: 0 });
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await importDossiersFromFile(env.ctx, file(text));
    expect(await count()).toBe(before + 40);
    const e = await failure(importDossiersFromFile(env.ctx, file(text)));
    expect(e.message).toMatch(/40 lỗi ở 40 dòng/);
    expect((e.details as { message: string }[])[0].message).toMatch(/Mã hồ sơ HS-C-000 đã có trong hệ thống/);
    expect(await count()).toBe(before + 40);
  });

  it('checks that each status has the dates it needs, in order, and the other columns', async () => {
    const ok = everyStatus('HS-D')[9]; // status 10
    const rowsIn: Row[] = [
      { ...ok, MaHoSo: 'HS-D-1', TrangThaiHoSo: '9', NgayTra: '', NgayKetThucXuLy: '' }, // 9 without the end of processing
      { ...ok, MaHoSo: 'HS-D-2', TrangThaiHoSo: '1' }, // 1 with a reception date
      { ...ok, MaHoSo: 'HS-D-3', NgayKetThucXuLy: '01/01/2026 08:00:00' }, // finished before received
      { ...ok, MaHoSo: 'HS-D-4', NgayTra: '' }, // 10 without the return date
      { ...ok, MaHoSo: 'HS-D-5', KenhThucHien: '4', TrangThaiHoSo: '11', SoLanBoSung: '-1', MaCoQuan: '999.99.99.H99' },
      { ...ok, MaHoSo: 'HS-D-6', NgayTiepNhan: '2027-01-05T08:00:00', NgayHenTra: '2027-01-10', NgayKetThucXuLy: '2027-01-06T08:00:00', NgayTra: '2027-01-07T08:00:00' },
      { ...ok, MaHoSo: 'HS-D-7', TrangThaiHoSo: '4', NgayTra: '' }, // open with an end of processing
      { ...ok, MaHoSo: 'HS D 8', ChuHoSo: '' },
    ];
    const e = await failure(importDossiersFromFile(env.ctx, file(csv(rowsIn))));
    const by = (line: number) => (e.details as { path: string; message: string }[]).filter((d) => d.path === `Dòng ${line}`).map((d) => d.message).join(' | ');
    expect(by(2)).toMatch(/trạng thái 9 \(Đã xử lý xong\) phải có NgayKetThucXuLy/);
    expect(by(3)).toMatch(/chưa được tiếp nhận nên không có NgayTiepNhan/);
    expect(by(4)).toMatch(/NgayKetThucXuLy trước NgayTiepNhan/);
    expect(by(5)).toMatch(/phải có NgayTra/);
    expect(by(6)).toMatch(/KenhThucHien "4"/);
    expect(by(6)).toMatch(/TrangThaiHoSo "11"/);
    expect(by(6)).toMatch(/SoLanBoSung "-1"/);
    expect(by(6)).toMatch(/Không tìm thấy cơ quan có mã định danh 999\.99\.99\.H99/);
    expect(by(7)).toMatch(/ở tương lai/);
    expect(by(8)).toMatch(/chưa kết thúc xử lý nên không có NgayKetThucXuLy/);
    expect(by(9)).toMatch(/có khoảng trắng/);
    expect(by(9)).toMatch(/Thiếu tên chủ hồ sơ/);
  });

  it('reads semicolons, a byte-order mark, CRLF, quoted fields with line breaks and headers in any order and case', async () => {
    const list = timeliness('HS-E');
    list[0].ChuHoSo = 'Công ty TNHH "Hà Thanh";\nchi nhánh Sầm Sơn';
    const columns = ['trangthaihoso', 'MAHOSO', ...COLUMNS.filter((c) => c !== 'TrangThaiHoSo' && c !== 'MaHoSo' && c !== 'SoLanBoSung'), 'GhiChu'];
    const r = await importDossiersFromFile(env.ctx, file(csv(list, { delimiter: ';', bom: true, crlf: true, columns })));
    expect(r.imported).toBe(3);
    const d = await dossier('HS-E-DUNG');
    expect(d.events[0].data.line).toBe(4); // the second row spans lines 2 and 3
    expect((await dossier('HS-E-SOM')).applicant.fullName).toBe('Công ty TNHH "Hà Thanh"; chi nhánh Sầm Sơn');
  });

  it('reports files that are not what it expects', async () => {
    const missing = await failure(importDossiersFromFile(env.ctx, file('MaHoSo,MaTTHC\nX,1.901007\n')));
    expect((missing.details as { message: string }[])[0].message).toMatch(/thiếu cột MaCoQuan, KenhThucHien/);
    const latin1 = await failure(importDossiersFromFile(env.ctx, file(Buffer.from(`${COLUMNS.join(',')}\nX,1,2,3,Nguy\xe9n,,,,,,10,\n`, 'latin1'))));
    expect(latin1.message).toMatch(/1 lỗi/);
    expect((latin1.details as { message: string }[])[0].message).toMatch(/UTF-8/);
    const quote = await failure(importDossiersFromFile(env.ctx, file(`${COLUMNS.join(',')}\n"X,1\n`)));
    expect((quote.details as { message: string }[])[0].message).toMatch(/Dòng 2: dấu ngoặc kép mở không được đóng/);
    const empty = await failure(importDossiersFromFile(env.ctx, file(`${COLUMNS.join(',')}\n`)));
    expect((empty.details as { message: string }[])[0].message).toMatch(/không có dòng hồ sơ nào/);
    const many = everyStatus('HS-F').map((r) => ({ ...r, MaTTHC: '9.000000' }));
    const capped = await failure(importDossiersFromFile(env.ctx, file(csv([...many, ...many, ...many, ...many, ...many, ...many]))));
    expect(capped.message).toMatch(/Dưới đây là 200 lỗi đầu tiên/);
    expect((capped.details as unknown[]).length).toBe(200);
  });
});

describe('parseInstant', () => {
  it('reads ISO 8601 and dd/MM/yyyy HH:mm:ss in Vietnam time, and refuses what is not a date', () => {
    expect(parseInstant('02/03/2026 08:30:00')?.toISOString()).toBe('2026-03-02T01:30:00.000Z');
    expect(parseInstant('2/3/2026 8:30')?.toISOString()).toBe('2026-03-02T01:30:00.000Z');
    expect(parseInstant('2026-03-02T08:30:00')?.toISOString()).toBe('2026-03-02T01:30:00.000Z');
    expect(parseInstant('2026-03-02 08:30:00.250')?.toISOString()).toBe('2026-03-02T01:30:00.250Z');
    expect(parseInstant('2026-03-02T01:30:00Z')?.toISOString()).toBe('2026-03-02T01:30:00.000Z');
    expect(parseInstant('2026-03-02T08:30:00+0700')?.toISOString()).toBe('2026-03-02T01:30:00.000Z');
    expect(parseInstant('2026-03-02')?.toISOString()).toBe('2026-03-01T17:00:00.000Z');
    expect(parseInstant('02/03/2026', true)?.toISOString()).toBe('2026-03-02T16:59:59.000Z');
    for (const bad of ['29/02/2025', '2026-13-01', '02/03/2026 24:00:00', '2026-03-02T08:61', 'hôm qua', '', '02-03-2026 08:00']) expect(parseInstant(bad)).toBeNull();
  });
});

describe('motcua import dossiers (command line, PGlite data folder)', () => {
  const saved = { ...process.env };
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'motcua-import-cli-'));
    process.env.DATA_DIR = dataDir;
    process.env.ADMIN_PASSWORD = 'Admin@12345';
    process.env.DEMO_DOSSIERS = '0';
    delete process.env.DATABASE_URL;
  });
  afterAll(() => {
    process.env = saved;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports directly when no server runs (exit 0), and lists the bad rows with a non-zero exit', async () => {
    expect((await run(['demo'])).code).toBe(0);
    const ok = await run(['import', 'dossiers', file(csv(everyStatus('CLI-A')))]);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/Đã nhập 40 hồ sơ/);
    expect(ok.out).toMatch(/Ghi dữ liệu: 100% \(40\/40 hồ sơ/); // the progress, one line per tenth off a terminal
    const list = everyStatus('CLI-B').slice(0, 6);
    list[1].MaTTHC = '1.999999';
    const bad = await run(['import', 'dossiers', file(csv(list))]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/Lỗi: Tệp có 1 lỗi ở 1 dòng; chưa nhập hồ sơ nào\.\n {2}Dòng 3: Không có thủ tục hành chính mã 1\.999999/);
    expect((await run(['import', 'dossiers', path.join(dir, 'khong-co.csv')])).out).toMatch(/Không tìm thấy tệp/);
    expect((await run(['import', 'dossiers'])).code).toBe(1);
  });

  describe('while the server holds the data folder', () => {
    let server: Running;
    beforeAll(async () => {
      server = await startServer({ ...loadConfig(), port: 0, host: '127.0.0.1', logLevel: 'silent' }, { role: 'web', build: false, quiet: true });
    });
    afterAll(async () => server?.stop());

    it('goes through the running server with its progress, and fails on codes already imported', async () => {
      const f = file(csv([...everyStatus('CLI-C'), ...timeliness('CLI-C')]));
      const dry = await run(['import', 'dossiers', f, '--dry-run']);
      expect(dry.code, dry.out).toBe(0);
      expect(dry.out).toMatch(/Tệp hợp lệ: 43 hồ sơ sẽ được nhập/);
      const ok = await run(['import', 'dossiers', f]);
      expect(ok.code, ok.out).toBe(0);
      expect(ok.out).toMatch(/Đã nhập 43 hồ sơ .*qua máy chủ đang chạy/);
      expect(ok.out).toMatch(/Ghi dữ liệu: 100%/);
      const again = await run(['import', 'dossiers', f]);
      expect(again.code).toBe(1);
      expect(again.out).toMatch(/Tệp có 43 lỗi ở 43 dòng/);
      expect(again.out).toMatch(/Dòng 2: Mã hồ sơ CLI-C-000 đã có trong hệ thống/);
      const verify = await run(['audit', 'verify']);
      expect(verify.code).toBe(0);
      expect(verify.out).toMatch(/của 83 hồ sơ/);
    });
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('motcua import dossiers (command line, PostgreSQL)', () => {
  const saved = { ...process.env };
  const name = `motcua_import_${randomBytes(4).toString('hex')}`;
  const admin = () => openDatabase({ url: process.env.TEST_DATABASE_URL!, poolSize: 1 });
  beforeAll(async () => {
    const a = await admin();
    await a.exec(`CREATE DATABASE ${name}`);
    await a.close();
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    process.env.ADMIN_PASSWORD = 'Admin@12345';
    process.env.DEMO_DOSSIERS = '0';
  });
  afterAll(async () => {
    process.env = saved;
    const a = await admin();
    await a.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.close();
  });

  it('opens the database itself: exit 0 on a valid file, non-zero with the bad rows', async () => {
    expect((await run(['demo'])).code).toBe(0);
    const ok = await run(['import', 'dossiers', file(csv(everyStatus('PG-A')))]);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/Đã nhập 40 hồ sơ/);
    const again = await run(['import', 'dossiers', file(csv(everyStatus('PG-A')))]);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/Dòng 2: Mã hồ sơ PG-A-000 đã có trong hệ thống/);
    expect((await run(['audit', 'verify'])).code).toBe(0);
  });
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
