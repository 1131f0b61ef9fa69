import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testEnv, type TestEnv } from '../../testing/harness.ts';
import { createUser } from '../users/service.ts';
import { verifyEventChains } from './verify.ts';

let env: TestEnv;
const tokens: Record<string, string> = {};
const HOUR = 3_600_000;

beforeAll(async () => {
  env = await testEnv({ catalogue: true });
  await createUser(env.ctx, null, { username: 'congdan2', password: 'Demo@2026', fullName: 'Trần Văn Bình', grants: [{ role: 'citizen' }] }, null);
  for (const u of ['tiepnhan.tinh', 'tiepnhan.hacthanh', 'chuyenvien.xaydung', 'truongphong.xaydung', 'lanhdao.xaydung', 'vanthu.xaydung', 'congdan', 'congdan2', 'lanhdao.hacthanh', 'giamsat.hdnd']) {
    tokens[u] = await env.login(u);
  }
});
/** Moves the clock and logs everyone in again (sessions last 12 hours). */
async function travel(to: Date | number) {
  env.setNow(typeof to === 'number' ? new Date(env.ctx.now().getTime() + to) : to);
  for (const u of Object.keys(tokens)) tokens[u] = await env.login(u);
}
const MONDAY = new Date('2026-03-02T02:00:00Z');

afterAll(async () => {
  await env?.close();
});

type Dossier = {
  id: string;
  code: string | null;
  status: number;
  dueAt: string | null;
  version: number;
  currentStep: { id: string } | null;
  supplementCount: number;
  timeliness: string | null;
  allowedActions: string[];
  events?: { seq: number; action: string; hash: string; data: Record<string, unknown> }[];
};

const applicant = { fullName: 'Lê Thị Hồng', idNumber: '038190001234', phone: '0912 345 678', address: 'Phường Hạc Thành, tỉnh Thanh Hóa' };
/** Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV: province level, 20 working days, Sở Xây dựng. */
const PROVINCE_PROC = '1.902002';
/** Cấp giấy phép xây dựng nhà ở riêng lẻ: commune level, 15 working days. */
const COMMUNE_PROC = '1.902001';

async function post(url: string, user: string, payload: object, headers: Record<string, string> = {}) {
  return env.app.inject({ method: 'POST', url, headers: { ...bearer(tokens[user]), ...headers }, payload });
}
async function get(url: string, user: string) {
  return env.app.inject({ method: 'GET', url, headers: bearer(tokens[user]) });
}
async function intake(user = 'tiepnhan.tinh', procedureCode = PROVINCE_PROC, extra: object = {}): Promise<Dossier> {
  const res = await post('/api/v1/dossiers', user, { procedureCode, channel: 'counter', applicant, components: [{ name: 'Đơn đề nghị' }], ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function act(d: Dossier, user: string, action: string, body: object = {}): Promise<Dossier> {
  const res = await post(`/api/v1/dossiers/${d.id}/actions`, user, { action, expectedVersion: d.version, ...body });
  expect(res.statusCode, `${action} by ${user}: ${res.body}`).toBe(200);
  return res.json();
}

describe('counter intake', () => {
  it('accepts at once with a code of the receiving unit and the day, and a due date in working days', async () => {
    const d = await intake();
    expect(d.status).toBe(2);
    expect(d.code).toBe('000.00.01.H56-260302-0001');
    // Received Monday 02/03/2026 09:00; 20 working days of 8 hours → Monday 30/03/2026 09:00 (UTC+7).
    expect(d.dueAt).toBe('2026-03-30T02:00:00.000Z');
    expect(d.version).toBe(1);
    const second = await intake();
    expect(second.code).toBe('000.00.01.H56-260302-0002');
  });

  it('never duplicates nor skips a number when many officers accept at once', async () => {
    const many = await Promise.all(Array.from({ length: 12 }, () => intake()));
    const seqs = many.map((d) => Number(d.code!.slice(-4))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 3));
  });

  it('starts the clock at the next working period outside office hours, and a new day restarts the sequence', async () => {
    await travel(new Date('2026-03-06T11:00:00Z')); // Friday 18:00 in Vietnam
    const d = await intake();
    expect(d.code).toBe('000.00.01.H56-260306-0001');
    // Counts from Monday 09/03 07:00: 20 working days of 8 hours run out on Friday 03/04 at 17:00.
    expect(d.dueAt).toBe('2026-04-03T10:00:00.000Z');
    await travel(MONDAY);
  });

  it('refuses bad input with the fields named, and loses nothing', async () => {
    const before = await env.ctx.db.execute(sql`SELECT count(*)::int AS n FROM dossiers`);
    const res = await post('/api/v1/dossiers', 'tiepnhan.tinh', { procedureCode: PROVINCE_PROC, channel: 'counter', applicant: { ...applicant, phone: 'abc' }, components: [] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_ERROR');
    expect(JSON.stringify(res.json().error.details)).toContain('applicant.phone');
    const unknown = await post('/api/v1/dossiers', 'tiepnhan.tinh', { procedureCode: '9.999999', channel: 'counter', applicant, components: [] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/thủ tục/);
    const after = await env.ctx.db.execute(sql`SELECT count(*)::int AS n FROM dossiers`);
    expect((after as unknown as { rows: { n: number }[] }).rows[0].n).toBe((before as unknown as { rows: { n: number }[] }).rows[0].n);
  });

  it('only reception officers take dossiers at the counter', async () => {
    const res = await post('/api/v1/dossiers', 'congdan', { procedureCode: PROVINCE_PROC, channel: 'counter', applicant, components: [] });
    expect(res.statusCode).toBe(403);
    const spec = await post('/api/v1/dossiers', 'chuyenvien.xaydung', { procedureCode: PROVINCE_PROC, channel: 'counter', applicant, components: [] });
    expect(spec.statusCode).toBe(403);
  });
});

describe('the whole lifecycle through the internal workflow', () => {
  it('reception → specialist → head → leader → clerk → returned, with every hand-off recorded', async () => {
    let d = await intake();
    expect(d.currentStep?.id).toBe('tiep-nhan');
    expect(d.allowedActions).toContain('forward');
    d = await act(d, 'tiepnhan.tinh', 'forward');
    expect(d.status).toBe(4);
    expect(d.currentStep?.id).toBe('tham-dinh');
    await travel(2 * HOUR);
    // The head assigns to the specialist; another officer's attempt to act out of turn is refused.
    const early = await post(`/api/v1/dossiers/${d.id}/actions`, 'vanthu.xaydung', { action: 'forward', expectedVersion: d.version });
    expect(early.statusCode).toBe(403);
    const officers = await get(`/api/v1/dossiers/${d.id}/officers`, 'truongphong.xaydung');
    expect(officers.json().items.map((u: { fullName: string }) => u.fullName)).toContain('Trần Minh Đức');
    d = await act(d, 'truongphong.xaydung', 'assign', { assigneeId: 'chuyenvien.xaydung' });
    const mine = await get('/api/v1/dossiers?queue=mine', 'chuyenvien.xaydung');
    expect(mine.json().items.map((x: Dossier) => x.id)).toContain(d.id);
    d = await act(d, 'chuyenvien.xaydung', 'forward');
    expect(d.currentStep?.id).toBe('xem-xet');
    d = await act(d, 'truongphong.xaydung', 'send_back', { reason: 'Bổ sung ý kiến thẩm định về chỉ giới xây dựng' });
    expect(d.currentStep?.id).toBe('tham-dinh');
    d = await act(d, 'chuyenvien.xaydung', 'forward');
    d = await act(d, 'truongphong.xaydung', 'forward');
    expect(d.currentStep?.id).toBe('phe-duyet');
    d = await act(d, 'lanhdao.xaydung', 'forward');
    expect(d.currentStep?.id).toBe('tra-ket-qua');
    // Complete only at the end step.
    await travel(24 * HOUR);
    d = await act(d, 'vanthu.xaydung', 'complete', { result: { number: '125/GPXD', signer: 'Đỗ Quang Vinh', signedOn: '2026-03-03' } });
    expect(d.status).toBe(9);
    expect(d.timeliness).toBe('early');
    const wrong = await post(`/api/v1/dossiers/${d.id}/actions`, 'tiepnhan.tinh', { action: 'complete', expectedVersion: d.version, result: {} });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('INVALID_TRANSITION');
    d = await act(d, 'tiepnhan.tinh', 'return', { method: 'counter', receivedBy: 'Lê Thị Hồng' });
    expect(d.status).toBe(10);

    const full = (await get(`/api/v1/dossiers/${d.id}`, 'tiepnhan.tinh')).json() as Dossier;
    expect(full.events!.map((e) => e.action)).toEqual([
      'create', 'forward', 'assign', 'forward', 'send_back', 'forward', 'forward', 'forward', 'complete', 'return',
    ]);
    const handoff = full.events!.find((e) => e.action === 'forward' && e.data.stepOutcome)!;
    expect(handoff.data.stepOutcome).toMatchObject({ step: 'tiep-nhan', outcome: expect.stringMatching(/early|on_time|late/) });
    await travel(MONDAY);
  });

  it('work queues put the most urgent first; "all" puts the newest first', async () => {
    const all = (await get('/api/v1/dossiers?queue=all&pageSize=50', 'tiepnhan.tinh')).json() as { items: { submittedAt: string }[] };
    const submitted = all.items.map((x) => x.submittedAt);
    expect(submitted).toEqual([...submitted].sort().reverse());
    const mine = (await get('/api/v1/dossiers?queue=overdue&pageSize=50', 'tiepnhan.tinh')).json() as { items: { dueAt: string }[] };
    const due = mine.items.map((x) => x.dueAt);
    expect(due).toEqual([...due].sort());
  });

  it('an action not allowed in the status is 409 INVALID_TRANSITION', async () => {
    const d = await intake();
    const res = await post(`/api/v1/dossiers/${d.id}/actions`, 'tiepnhan.tinh', { action: 'return', expectedVersion: d.version, method: 'counter' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('INVALID_TRANSITION');
  });
});

describe('two officers at once, retries and the event log', () => {
  it('a stale version is 409 CONFLICT; of two simultaneous actions one wins', async () => {
    const d = await intake();
    const [a, b] = await Promise.all([
      post(`/api/v1/dossiers/${d.id}/actions`, 'tiepnhan.tinh', { action: 'forward', expectedVersion: d.version }),
      post(`/api/v1/dossiers/${d.id}/actions`, 'tiepnhan.tinh', { action: 'stop', expectedVersion: d.version, reason: 'Công dân đề nghị dừng' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().error.code).toBe('CONFLICT');
    const now = (await get(`/api/v1/dossiers/${d.id}`, 'tiepnhan.tinh')).json() as Dossier;
    expect(now.version).toBe(2);
    expect(now.events).toHaveLength(2);
  });

  it('Idempotency-Key: a retried creation or action returns the first answer and changes nothing', async () => {
    const body = { procedureCode: PROVINCE_PROC, channel: 'counter', applicant, components: [] };
    const r1 = await post('/api/v1/dossiers', 'tiepnhan.tinh', body, { 'idempotency-key': 'k-create-1' });
    const r2 = await post('/api/v1/dossiers', 'tiepnhan.tinh', body, { 'idempotency-key': 'k-create-1' });
    expect(r1.statusCode).toBe(201);
    expect(r2.statusCode).toBe(201);
    expect(r2.json().id).toBe(r1.json().id);
    expect(r2.json().code).toBe(r1.json().code);
    const d = r1.json() as Dossier;
    const a1 = await post(`/api/v1/dossiers/${d.id}/actions`, 'tiepnhan.tinh', { action: 'forward', expectedVersion: 1 }, { 'idempotency-key': 'k-fwd-1' });
    const a2 = await post(`/api/v1/dossiers/${d.id}/actions`, 'tiepnhan.tinh', { action: 'forward', expectedVersion: 1 }, { 'idempotency-key': 'k-fwd-1' });
    expect(a1.statusCode).toBe(200);
    expect(a2.statusCode).toBe(200);
    expect(a2.json().version).toBe(2);
    const reuse = await post('/api/v1/dossiers', 'tiepnhan.tinh', { ...body, note: 'khác' }, { 'idempotency-key': 'k-create-1' });
    expect(reuse.statusCode).toBe(422);
    expect(reuse.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('the database refuses to change or delete an event; the chain verifies and a tampered event is found', async () => {
    await expect(env.ctx.db.execute(sql`UPDATE dossier_events SET action = 'x'`)).rejects.toThrow();
    await expect(env.ctx.db.execute(sql`DELETE FROM dossier_events`)).rejects.toThrow();
    const ok = await verifyEventChains(env.ctx);
    expect(ok.breaks).toEqual([]);
    expect(ok.events).toBeGreaterThan(20);
    // Someone with the power to bypass the trigger edits an event: verify reports it.
    await env.ctx.database.exec(`ALTER TABLE dossier_events DISABLE TRIGGER dossier_events_no_update;
      UPDATE dossier_events SET data = '{"note":"sửa lén"}' WHERE seq = 1 AND id = (SELECT min(id) FROM dossier_events);
      ALTER TABLE dossier_events ENABLE TRIGGER dossier_events_no_update;`);
    const bad = await verifyEventChains(env.ctx);
    expect(bad.breaks.length).toBeGreaterThan(0);
    expect(bad.breaks[0].problem).toMatch(/thay đổi/);
  });
});

describe('waiting on the citizen, lateness and the apology', () => {
  it('a supplement request pauses the clock and the supplement resumes it, counting requests', async () => {
    let d = await intake();
    const due = Date.parse(d.dueAt!);
    d = await act(d, 'tiepnhan.tinh', 'forward');
    d = await act(d, 'chuyenvien.xaydung', 'request_supplement', { items: [{ name: 'Bản vẽ thiết kế', reason: 'Thiếu bản vẽ mặt bằng' }] });
    expect(d.status).toBe(5);
    expect(d.supplementCount).toBe(1);
    await travel(48 * HOUR); // Monday 09:00 → Wednesday 09:00: two working days waiting
    d = await act(d, 'tiepnhan.tinh', 'submit_supplement', {});
    expect(d.status).toBe(4);
    expect(Date.parse(d.dueAt!) - due).toBe(48 * HOUR); // 30/03 09:00 → 01/04 09:00
    const queued = await get('/api/v1/dossiers/queues', 'tiepnhan.tinh');
    expect(queued.json().all).toBeGreaterThan(0);
    await travel(MONDAY);
  });

  it('overdue dossiers are listed; the apology with a new date is allowed once', async () => {
    let d = await intake('tiepnhan.tinh', PROVINCE_PROC);
    await travel(new Date('2026-04-01T02:00:00Z'));
    const overdue = await get('/api/v1/dossiers?queue=overdue', 'truongphong.xaydung');
    expect(overdue.json().items.map((x: Dossier) => x.id)).toContain(d.id);
    d = await act(d, 'truongphong.xaydung', 'reschedule', { newDueAt: '2026-04-10T16:00:00+07:00', reason: 'Cần xác minh thực địa' });
    const again = await post(`/api/v1/dossiers/${d.id}/actions`, 'truongphong.xaydung', { action: 'reschedule', expectedVersion: d.version, newDueAt: '2026-04-20T16:00:00+07:00', reason: 'Lần nữa' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_RESCHEDULED');
    await travel(MONDAY);
  });
});

describe('citizens online and scopes', () => {
  it('a citizen files online (status 1); the one-stop unit asks to complete, then accepts', async () => {
    const res = await post('/api/v1/dossiers', 'congdan', { procedureCode: PROVINCE_PROC, channel: 'online', applicant, components: [{ name: 'Đơn đề nghị' }] });
    expect(res.statusCode).toBe(201);
    let d = res.json() as Dossier;
    expect(d.status).toBe(1);
    expect(d.code).toBeNull();
    const queue = await get('/api/v1/dossiers?queue=to_receive', 'tiepnhan.tinh');
    expect(queue.json().items.map((x: Dossier) => x.id)).toContain(d.id);
    d = await act(d, 'tiepnhan.tinh', 'request_supplement', { items: [{ name: 'Giấy tờ về quyền sử dụng đất' }] });
    expect(d.status).toBe(5);
    expect(d.supplementCount).toBe(0);
    d = await act(d, 'congdan', 'submit_supplement', {});
    expect(d.status).toBe(1);
    d = await act(d, 'tiepnhan.tinh', 'accept');
    expect(d.status).toBe(2);
    expect(d.code).toMatch(/^000\.00\.01\.H56-260302-\d{4}$/);
    // Only the owner among citizens sees it.
    expect((await get(`/api/v1/dossiers/${d.id}`, 'congdan')).statusCode).toBe(200);
    expect((await get(`/api/v1/dossiers/${d.id}`, 'congdan2')).statusCode).toBe(404);
    const mine = await get('/api/v1/dossiers', 'congdan2');
    expect(mine.json().items.map((x: Dossier) => x.id)).not.toContain(d.id);
    const stranger = await post(`/api/v1/dossiers/${d.id}/actions`, 'congdan2', { action: 'withdraw', expectedVersion: d.version });
    expect(stranger.statusCode).toBe(404);
  });

  it('an officer sees and acts only within their agencies', async () => {
    const d = await intake();
    expect((await get(`/api/v1/dossiers/${d.id}`, 'tiepnhan.hacthanh')).statusCode).toBe(404);
    const list = await get('/api/v1/dossiers', 'tiepnhan.hacthanh');
    expect(list.json().items.map((x: Dossier) => x.id)).not.toContain(d.id);
    // A commune dossier goes to the commune's people's committee, received at its centre.
    const c = await intake('tiepnhan.hacthanh', COMMUNE_PROC);
    expect(c.code).toMatch(/^000\.01\.60\.H56-260302-0001$/);
    expect((await get(`/api/v1/dossiers/${c.id}`, 'tiepnhan.tinh')).statusCode).toBe(404);
    expect((await post(`/api/v1/dossiers/${c.id}/actions`, 'lanhdao.xaydung', { action: 'stop', expectedVersion: 1, reason: 'Thử dừng hồ sơ' })).statusCode).toBe(404);
    // The provincial supervisor reads everything but acts on nothing.
    expect((await get(`/api/v1/dossiers/${c.id}`, 'giamsat.hdnd')).statusCode).toBe(200);
    expect((await post(`/api/v1/dossiers/${c.id}/actions`, 'giamsat.hdnd', { action: 'stop', expectedVersion: 1, reason: 'Thử dừng hồ sơ' })).statusCode).toBe(403);
  });
});

describe('files', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  it('stores uploads by content hash, checks the type by content, and serves them only to those who see the dossier', async () => {
    const up = await env.app.inject({ method: 'POST', url: '/api/v1/files?name=don-de-nghi.pdf', headers: { ...bearer(tokens.congdan), 'content-type': 'application/pdf' }, payload: pdf });
    expect(up.statusCode, up.body).toBe(201);
    const { sha256 } = up.json() as { sha256: string };
    const fake = await env.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...bearer(tokens.congdan), 'content-type': 'application/pdf' }, payload: Buffer.from('not a pdf at all') });
    expect(fake.statusCode).toBe(415);
    // Someone else cannot attach a file they did not upload.
    const steal = await post('/api/v1/dossiers', 'congdan2', { procedureCode: PROVINCE_PROC, channel: 'online', applicant, components: [{ name: 'Đơn', files: [{ sha256 }] }] });
    expect(steal.statusCode).toBe(400);
    const res = await post('/api/v1/dossiers', 'congdan', { procedureCode: PROVINCE_PROC, channel: 'online', applicant, components: [{ name: 'Đơn đề nghị', files: [{ sha256 }] }] });
    expect(res.statusCode).toBe(201);
    const d = res.json() as Dossier;
    const own = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/files/${sha256}`, headers: bearer(tokens.congdan) });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(own.rawPayload).equals(pdf)).toBe(true);
    const officer = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/files/${sha256}`, headers: bearer(tokens['tiepnhan.tinh']) });
    expect(officer.statusCode).toBe(200);
    const other = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/files/${sha256}`, headers: bearer(tokens.congdan2) });
    expect(other.statusCode).toBe(404);
  });
});
