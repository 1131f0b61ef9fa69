import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { loadDemoDossiers } from '../../demo/dossiers.ts';
import { vnDay } from '../../kernel/dossier/code.ts';
import type { Bieu06Counts } from '../../kernel/indicators/bieu06.ts';
import { bearer, testEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  env = await testEnv({ catalogue: true });
  env.setNow(new Date('2026-11-20T03:00:00Z'));
  await loadDemoDossiers(env.ctx, { count: 150, seed: 7 });
  for (const u of ['giamsat.hdnd', 'lanhdao.xaydung', 'lanhdao.hacthanh', 'congdan', 'tiepnhan.tinh']) tokens[u] = await env.login(u);
});
afterAll(async () => {
  await env?.close();
});

const get = (url: string, user?: string) => env.app.inject({ method: 'GET', url, headers: user ? bearer(tokens[user]) : {} });

async function workbook(url: string, user = 'giamsat.hdnd') {
  const res = await get(url, user);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return { ws: wb.worksheets[0], disposition: String(res.headers['content-disposition']) };
}

const text = (ws: ExcelJS.Worksheet, r: number, c: number) => {
  const v = ws.getCell(r, c).value;
  return v === null || v === undefined ? '' : String(v);
};

/** The eleven numbers of a set of counts in the order of the form's columns (2)…(12). */
const numbers = (c: Bieu06Counts) => [
  c.received.total, c.received.carriedOver, c.received.online, c.received.direct,
  c.resolved.total, c.resolved.early, c.resolved.onTime, c.resolved.late,
  c.inProgress.total, c.inProgress.withinDeadline, c.inProgress.overdue,
];

/** The data lines of the Biểu 06 sheet (from row 11 down to TỔNG SỐ). */
function bieu06Lines(ws: ExcelJS.Worksheet) {
  const out: { stt: string; name: string; numbers: number[]; bold: boolean }[] = [];
  for (let r = 11; r <= ws.rowCount; r++) {
    const name = text(ws, r, 2);
    if (!name) break;
    out.push({ stt: text(ws, r, 1), name, numbers: Array.from({ length: 11 }, (_, i) => Number(ws.getCell(r, i + 3).value)), bold: !!ws.getCell(r, 2).font?.bold });
    if (name === 'TỔNG SỐ') break;
  }
  return out;
}

type Report = { rows: ({ key: string; name: string } & Bieu06Counts)[]; total: Bieu06Counts };
type Sheet = { unit: string; period: string; lines: { kind: 'row' | 'group'; stt: string; name: string; depth: number; drill: { key?: string; agency?: string }; counts: Bieu06Counts }[]; total: Bieu06Counts };

describe('Biểu 06 in Excel', () => {
  it('has the official head, the three-row header with the column numbers, and the numbers of the JSON report', async () => {
    const q = 'from=2026-01-01&to=2026-12-31&groupBy=field';
    const report = (await get(`/api/v1/reports/bieu-06?${q}`, 'giamsat.hdnd')).json() as Report;
    expect(report.total.received.total).toBeGreaterThan(50);
    const { ws, disposition } = await workbook(`/api/v1/reports/bieu-06.xlsx?${q}`);
    expect(disposition).toContain('attachment');
    expect(disposition).toContain('Bieu06_VPCP_KSTT_20260101_20261231.xlsx');

    expect(text(ws, 1, 1)).toBe('Biểu số 06/VPCP/KSTT');
    expect(text(ws, 2, 1)).toContain('Thông tư số 01/2020/TT-VPCP');
    expect(text(ws, 1, 3)).toBe('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(text(ws, 4, 3)).toBe('Kỳ báo cáo: Năm 2026 (Từ ngày 01/01/2026 đến ngày 31/12/2026)');
    expect(text(ws, 1, 11)).toBe('Đơn vị báo cáo:');
    expect(text(ws, 2, 11)).toBe('Ủy ban nhân dân tỉnh Thanh Hóa');
    // Header: row 7 groups, rows 8–9 their columns; merged cells read their master's text.
    expect([1, 2, 3, 7, 11].map((c) => text(ws, 7, c))).toEqual([
      'STT', 'Lĩnh vực, công việc giải quyết theo cấp', 'Số hồ sơ nhận giải quyết', 'Số hồ sơ đã giải quyết', 'Số hồ sơ đang giải quyết',
    ]);
    expect(text(ws, 7, 6)).toBe('Số hồ sơ nhận giải quyết');
    expect(text(ws, 9, 2)).toBe('Lĩnh vực, công việc giải quyết theo cấp');
    expect(Array.from({ length: 11 }, (_, i) => text(ws, 8, i + 3))).toEqual([
      'Tổng số', 'Trong đó', 'Trong đó', 'Trong đó', 'Tổng số', 'Trả đúng thời hạn', 'Trả đúng thời hạn', 'Trả quá hạn', 'Tổng số', 'Trong hạn', 'Quá hạn',
    ]);
    expect(Array.from({ length: 11 }, (_, i) => text(ws, 9, i + 3))).toEqual([
      'Tổng số', 'Số kỳ trước chuyển qua', 'Số mới tiếp nhận trực tuyến', 'Số mới tiếp nhận trực tiếp, dịch vụ bưu chính',
      'Tổng số', 'Trước hạn', 'Đúng hạn', 'Trả quá hạn', 'Tổng số', 'Trong hạn', 'Quá hạn',
    ]);
    expect(Array.from({ length: 12 }, (_, i) => text(ws, 10, i + 2))).toEqual(Array.from({ length: 12 }, (_, i) => `(${i + 1})`));

    const lines = bieu06Lines(ws);
    expect(lines.length).toBe(report.rows.length + 1);
    report.rows.forEach((r, i) => {
      expect(lines[i].stt).toBe(String(i + 1));
      expect(lines[i].name).toBe(r.name);
      expect(lines[i].numbers).toEqual(numbers(r));
    });
    const total = lines[lines.length - 1];
    expect(total.name).toBe('TỔNG SỐ');
    expect(total.numbers).toEqual(numbers(report.total));
    expect(total.bold).toBe(true);

    // The signature block below the table.
    const below = Array.from({ length: 10 }, (_, i) => [text(ws, 11 + lines.length + i, 1), text(ws, 11 + lines.length + i, 9)]).flat();
    expect(below).toContain('NGƯỜI LẬP BIỂU');
    expect(below).toContain('THỦ TRƯỞNG ĐƠN VỊ');
    expect(below).toContain('Lý Thị Phương');
    expect(below).toContain('Thanh Hóa, ngày 20 tháng 11 năm 2026');
  });

  it('grouped by agency, parents show the subtotal of their units, and the lines add up to the total', async () => {
    const q = 'from=2026-01-01&to=2026-12-31&groupBy=agency';
    const report = (await get(`/api/v1/reports/bieu-06?${q}`, 'giamsat.hdnd')).json() as Report;
    const res = await get(`/api/v1/reports/bieu-06/sheet?${q}`, 'giamsat.hdnd');
    expect(res.statusCode, res.body).toBe(200);
    const sheet = res.json() as Sheet;
    const groups = sheet.lines.filter((l) => l.kind === 'group');
    expect(groups.length).toBeGreaterThan(0);
    // Each group's subtotal is the sum of the rows below it, down to the next line at its depth.
    sheet.lines.forEach((l, i) => {
      if (l.kind !== 'group') return;
      const below: number[][] = [];
      for (let j = i + 1; j < sheet.lines.length && sheet.lines[j].depth > l.depth; j++) if (sheet.lines[j].kind === 'row') below.push(numbers(sheet.lines[j].counts));
      expect(below.length).toBeGreaterThan(0);
      expect(numbers(l.counts)).toEqual(below.reduce((a, b) => a.map((x, k) => x + b[k])));
    });
    // Every row of the JSON report appears once, with its numbers.
    const rowLines = sheet.lines.filter((l) => l.kind === 'row');
    expect(rowLines.map((l) => l.drill.key).sort()).toEqual(report.rows.map((r) => r.key).sort());
    for (const l of rowLines) expect(l.counts).toEqual(((({ key: _k, name: _n, ...c }) => c)(report.rows.find((r) => r.key === l.drill.key)!)));
    expect(sheet.total).toEqual(report.total);

    // A group's number opens the dossiers of its subtree.
    const g = groups[0];
    const drill = await get(`/api/v1/reports/bieu-06/dossiers?${q}&agency=${g.drill.agency}&cell=received&pageSize=1`, 'giamsat.hdnd');
    expect(drill.statusCode).toBe(200);
    expect(drill.json().total).toBe(g.counts.received.total);

    const { ws } = await workbook(`/api/v1/reports/bieu-06.xlsx?${q}`);
    const lines = bieu06Lines(ws);
    expect(lines.length).toBe(sheet.lines.length + 1);
    sheet.lines.forEach((l, i) => {
      expect(lines[i].stt).toBe(l.stt);
      expect(lines[i].name).toBe(l.name);
      expect(lines[i].numbers).toEqual(numbers(l.counts));
      expect(lines[i].bold).toBe(l.kind === 'group');
    });
    expect(lines[lines.length - 1].numbers).toEqual(numbers(report.total));
  });

  it('names a preset period in either convention, and a leader reports on their own agency', async () => {
    const quarter = (await get('/api/v1/reports/bieu-06/sheet?from=2026-06-15&to=2026-09-14', 'giamsat.hdnd')).json() as Sheet;
    expect(quarter.period).toBe('Kỳ báo cáo: Quý III năm 2026 (Từ ngày 15/06/2026 đến ngày 14/09/2026)');
    const custom = (await get('/api/v1/reports/bieu-06/sheet?from=2026-06-03&to=2026-09-14', 'giamsat.hdnd')).json() as Sheet;
    expect(custom.period).toBe('Kỳ báo cáo: Từ ngày 03/06/2026 đến ngày 14/09/2026');
    const mine = (await get('/api/v1/reports/bieu-06/sheet?from=2026-01-01&to=2026-12-31&groupBy=agency', 'lanhdao.xaydung')).json() as Sheet;
    expect(mine.unit).toBe('Sở Xây dựng');
    const { ws } = await workbook('/api/v1/reports/bieu-06.xlsx?from=2026-01-01&to=2026-12-31&groupBy=agency', 'lanhdao.xaydung');
    expect(text(ws, 2, 11)).toBe('Sở Xây dựng');
    expect(bieu06Lines(ws).at(-1)!.numbers).toEqual(numbers(mine.total));
  });
});

type Line = {
  stt: number; id: string; code: string | null; receivedAt: string; dueAt: string | null; forwardedAt: string | null; resultAt: string | null;
  returnedAt: string | null; note: string; agency: { id: string }; applicant: { name: string }; procedure: { name: string }; sets: number;
};
type Book = { unit: string; period: string; items: Line[]; total: number };

describe('Sổ theo dõi hồ sơ', () => {
  const from = '2026-07-01';
  const to = '2026-09-30';

  async function expected(agencies?: string[]) {
    const list = await rows<{ id: string; received_at: Date | string | null; status: number; agency_id: string; reception_agency_id: string }>(
      env.ctx.db,
      sql`SELECT id, received_at, status, agency_id, reception_agency_id FROM dossiers`,
    );
    return list
      .filter((d) => d.received_at && ![1, 3].includes(Number(d.status)))
      .filter((d) => {
        const day = vnDay(new Date(d.received_at!));
        return day >= from && day <= to;
      })
      .filter((d) => !agencies || agencies.includes(d.agency_id) || agencies.includes(d.reception_agency_id))
      .map((d) => d.id)
      .sort();
  }

  it('lists exactly the dossiers received in the period, with the dates of their journey', async () => {
    const res = await get(`/api/v1/reports/so-theo-doi?from=${from}&to=${to}&pageSize=500`, 'giamsat.hdnd');
    expect(res.statusCode, res.body).toBe(200);
    const book = res.json() as Book;
    const ids = await expected();
    expect(ids.length).toBeGreaterThan(10);
    expect(book.total).toBe(ids.length);
    expect(book.items.map((l) => l.id).sort()).toEqual(ids);
    expect(book.items.map((l) => l.stt)).toEqual(ids.map((_, i) => i + 1));
    expect(book.period).toBe('Kỳ báo cáo: Quý III năm 2026 (Từ ngày 01/07/2026 đến ngày 30/09/2026)');
    // In receipt order.
    const times = book.items.map((l) => Date.parse(l.receivedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const events = await rows<{ dossier_id: string; action: string; at: Date | string }>(
      env.ctx.db,
      sql`SELECT dossier_id, action, at FROM dossier_events WHERE action IN ('forward', 'complete') ORDER BY seq`,
    );
    const dossiers = new Map(
      (await rows<{ id: string; received_at: Date | string; due_at: Date | string | null; returned_at: Date | string | null; code: string }>(env.ctx.db, sql`SELECT id, code, received_at, due_at, returned_at FROM dossiers`)).map((d) => [d.id, d]),
    );
    const iso = (v: Date | string | null | undefined) => (v ? new Date(v).toISOString() : null);
    let forwarded = 0;
    let returned = 0;
    for (const l of book.items) {
      const d = dossiers.get(l.id)!;
      expect(l.code).toBe(d.code);
      expect(l.sets).toBe(1);
      expect(l.receivedAt).toBe(iso(d.received_at));
      expect(l.dueAt).toBe(iso(d.due_at));
      expect(l.returnedAt).toBe(iso(d.returned_at));
      const mine = events.filter((e) => e.dossier_id === l.id);
      expect(l.forwardedAt).toBe(iso(mine.find((e) => e.action === 'forward')?.at));
      expect(l.resultAt).toBe(iso(mine.find((e) => e.action === 'complete')?.at));
      if (l.forwardedAt) forwarded++;
      if (l.returnedAt) returned++;
      expect(l.note.length).toBeGreaterThan(3);
    }
    expect(forwarded).toBeGreaterThan(0);
    expect(returned).toBeGreaterThan(0);

    // Pages continue the numbering.
    const page2 = (await get(`/api/v1/reports/so-theo-doi?from=${from}&to=${to}&pageSize=5&page=2`, 'giamsat.hdnd')).json() as Book;
    expect(page2.items.map((l) => l.stt)).toEqual([6, 7, 8, 9, 10]);
    expect(page2.items.map((l) => l.id)).toEqual(book.items.slice(5, 10).map((l) => l.id));
  });

  it('exports the same lines to Excel, in order, with the header of the book', async () => {
    const book = (await get(`/api/v1/reports/so-theo-doi?from=${from}&to=${to}&pageSize=500`, 'giamsat.hdnd')).json() as Book;
    const { ws, disposition } = await workbook(`/api/v1/reports/so-theo-doi.xlsx?from=${from}&to=${to}`);
    expect(disposition).toContain('So_theo_doi_ho_so_20260701_20260930.xlsx');
    expect(text(ws, 1, 1)).toBe('ỦY BAN NHÂN DÂN TỈNH THANH HÓA');
    expect(text(ws, 2, 1)).toBe('SỔ THEO DÕI HỒ SƠ');
    expect(text(ws, 3, 1)).toBe(book.period);
    expect(Array.from({ length: 13 }, (_, i) => text(ws, 5, i + 1))).toEqual([
      'STT', 'Mã hồ sơ', 'Tên thủ tục hành chính', 'Số lượng hồ sơ (bộ)', 'Tên tổ chức, cá nhân', 'Địa chỉ, số điện thoại',
      'Cơ quan chủ trì giải quyết', 'Ngày nhận hồ sơ', 'Ngày hẹn trả kết quả', 'Ngày chuyển hồ sơ đến cơ quan giải quyết',
      'Ngày nhận kết quả từ cơ quan giải quyết', 'Ngày trả kết quả', 'Ghi chú',
    ]);
    expect(text(ws, 6, 13)).toBe('(13)');
    const codes: string[] = [];
    for (let r = 7; r < 7 + book.total; r++) codes.push(text(ws, r, 2));
    expect(codes).toEqual(book.items.map((l) => l.code));
    expect(text(ws, 7, 1)).toBe('1');
    expect(text(ws, 7, 5)).toBe(book.items[0].applicant.name);
    // Dates in Vietnam time, dd/MM/yyyy.
    expect(text(ws, 7, 8)).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/2026$/);
    expect(text(ws, 7 + book.total, 1)).toBe(`Tổng số: ${book.total} hồ sơ`);
  });

  it('a leader sees the book of their agency tree only', async () => {
    const book = (await get(`/api/v1/reports/so-theo-doi?from=2026-01-01&to=2026-12-31&pageSize=500`, 'lanhdao.xaydung')).json() as Book;
    const tree = (await rows<{ id: string }>(env.ctx.db, sql`WITH RECURSIVE t AS (SELECT id FROM agencies WHERE id = 'ag-so-xay-dung' UNION SELECT a.id FROM agencies a JOIN t ON a.parent_id = t.id) SELECT id FROM t`)).map((r) => r.id);
    const all = await rows<{ id: string; received_at: Date | null; status: number; agency_id: string; reception_agency_id: string }>(env.ctx.db, sql`SELECT id, received_at, status, agency_id, reception_agency_id FROM dossiers`);
    const ids = all
      .filter((d) => d.received_at && ![1, 3].includes(Number(d.status)) && vnDay(new Date(d.received_at)).startsWith('2026'))
      .filter((d) => tree.includes(d.agency_id) || tree.includes(d.reception_agency_id))
      .map((d) => d.id)
      .sort();
    expect(ids.length).toBeGreaterThan(0);
    expect(book.items.map((l) => l.id).sort()).toEqual(ids);
    expect(book.unit).toBe('Sở Xây dựng');
  });
});

describe('who may read and export', () => {
  const urls = [
    '/api/v1/reports/bieu-06/sheet?from=2026-01-01&to=2026-12-31',
    '/api/v1/reports/bieu-06.xlsx?from=2026-01-01&to=2026-12-31',
    '/api/v1/reports/so-theo-doi?from=2026-01-01&to=2026-12-31',
    '/api/v1/reports/so-theo-doi.xlsx?from=2026-01-01&to=2026-12-31',
  ];

  it('refuses citizens, reception officers and leaders asking for another agency; asks strangers to log in', async () => {
    for (const url of urls) {
      for (const user of ['congdan', 'tiepnhan.tinh']) {
        const res = await get(url, user);
        expect(res.statusCode, `${user} ${url}`).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
      expect((await get(`${url}&agency=ag-so-tu-phap`, 'lanhdao.xaydung')).statusCode).toBe(403);
      expect((await get(`${url}&agency=ag-so-xay-dung`, 'lanhdao.hacthanh')).statusCode).toBe(403);
      expect((await get(url)).statusCode).toBe(401);
      expect((await get(`${url}&agency=ag-so-xay-dung`, 'lanhdao.xaydung')).statusCode).toBe(200);
    }
  });

  it('answers bad periods and unknown agencies with a Vietnamese 400, never a broken file', async () => {
    for (const url of urls) {
      const base = url.split('?')[0];
      const reversed = await get(`${base}?from=2026-12-31&to=2026-01-01`, 'giamsat.hdnd');
      expect(reversed.statusCode).toBe(400);
      expect(reversed.headers['content-type']).toContain('application/json');
      expect(reversed.json().error.details[0].message).toMatch(/kỳ báo cáo/);
      expect((await get(`${base}?from=2026-02-30&to=2026-12-31`, 'giamsat.hdnd')).statusCode).toBe(400);
      expect((await get(`${base}?to=2026-12-31`, 'giamsat.hdnd')).statusCode).toBe(400);
      expect((await get(`${base}?from=2026-01-01&to=2026-12-31&agency=khong-co`, 'giamsat.hdnd')).statusCode).toBe(400);
    }
    expect((await get('/api/v1/reports/so-theo-doi?from=2026-01-01&to=2026-12-31&pageSize=501', 'giamsat.hdnd')).statusCode).toBe(400);
  });
});
