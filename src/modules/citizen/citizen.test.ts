import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testEnv, type TestEnv } from '../../testing/harness.ts';
import { createUser } from '../users/service.ts';

let env: TestEnv;
const tokens: Record<string, string> = {};
const OFFICERS = ['tiepnhan.tinh', 'chuyenvien.xaydung', 'truongphong.xaydung', 'lanhdao.xaydung', 'vanthu.xaydung'];

beforeAll(async () => {
  env = await testEnv({ catalogue: true });
  await createUser(env.ctx, null, { username: 'congdan2', password: 'Demo@2026', fullName: 'Trần Văn Bình', grants: [{ role: 'citizen' }] }, null);
  for (const u of [...OFFICERS, 'congdan', 'congdan2']) tokens[u] = await env.login(u);
});
afterAll(async () => {
  await env?.close();
});

type Dossier = { id: string; code: string | null; status: number; version: number; rating?: unknown; allowedActions: string[] };

/** Cấp giấy phép xây dựng mới (province level, online full). */
const PROC = '1.902002';
const applicant = { fullName: 'Hoàng Thị Mai Phương', idNumber: '038195004321', phone: '0903 112 876', address: 'Số 12 phố Lê Lai, phường Hạc Thành' };
const pdf = (n: string) => Buffer.from(`%PDF-1.4\n% ${n}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
let ipSeq = 10;
/** A fresh client address, so that throttling in one test does not reach another. */
const freshIp = () => `203.0.113.${ipSeq++}`;

async function post(url: string, token: string | null, payload: object, headers: Record<string, string> = {}) {
  return env.app.inject({ method: 'POST', url, headers: { ...(token ? bearer(token) : {}), ...headers }, payload });
}
async function get(url: string, token: string | null, headers: Record<string, string> = {}) {
  return env.app.inject({ method: 'GET', url, headers: { ...(token ? bearer(token) : {}), ...headers } });
}
async function act(d: Dossier, user: string, action: string, body: object = {}): Promise<Dossier> {
  const res = await post(`/api/v1/dossiers/${d.id}/actions`, tokens[user], { action, expectedVersion: d.version, ...body });
  expect(res.statusCode, `${action} by ${user}: ${res.body}`).toBe(200);
  return res.json();
}
async function upload(token: string, body: Buffer, name: string) {
  const res = await env.app.inject({ method: 'POST', url: `/api/v1/files?name=${encodeURIComponent(name)}`, headers: { ...bearer(token), 'content-type': 'application/pdf' }, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { sha256: string };
}
async function fileOnline(user = 'congdan'): Promise<Dossier & { sha256: string }> {
  const { sha256 } = await upload(tokens[user], pdf(`${user}-${Math.random()}`), 'don-de-nghi.pdf');
  const res = await post('/api/v1/dossiers', tokens[user], { procedureCode: PROC, channel: 'online', applicant, components: [{ name: 'Đơn đề nghị', files: [{ sha256 }] }] });
  expect(res.statusCode, res.body).toBe(201);
  return { ...(res.json() as Dossier), sha256 };
}
/** Accepts an online dossier (or takes one at the counter) and runs it through every step to the given end. */
async function runToEnd(d: Dossier, until: 'done' | 'returned' = 'returned'): Promise<Dossier> {
  if (d.status === 1) d = await act(d, 'tiepnhan.tinh', 'accept');
  d = await act(d, 'tiepnhan.tinh', 'forward');
  d = await act(d, 'truongphong.xaydung', 'assign', { assigneeId: 'chuyenvien.xaydung' });
  d = await act(d, 'chuyenvien.xaydung', 'forward', { note: `Đã kiểm tra thửa đất của bà ${applicant.fullName}` });
  d = await act(d, 'truongphong.xaydung', 'forward');
  d = await act(d, 'lanhdao.xaydung', 'forward');
  d = await act(d, 'vanthu.xaydung', 'complete', { result: { number: '88/GPXD', signer: 'Đỗ Quang Vinh', signedOn: '2026-03-02' } });
  if (until === 'returned') d = await act(d, 'tiepnhan.tinh', 'return', { method: 'electronic' });
  return d;
}

describe('self-registration', () => {
  const body = { username: 'nguyenthilan', password: 'MatKhau2026', fullName: 'Nguyễn Thị Lan', idNumber: '038 190 007 777', phone: '0912 000 777', email: 'lan@example.vn' };

  it('creates a citizen account, logs it in (cookie and token) and records it in the audit log', async () => {
    const res = await post('/api/v1/auth/register', null, body, { 'x-forwarded-for': freshIp() });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().user).toMatchObject({ username: 'nguyenthilan', fullName: 'Nguyễn Thị Lan', roles: ['citizen'], phone: '0912000777' });
    expect(String(res.headers['set-cookie'])).toMatch(/motcua_session=.*HttpOnly/i);
    const token = res.json().token as string;
    const me = await get('/api/v1/auth/me', token);
    expect(me.statusCode).toBe(200);
    const profile = await get('/api/v1/citizen/profile', token);
    expect(profile.json()).toEqual({ fullName: 'Nguyễn Thị Lan', idNumber: '038190007777', phone: '0912000777', email: 'lan@example.vn' });
    expect((await get('/api/v1/citizen/profile', null)).statusCode).toBe(401);
    expect((await post('/api/v1/dossiers/x/rating', null, { level: 'satisfied' })).statusCode).toBe(401);
    // The new account may file online at once.
    const { sha256 } = await upload(token, pdf('lan'), 'don.pdf');
    const filed = await post('/api/v1/dossiers', token, { procedureCode: PROC, channel: 'online', applicant, components: [{ name: 'Đơn', files: [{ sha256 }] }] });
    expect(filed.statusCode).toBe(201);
    // ...but not at the counter, nor anything an officer does.
    expect((await get('/api/v1/users', token)).statusCode).toBe(403);
    const audit = await get('/api/v1/audit?type=citizen_registered', await env.login('admin'));
    expect(audit.json().items.map((i: { subject: string }) => i.subject)).toContain('nguyenthilan');
  });

  it('refuses a taken username or identity number, a weak password and malformed fields, creating nothing', async () => {
    const ip = freshIp();
    const again = await post('/api/v1/auth/register', null, { ...body, idNumber: '038190008888' }, { 'x-forwarded-for': ip });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DUPLICATE_USERNAME');
    const sameId = await post('/api/v1/auth/register', null, { ...body, username: 'lan.nguyen', idNumber: '038190007777' }, { 'x-forwarded-for': ip });
    expect(sameId.statusCode).toBe(409);
    expect(sameId.json().error.code).toBe('DUPLICATE_ID_NUMBER');
    const weak = await post('/api/v1/auth/register', null, { ...body, username: 'lan.nguyen', idNumber: '038190008888', password: 'abcdefgh' }, { 'x-forwarded-for': ip });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details[0].path).toBe('password');
    const bad = await post('/api/v1/auth/register', null, { ...body, username: 'x', idNumber: '12', phone: 'abc', email: 'khong-phai-email' }, { 'x-forwarded-for': ip });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'idNumber', 'phone', 'username']);
    const login = await post('/api/v1/auth/login', null, { username: 'lan.nguyen', password: 'MatKhau2026' });
    expect(login.statusCode).toBe(401);
  });

  it('limits registrations from one address (429), while another address may still register', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) {
      const res = await post('/api/v1/auth/register', null, { ...body, username: `spam${i}`, idNumber: `0381900100${String(i).padStart(2, '0')}`, password: 'yeu' }, { 'x-forwarded-for': ip });
      expect(res.statusCode).toBe(400);
    }
    const blocked = await post('/api/v1/auth/register', null, { ...body, username: 'spam99', idNumber: '038190010099' }, { 'x-forwarded-for': ip });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    const other = await post('/api/v1/auth/register', null, { ...body, username: 'tranvanhai', idNumber: '038190010100', fullName: 'Trần Văn Hải' }, { 'x-forwarded-for': freshIp() });
    expect(other.statusCode).toBe(201);
  });
});

describe('a citizen sees and acts only on their own dossiers', () => {
  it('another citizen gets 404 on the dossier, its actions, its files and its rating, and does not list it', async () => {
    const d = await fileOnline('congdan');
    expect((await get(`/api/v1/dossiers/${d.id}`, tokens.congdan)).statusCode).toBe(200);
    const mine = await get('/api/v1/dossiers?pageSize=200', tokens.congdan);
    expect(mine.json().items.map((x: Dossier) => x.id)).toContain(d.id);

    expect((await get(`/api/v1/dossiers/${d.id}`, tokens.congdan2)).statusCode).toBe(404);
    const theirs = await get('/api/v1/dossiers?pageSize=200', tokens.congdan2);
    expect(theirs.json().items.map((x: Dossier) => x.id)).not.toContain(d.id);
    const withdraw = await post(`/api/v1/dossiers/${d.id}/actions`, tokens.congdan2, { action: 'withdraw', expectedVersion: d.version });
    expect(withdraw.statusCode).toBe(404);
    expect((await get(`/api/v1/dossiers/${d.id}/files/${d.sha256}`, tokens.congdan2)).statusCode).toBe(404);
    const rate = await post(`/api/v1/dossiers/${d.id}/rating`, tokens.congdan2, { level: 'satisfied' });
    expect(rate.statusCode).toBe(404);
    // The owner: withdraw is offered while the dossier is open.
    expect(((await get(`/api/v1/dossiers/${d.id}`, tokens.congdan)).json() as Dossier).allowedActions).toEqual(['withdraw']);
  });

  it('the owner sees exactly what is missing, sends it, and the dossier goes back to the one-stop unit', async () => {
    let d: Dossier = await fileOnline('congdan');
    d = await act(d, 'tiepnhan.tinh', 'request_supplement', {
      items: [{ name: 'Bản vẽ mặt bằng công trình', reason: 'Thiếu chữ ký của chủ đầu tư' }, { name: 'Giấy tờ hợp pháp về đất đai' }],
      reason: 'Hồ sơ chưa đầy đủ',
    });
    const seen = (await get(`/api/v1/dossiers/${d.id}`, tokens.congdan)).json() as Dossier & { events: { action: string; data: { items?: { name: string }[] } }[] };
    expect(seen.allowedActions).toContain('submit_supplement');
    expect(seen.events.at(-1)!.data.items!.map((i) => i.name)).toEqual(['Bản vẽ mặt bằng công trình', 'Giấy tờ hợp pháp về đất đai']);
    const f1 = await upload(tokens.congdan, pdf('ban-ve'), 'ban-ve.pdf');
    const f2 = await upload(tokens.congdan, pdf('dat-dai'), 'dat-dai.pdf');
    const stranger = await post(`/api/v1/dossiers/${d.id}/actions`, tokens.congdan2, { action: 'submit_supplement', expectedVersion: d.version, files: [f1] });
    expect(stranger.statusCode).toBe(404);
    d = await act(d, 'congdan', 'submit_supplement', { files: [{ ...f1, name: 'Bản vẽ mặt bằng công trình: ban-ve.pdf' }, f2] });
    expect(d.status).toBe(1);
    expect((await get(`/api/v1/dossiers/${d.id}/files/${f1.sha256}`, tokens.congdan)).statusCode).toBe(200);
  });
});

describe('ratings', () => {
  it('the owner rates once when the result is returned; others cannot; everyone who sees the dossier sees the rating', async () => {
    let d: Dossier = await fileOnline('congdan');
    const early = await post(`/api/v1/dossiers/${d.id}/rating`, tokens.congdan, { level: 'very_satisfied' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('RATING_NOT_OPEN');
    d = await runToEnd(d);
    expect(d.status).toBe(10);

    const officer = await post(`/api/v1/dossiers/${d.id}/rating`, tokens['tiepnhan.tinh'], { level: 'very_satisfied' });
    expect(officer.statusCode).toBe(403);
    expect((await post(`/api/v1/dossiers/${d.id}/rating`, tokens.congdan2, { level: 'very_satisfied' })).statusCode).toBe(404);
    const bad = await post(`/api/v1/dossiers/${d.id}/rating`, tokens.congdan, { level: 'tuyet-voi' });
    expect(bad.statusCode).toBe(400);

    const res = await post(`/api/v1/dossiers/${d.id}/rating`, tokens.congdan, { level: 'very_satisfied', comment: '  Cán bộ hướng dẫn tận tình. ' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ level: 'very_satisfied', levelName: 'Rất hài lòng', comment: 'Cán bộ hướng dẫn tận tình.', via: 'account' });
    const twice = await post(`/api/v1/dossiers/${d.id}/rating`, tokens.congdan, { level: 'not_satisfied' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('ALREADY_RATED');

    for (const u of ['congdan', 'tiepnhan.tinh']) {
      const seen = (await get(`/api/v1/dossiers/${d.id}`, tokens[u])).json() as Dossier;
      expect(seen.rating).toMatchObject({ level: 'very_satisfied', via: 'account' });
    }
  });

  it('a dossier with its result not yet returned (status 9) may be rated too', async () => {
    const d = await runToEnd(await fileOnline('congdan'), 'done');
    expect(d.status).toBe(9);
    const res = await post(`/api/v1/dossiers/${d.id}/rating`, tokens.congdan, { level: 'satisfied' });
    expect(res.statusCode).toBe(201);
  });

  it('from the QR code: code and last four digits, the same rules, and a wrong verifier is a plain 404', async () => {
    const intake = await post('/api/v1/dossiers', tokens['tiepnhan.tinh'], { procedureCode: PROC, channel: 'counter', applicant, components: [{ name: 'Đơn đề nghị' }] });
    let d = intake.json() as Dossier;
    const ip = { 'x-forwarded-for': freshIp() };
    const open = await post(`/api/v1/public/dossiers/${d.code}/rating?verify=4321`, null, { level: 'satisfied' }, ip);
    expect(open.statusCode).toBe(409);
    expect(open.json().error.code).toBe('RATING_NOT_OPEN');
    d = await runToEnd(d);

    const wrong = await post(`/api/v1/public/dossiers/${d.code}/rating?verify=0000`, null, { level: 'satisfied' }, ip);
    const unknown = await post(`/api/v1/public/dossiers/000.00.01.H56-260302-9999/rating?verify=4321`, null, { level: 'satisfied' }, ip);
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toBe(unknown.body);

    const before = await get(`/api/v1/public/dossiers/${d.code}/rating?verify=2876`, null, ip);
    expect(before.json()).toEqual({ rating: null });
    const res = await post(`/api/v1/public/dossiers/${d.code}/rating?verify=2876`, null, { level: 'not_satisfied', comment: 'Phải chờ lâu' }, ip);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ level: 'not_satisfied', via: 'qr' });
    const after = await get(`/api/v1/public/dossiers/${d.code}/rating?verify=4321`, null, ip);
    expect(after.json().rating).toMatchObject({ level: 'not_satisfied', levelName: 'Không hài lòng' });
    expect(after.json().rating.comment).toBeUndefined();
    const twice = await post(`/api/v1/public/dossiers/${d.code}/rating?verify=4321`, null, { level: 'satisfied' }, ip);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('ALREADY_RATED');
    // The officers see it with the dossier.
    expect(((await get(`/api/v1/dossiers/${d.id}`, tokens['tiepnhan.tinh'])).json() as Dossier).rating).toMatchObject({ via: 'qr' });
  });
});

describe('public lookup by code', () => {
  let code: string;
  beforeAll(async () => {
    const res = await post('/api/v1/dossiers', tokens['tiepnhan.tinh'], {
      procedureCode: PROC,
      channel: 'counter',
      applicant,
      authorised: { fullName: 'Phạm Quốc Khánh', idNumber: '038088001122', phone: '0988 776 655', address: 'Số 3 đường Trần Phú' },
      components: [{ name: 'Đơn đề nghị' }],
      note: `Bà ${applicant.fullName} hẹn nhận kết quả qua bưu điện`,
    });
    let d = res.json() as Dossier;
    code = d.code!;
    d = await act(d, 'tiepnhan.tinh', 'forward');
    d = await act(d, 'truongphong.xaydung', 'assign', { assigneeId: 'chuyenvien.xaydung' });
    d = await act(d, 'chuyenvien.xaydung', 'request_supplement', { items: [{ name: 'Bản vẽ', reason: `Bản vẽ của ông Khánh thiếu số CCCD ${applicant.idNumber}` }] });
  });

  it('shows status, dates, the current agency and the history, by the last 4 digits of the identity number or the phone', async () => {
    const ip = { 'x-forwarded-for': freshIp() };
    const res = await get(`/api/v1/public/dossiers/${code}?verify=4321`, null, ip);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(
      ['code', 'currentAgency', 'dueAt', 'finishedAt', 'history', 'procedureName', 'receivedAt', 'rescheduledDueAt', 'status', 'statusName'].sort(),
    );
    expect(body).toMatchObject({
      code,
      status: 5,
      statusName: 'Yêu cầu bổ sung giấy tờ',
      procedureName: 'Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV',
      currentAgency: { name: 'Phòng Quản lý hoạt động xây dựng' },
      finishedAt: null,
    });
    expect(body.dueAt).toMatch(/^2026-/);
    expect(body.history.map((h: { action: string }) => h.action)).toEqual(['create', 'forward', 'assign', 'request_supplement']);
    expect(Object.keys(body.history[0]).sort()).toEqual(['action', 'actionName', 'agencyName', 'at', 'status']);
    expect(body.history[3]).toMatchObject({ actionName: 'Yêu cầu bổ sung, hoàn thiện hồ sơ', status: 5 });
    // By phone, and with a lower-case code as typed on a phone.
    const byPhone = await get(`/api/v1/public/dossiers/${code.toLowerCase()}?verify=2876`, null, ip);
    expect(byPhone.statusCode).toBe(200);
    expect(byPhone.body).toBe(res.body);
  });

  it('never contains personal data: names, numbers, addresses, notes, reasons, officers', async () => {
    const res = await get(`/api/v1/public/dossiers/${code}?verify=4321`, null, { 'x-forwarded-for': freshIp() });
    const text = res.body;
    for (const secret of [
      applicant.fullName, 'Hoàng', applicant.idNumber, '038195004321', '0903112876', '0903 112 876', 'Lê Lai', 'Phạm Quốc Khánh', '038088001122', '0988776655',
      'bưu điện', 'thiếu số CCCD', 'Trần Minh Đức', 'Nguyễn', 'tiepnhan',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('a wrong verifier answers exactly like a wrong code; a malformed verifier is a 400', async () => {
    const ip = { 'x-forwarded-for': freshIp() };
    const wrongVerifier = await get(`/api/v1/public/dossiers/${code}?verify=1234`, null, ip);
    const wrongCode = await get(`/api/v1/public/dossiers/000.00.01.H56-991231-0001?verify=4321`, null, ip);
    expect(wrongVerifier.statusCode).toBe(404);
    expect(wrongCode.statusCode).toBe(404);
    expect(wrongVerifier.body).toBe(wrongCode.body);
    expect(wrongVerifier.json().error.code).toBe('NOT_FOUND');
    // The internal id is not a code.
    const [{ id }] = (await get('/api/v1/dossiers?pageSize=1', tokens['tiepnhan.tinh'])).json().items;
    expect((await get(`/api/v1/public/dossiers/${id}?verify=4321`, null, ip)).body).toBe(wrongCode.body);
    const malformed = await get(`/api/v1/public/dossiers/${code}?verify=12a4`, null, ip);
    expect(malformed.statusCode).toBe(400);
    expect((await get(`/api/v1/public/dossiers/${code}`, null, ip)).statusCode).toBe(400);
  });

  it('after 10 failed lookups in 10 minutes an address gets 429, even with the right verifier; others are not affected', async () => {
    const ip = { 'x-forwarded-for': freshIp() };
    for (let i = 0; i < 10; i++) expect((await get(`/api/v1/public/dossiers/${code}?verify=${String(1000 + i)}`, null, ip)).statusCode).toBe(404);
    const blocked = await get(`/api/v1/public/dossiers/${code}?verify=4321`, null, ip);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(blocked.json().error.message).toMatch(/phút/);
    // The QR rating shares the limit.
    expect((await post(`/api/v1/public/dossiers/${code}/rating?verify=4321`, null, { level: 'satisfied' }, ip)).statusCode).toBe(429);
    expect((await get(`/api/v1/public/dossiers/${code}?verify=4321`, null, { 'x-forwarded-for': freshIp() })).statusCode).toBe(200);
    env.advance(10 * 60_000 + 1000);
    expect((await get(`/api/v1/public/dossiers/${code}?verify=4321`, null, ip)).statusCode).toBe(200);
  });
});
