import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testEnv, type TestEnv } from '../../testing/harness.ts';
import { readPdf, type PdfInfo } from '../../testing/pdf-text.ts';
import { createUser } from '../users/service.ts';
import { localityOf, lookupUrl, publicBase, unitHeaderName, vnClock, vnDate, vnDateWords } from './format.ts';

let env: TestEnv;
const tokens: Record<string, string> = {};
const HOUR = 3_600_000;
const MONDAY = new Date('2026-03-02T02:00:00Z'); // 09:00 in Vietnam
const HOST = 'motcua.thanhhoa.gov.vn';
const USERS = ['tiepnhan.tinh', 'tiepnhan.hacthanh', 'chuyenvien.xaydung', 'truongphong.xaydung', 'lanhdao.xaydung', 'vanthu.xaydung', 'congdan', 'congdan2', 'giamsat.hdnd'];

beforeAll(async () => {
  env = await testEnv({ catalogue: true });
  await createUser(env.ctx, null, { username: 'congdan2', password: 'Demo@2026', fullName: 'Trần Văn Bình', grants: [{ role: 'citizen' }] }, null);
  for (const u of USERS) tokens[u] = await env.login(u);
});
afterAll(async () => {
  await env?.close();
});

async function travel(to: Date | number) {
  env.setNow(typeof to === 'number' ? new Date(env.ctx.now().getTime() + to) : to);
  for (const u of USERS) tokens[u] = await env.login(u);
}

type Dossier = { id: string; code: string | null; status: number; dueAt: string | null; version: number };
const applicant = { fullName: 'Lê Thị Hồng', idNumber: '038190001234', phone: '0912 345 678', email: 'hong@example.vn', address: 'Phường Hạc Thành, tỉnh Thanh Hóa' };
const components = [
  { name: 'Đơn đề nghị cấp giấy phép xây dựng', originals: 1 },
  { name: 'Bản sao giấy tờ chứng minh quyền sử dụng đất', originals: 0, copies: 2 },
];
/** Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV: province level, Sở Xây dựng. */
const PROC = '1.902002';

async function post(url: string, user: string, payload: object) {
  return env.app.inject({ method: 'POST', url, headers: bearer(tokens[user]), payload });
}
async function intake(extra: object = {}): Promise<Dossier> {
  const res = await post('/api/v1/dossiers', 'tiepnhan.tinh', { procedureCode: PROC, channel: 'counter', applicant, components, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function act(d: Dossier, user: string, action: string, body: object = {}): Promise<Dossier> {
  const res = await post(`/api/v1/dossiers/${d.id}/actions`, user, { action, expectedVersion: d.version, ...body });
  expect(res.statusCode, `${action} by ${user}: ${res.body}`).toBe(200);
  return res.json();
}
function slipRequest(id: string, form: string, user: string | null) {
  return env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/slips/${form}`, headers: { ...(user ? bearer(tokens[user]) : {}), host: HOST } });
}
/** Fetches a slip that must exist, checks it is a real A4 PDF, and returns its text (whitespace collapsed). */
async function slip(d: Dossier, form: string, user = 'tiepnhan.tinh'): Promise<{ pdf: PdfInfo; text: string; raw: Buffer; disposition: string }> {
  const res = await slipRequest(d.id, form, user);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const raw = res.rawPayload;
  expect(raw.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const pdf = await readPdf(raw);
  expect(pdf.pageCount).toBeGreaterThanOrEqual(1);
  for (const size of pdf.sizes) {
    expect(size.width).toBeCloseTo(595.28, 1);
    expect(size.height).toBeCloseTo(841.89, 1);
  }
  // Every word is drawn with the embedded Vietnamese font, none with a standard font.
  expect(raw.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos/);
  expect(raw.toString('latin1')).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  return { pdf, text: pdf.pages.join('\n').replace(/\s+/g, ' '), raw, disposition: String(res.headers['content-disposition']) };
}

describe('formatting for the slips', () => {
  it('prints Vietnam time whatever the server time zone', () => {
    const tz = process.env.TZ;
    try {
      for (const zone of ['America/New_York', 'UTC', 'Asia/Tokyo']) {
        process.env.TZ = zone;
        const lateEvening = new Date('2026-03-01T17:30:00Z'); // 00:30 on 02/03 in Vietnam
        expect(vnClock(lateEvening)).toBe('00 giờ 30 phút, ngày 02/03/2026');
        expect(vnDate(lateEvening)).toBe('02/03/2026');
        expect(vnDateWords(new Date('2026-02-04T20:00:00Z'))).toBe('ngày 05 tháng 02 năm 2026');
        expect(vnDateWords(lateEvening)).toBe('ngày 02 tháng 3 năm 2026');
      }
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('builds the lookup address the QR code carries from PUBLIC_URL or the request origin', () => {
    expect(lookupUrl('https://dichvucong.thanhhoa.gov.vn/', '000.00.01.H56-260302-0001')).toBe(
      'https://dichvucong.thanhhoa.gov.vn/tra-cuu-ho-so?ma=000.00.01.H56-260302-0001',
    );
    expect(lookupUrl('http://x', 'A B&C')).toBe('http://x/tra-cuu-ho-so?ma=A%20B%26C');
    expect(publicBase('https://dichvucong.thanhhoa.gov.vn/motcua/', 'http', 'evil.example')).toBe('https://dichvucong.thanhhoa.gov.vn/motcua');
    expect(publicBase(null, 'https', 'motcua.thanhhoa.gov.vn')).toBe('https://motcua.thanhhoa.gov.vn');
    expect(publicBase(null, 'http', 'localhost:3000')).toBe('http://localhost:3000');
    expect(publicBase(null, 'http', 'bad host/<script>')).toBe('http://localhost');
    expect(publicBase(null, 'gopher', undefined)).toBe('http://localhost');
  });

  it('names units as official headers do', () => {
    expect(unitHeaderName('Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa', 'Ủy ban nhân dân tỉnh Thanh Hóa')).toBe('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG');
    expect(unitHeaderName('Sở Xây dựng', 'Ủy ban nhân dân tỉnh Thanh Hóa')).toBe('SỞ XÂY DỰNG');
    expect(localityOf('Ủy ban nhân dân phường Hạc Thành')).toEqual({ locality: 'phường Hạc Thành', place: 'Hạc Thành' });
    expect(localityOf('Sở Tư pháp')).toBeNull();
  });
});

describe('Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả', () => {
  it('is an A4 PDF in two copies with the code, the applicant, the components, the times in Vietnam and the lookup address', async () => {
    await travel(MONDAY);
    const d = await intake({ authorised: { ...applicant, fullName: 'Phạm Văn Đức', idNumber: '038090009999' } });
    const { pdf, text, disposition } = await slip(d, 'receipt');
    expect(disposition).toContain('inline');
    expect(disposition).toContain(`filename="${d.code}_receipt.pdf"`);
    expect(pdf.pageCount).toBe(2);
    expect(pdf.pages[0]).toContain('Liên 1: Lưu tại Bộ phận Một cửa');
    expect(pdf.pages[1]).toContain('Liên 2: Giao người nộp hồ sơ');
    expect(pdf.title).toBe(`Giấy tiếp nhận hồ sơ và hẹn trả kết quả – ${d.code}`);
    for (const expected of [
      'UBND TỈNH THANH HÓA',
      'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Thanh Hóa, ngày 02 tháng 3 năm 2026',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      `Mã hồ sơ: ${d.code}`,
      'tiếp nhận hồ sơ của: Lê Thị Hồng',
      'Người được ủy quyền nộp hồ sơ: Phạm Văn Đức',
      'Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV',
      'Đơn đề nghị cấp giấy phép xây dựng',
      'Bản sao giấy tờ chứng minh quyền sử dụng đất',
      'Số lượng hồ sơ: 01 (bộ)',
      '20 ngày làm việc',
      'Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 02/03/2026',
      `Thời gian trả kết quả giải quyết hồ sơ: ${vnClock(new Date(d.dueAt!))}`,
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Nguyễn Thị Lan', // the reception officer who took it in
      `http://${HOST}/tra-cuu-ho-so?ma=${d.code}`,
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints the configured public address in place of the request origin', async () => {
    const d = await intake();
    const before = env.ctx.config.publicUrl;
    env.ctx.config.publicUrl = 'https://dichvucong.thanhhoa.gov.vn';
    try {
      const { text } = await slip(d, 'receipt');
      expect(text.replace(/\s/g, '')).toContain(`https://dichvucong.thanhhoa.gov.vn/tra-cuu-ho-so?ma=${d.code}`);
      expect(text).not.toContain(HOST);
    } finally {
      env.ctx.config.publicUrl = before;
    }
  });

  it('an online dossier not yet received has no receipt: 409 SLIP_NOT_AVAILABLE', async () => {
    const res = await post('/api/v1/dossiers', 'congdan', { procedureCode: PROC, channel: 'online', applicant, components });
    const d = res.json() as Dossier;
    const none = await slipRequest(d.id, 'receipt', 'congdan');
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('SLIP_NOT_AVAILABLE');
    expect(none.json().error.message).toMatch(/chưa được tiếp nhận/);
    // Once received, the owner prints a single electronic copy.
    const accepted = await act(d, 'tiepnhan.tinh', 'accept');
    const { pdf, text } = await slip(accepted, 'receipt', 'congdan');
    expect(pdf.pageCount).toBe(1);
    expect(text).toContain(accepted.code!);
    expect(text).toContain('Giấy tiếp nhận điện tử');
  });
});

describe('Mẫu 02 to 05', () => {
  it('Mẫu 02 lists what to complete from the latest supplement request, with the officer to contact', async () => {
    let d = await intake();
    const early = await slipRequest(d.id, 'supplement', 'tiepnhan.tinh');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('SLIP_NOT_AVAILABLE');
    d = await act(d, 'tiepnhan.tinh', 'forward');
    d = await act(d, 'chuyenvien.xaydung', 'request_supplement', {
      items: [{ name: 'Bản vẽ mặt bằng công trình', reason: 'chưa thể hiện chỉ giới đường đỏ' }, { name: 'Văn bản thỏa thuận đấu nối hạ tầng' }],
      reason: 'Hồ sơ chưa đủ thành phần theo quy định',
    });
    const { text } = await slip(d, 'supplement', 'chuyenvien.xaydung');
    for (const expected of [
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      `Mã hồ sơ: ${d.code}`,
      'Hồ sơ của: Lê Thị Hồng',
      '1. Bản vẽ mặt bằng công trình: chưa thể hiện chỉ giới đường đỏ',
      '2. Văn bản thỏa thuận đấu nối hạ tầng',
      'Lý do: Hồ sơ chưa đủ thành phần theo quy định',
      'Trần Minh Đức',
      '0912000004',
      'NGƯỜI HƯỚNG DẪN',
      'tạm dừng từ 09 giờ 00 phút, ngày 02/03/2026',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('Mẫu 03 gives the reason of a refusal, to the citizen who filed online', async () => {
    const res = await post('/api/v1/dossiers', 'congdan', { procedureCode: PROC, channel: 'online', applicant, components });
    let d = res.json() as Dossier;
    expect((await slipRequest(d.id, 'refusal', 'congdan')).statusCode).toBe(409);
    d = await act(d, 'tiepnhan.tinh', 'refuse', { reason: 'Thủ tục không thuộc thẩm quyền giải quyết của tỉnh' });
    expect(d.status).toBe(3);
    const { text, disposition } = await slip(d, 'refusal', 'congdan');
    expect(disposition).toContain(`${d.id}_refusal.pdf`); // no code: the file is named by the dossier id
    for (const expected of [
      'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
      'tiếp nhận hồ sơ của: Lê Thị Hồng',
      'thông báo không tiếp nhận, giải quyết hồ sơ này',
      'Thủ tục không thuộc thẩm quyền giải quyết của tỉnh',
      'Nguyễn Thị Lan',
    ]) {
      expect(text).toContain(expected);
    }
    expect((await slipRequest(d.id, 'receipt', 'congdan')).json().error.code).toBe('SLIP_NOT_AVAILABLE');
  });

  it('Mẫu 04 apologises and gives the new date, under the department that processes the dossier', async () => {
    await travel(MONDAY);
    let d = await intake();
    expect((await slipRequest(d.id, 'apology', 'tiepnhan.tinh')).statusCode).toBe(409);
    await travel(new Date('2026-04-01T02:00:00Z'));
    d = await act(d, 'truongphong.xaydung', 'reschedule', { newDueAt: '2026-04-10T16:00:00+07:00', reason: 'Cần xác minh thực địa vị trí xây dựng' });
    const { text } = await slip(d, 'apology', 'truongphong.xaydung');
    for (const expected of [
      'SỞ XÂY DỰNG',
      'Thanh Hóa, ngày 01 tháng 4 năm 2026',
      'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
      'Kính gửi: Ông/Bà Lê Thị Hồng',
      `Mã hồ sơ: ${d.code}`,
      `Thời hạn giải quyết hồ sơ theo quy định: ${vnClock(new Date(d.dueAt!))}`,
      'Lý do: Cần xác minh thực địa vị trí xây dựng',
      'xin lỗi Ông/Bà',
      '16 giờ 00 phút, ngày 10/04/2026',
      'THỦ TRƯỞNG CƠ QUAN',
    ]) {
      expect(text).toContain(expected);
    }
    await travel(MONDAY);
  });

  it('Mẫu 05 notifies a stopped dossier; only a stopped dossier has one', async () => {
    let d = await intake();
    const open = await slipRequest(d.id, 'stop', 'tiepnhan.tinh');
    expect(open.statusCode).toBe(409);
    expect(open.json().error).toMatchObject({ code: 'SLIP_NOT_AVAILABLE', message: expect.stringMatching(/dừng giải quyết/) });
    d = await act(d, 'tiepnhan.tinh', 'stop', { reason: 'Người nộp đề nghị dừng để điều chỉnh thiết kế' });
    const { text } = await slip(d, 'stop');
    for (const expected of [
      'THÔNG BÁO',
      'Về việc dừng giải quyết hồ sơ',
      'Kính gửi: Ông/Bà Lê Thị Hồng',
      d.code!,
      'Sở Xây dựng thông báo dừng giải quyết hồ sơ',
      'Lý do: Người nộp đề nghị dừng để điều chỉnh thiết kế',
    ]) {
      expect(text).toContain(expected);
    }
  });
});

describe('Mẫu 06: Phiếu kiểm soát quá trình giải quyết hồ sơ', () => {
  it('has one row per hand-off with who gave, who received, when and whether on time, through to the return', async () => {
    await travel(MONDAY);
    let d = await intake();
    d = await act(d, 'tiepnhan.tinh', 'forward');
    await travel(2 * HOUR);
    d = await act(d, 'truongphong.xaydung', 'assign', { assigneeId: 'chuyenvien.xaydung' });
    d = await act(d, 'chuyenvien.xaydung', 'forward');
    d = await act(d, 'truongphong.xaydung', 'send_back', { reason: 'Bổ sung ý kiến thẩm định' });
    d = await act(d, 'chuyenvien.xaydung', 'forward');
    d = await act(d, 'truongphong.xaydung', 'forward');
    d = await act(d, 'lanhdao.xaydung', 'forward');
    d = await act(d, 'vanthu.xaydung', 'complete', { result: { number: '125/GPXD', signer: 'Đỗ Quang Vinh', signedOn: '2026-03-02' } });
    const midway = await slip(d, 'control');
    expect(midway.text).toContain('Giao: Nhận:'); // room left to fill in by hand while the result waits
    d = await act(d, 'tiepnhan.tinh', 'return', { method: 'counter', receivedBy: 'Lê Thị Hồng' });
    const { text } = await slip(d, 'control');
    for (const expected of [
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      `Mã hồ sơ: ${d.code}`,
      'Cơ quan (bộ phận) giải quyết hồ sơ: Phòng Quản lý hoạt động xây dựng – Sở Xây dựng',
      'Giao: Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa Nhận: Phòng Quản lý hoạt động xây dựng',
      '09 giờ 00 phút, ngày 02/03/2026',
      'Giao: Nguyễn Thị Lan Nhận: Hoàng Văn Nam',
      'Giao: Trần Minh Đức',
      'Trả lại: Bổ sung ý kiến thẩm định',
      'Trước hạn',
      'Nhận: Tổ chức, cá nhân',
      'Giao: Nguyễn Thị Lan Nhận: Lê Thị Hồng',
      'Trả trực tiếp',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Giao: Nhận:');
    // Eight hand-offs: five steps left, the send-back, the result, the return.
    const numbers = [...text.matchAll(/(?:^| )(\d) (?:Giao|Phòng)/g)].map((m) => Number(m[1]));
    expect(Math.max(...numbers)).toBe(8);
  });
});

describe('who may print', () => {
  it('exactly those who may read the dossier; the rest get 404, and unknown forms are named', async () => {
    const res = await post('/api/v1/dossiers', 'congdan', { procedureCode: PROC, channel: 'online', applicant, components });
    const d = await act(res.json() as Dossier, 'tiepnhan.tinh', 'accept');
    expect((await slipRequest(d.id, 'receipt', 'congdan')).statusCode).toBe(200);
    expect((await slipRequest(d.code!, 'control', 'giamsat.hdnd')).statusCode).toBe(200);
    const otherAgency = await slipRequest(d.id, 'receipt', 'tiepnhan.hacthanh');
    expect(otherAgency.statusCode).toBe(404);
    expect(otherAgency.json().error.code).toBe('NOT_FOUND');
    expect((await slipRequest(d.id, 'receipt', 'congdan2')).statusCode).toBe(404);
    expect((await slipRequest(d.id, 'receipt', null)).statusCode).toBe(401);
    expect((await slipRequest('khong-co-ho-so-nay', 'receipt', 'tiepnhan.tinh')).statusCode).toBe(404);
    const unknown = await slipRequest(d.id, 'mau-99', 'tiepnhan.tinh');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('UNKNOWN_SLIP');
    expect(unknown.json().error.message).toContain('receipt');
  });
});
