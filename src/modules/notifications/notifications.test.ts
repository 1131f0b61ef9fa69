import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { loadDemoDossiers } from '../../demo/dossiers.ts';
import { JOBS } from '../../jobs/worker.ts';
import { bearer, testEnv, type TestEnv } from '../../testing/harness.ts';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../testing/smtp.ts';
import { loadConfig } from '../../config.ts';
import { BACKOFF_MS, deliverOutbox, LEASE_MS, NO_SMTP_MESSAGE } from './deliver.ts';
import { createUser } from '../users/service.ts';
import { claimNext } from './repo.ts';

/**
 * Notifications end to end: actions taken through the HTTP API queue e-mails
 * and text messages in the same transaction; the delivery job sends the
 * e-mails to a real SMTP server running in another process and the text
 * messages to an HTTP gateway, and retries what fails.
 */

let env: TestEnv;
let sink: SmtpSink;
let gateway: Server;
const sms: { to: string; text: string; auth: string | null }[] = [];
const tokens: Record<string, string> = {};
const PUBLIC_URL = 'https://dichvucong.thanhhoa.gov.vn';
const MONDAY = new Date('2026-03-02T02:00:00Z'); // 09:00 in Vietnam
/** Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV: province level, 20 working days, Sở Xây dựng. */
const PROC = '1.902002';
let smtpUrl = '';

type Dossier = { id: string; code: string | null; status: number; version: number; dueAt: string | null };
type Row = { id: number; channel: string; recipient: string; status: string; attempts: number; last_error: string | null; template: string; subject: string | null; body: string };

beforeAll(async () => {
  env = await testEnv({ catalogue: true });
  sink = await startSmtpSink({ auth: 'motcua:bi-mat' });
  smtpUrl = `smtp://motcua:bi-mat@127.0.0.1:${sink.port}`;
  gateway = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const msg = JSON.parse(body) as { to: string; text: string };
      sms.push({ ...msg, auth: req.headers.authorization ?? null });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  Object.assign(env.ctx.config, {
    smtpUrl,
    mailFrom: '"Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa" <motcua@thanhhoa.gov.vn>',
    publicUrl: PUBLIC_URL,
    smsDriver: 'http',
    smsHttpUrl: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`,
    smsHttpToken: 'khoa-cong-tin-nhan',
    smsUnicode: false,
  });
  await loginAll();
});

afterAll(async () => {
  await sink?.stop();
  await new Promise((r) => gateway?.close(r));
  await env?.close();
});

async function loginAll() {
  for (const u of ['tiepnhan.tinh', 'tiepnhan.hacthanh', 'chuyenvien.xaydung', 'truongphong.xaydung', 'lanhdao.xaydung', 'vanthu.xaydung', 'congdan', 'admin']) {
    tokens[u] = await env.login(u);
  }
}

async function post(url: string, user: string, payload: object, headers: Record<string, string> = {}) {
  return env.app.inject({ method: 'POST', url, headers: { ...bearer(tokens[user]), ...headers }, payload });
}
async function get(url: string, user: string) {
  return env.app.inject({ method: 'GET', url, headers: bearer(tokens[user]) });
}
const applicant = (email: string | null, phone = '0912 345 678') => ({
  fullName: 'Lê Thị Hồng',
  idNumber: '038190001234',
  phone,
  ...(email ? { email } : {}),
  address: 'Phường Hạc Thành, tỉnh Thanh Hóa',
});
async function intake(email: string | null, headers: Record<string, string> = {}): Promise<Dossier> {
  const res = await post('/api/v1/dossiers', 'tiepnhan.tinh', { procedureCode: PROC, channel: 'counter', applicant: applicant(email), components: [{ name: 'Đơn đề nghị' }] }, headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function act(d: Dossier, user: string, action: string, body: object = {}, headers: Record<string, string> = {}): Promise<Dossier> {
  const res = await post(`/api/v1/dossiers/${d.id}/actions`, user, { action, expectedVersion: d.version, ...body }, headers);
  expect(res.statusCode, `${action} by ${user}: ${res.body}`).toBe(200);
  return res.json();
}
async function outboxOf(dossierId: string): Promise<Row[]> {
  return rows<Row>(env.ctx.db, sql`SELECT id, channel, recipient, status, attempts, last_error, template, subject, body FROM outbox WHERE dossier_id = ${dossierId} ORDER BY id`);
}
async function countOutbox(): Promise<number> {
  const [{ n }] = await rows<{ n: number }>(env.ctx.db, sql`SELECT count(*)::int AS n FROM outbox`);
  return Number(n);
}
/** Runs the delivery job, then waits until the SMTP server has received `expect` more messages; returns those. */
async function deliver(expectMails: number): Promise<ReceivedMail[]> {
  const before = sink.received.length;
  await deliverOutbox(env.ctx);
  const all = await sink.waitFor(before + expectMails);
  return all.slice(before);
}
const mailsTo = (to: string) => sink.received.filter((m) => m.to.includes(to));

describe('e-mails over SMTP and text messages to the citizen', () => {
  it('counter intake: the receipt with the code, the due date and the lookup link, by e-mail and SMS', async () => {
    env.setNow(MONDAY);
    const job = JOBS.find((j) => j.name === 'deliver-notifications');
    expect(job).toBeDefined();
    const d = await intake('le.hong@example.vn');
    expect(d.code).toMatch(/^000\.00\.01\.H56-260302-\d{4}$/);
    const queued = await outboxOf(d.id);
    expect(queued.map((r) => [r.channel, r.recipient, r.status])).toEqual([
      ['email', 'le.hong@example.vn', 'pending'],
      ['sms', '0912345678', 'pending'],
    ]);
    const smsBefore = sms.length;
    await job!.run(env.ctx, { stopped: false });
    await sink.waitFor(1);
    const [mail] = mailsTo('le.hong@example.vn');
    expect(mail.to).toEqual(['le.hong@example.vn']);
    expect(mail.user).toBe('motcua');
    expect(mail.from).toBe('motcua@thanhhoa.gov.vn');
    expect(mail.headerFrom).toContain('Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa');
    expect(mail.subject).toBe(`Hồ sơ ${d.code} đã được tiếp nhận`);
    expect(mail.text).toContain('Kính gửi Ông/Bà Lê Thị Hồng,');
    expect(mail.text).toContain(`Mã hồ sơ: ${d.code}`);
    expect(mail.text).toContain('Thủ tục: Cấp giấy phép xây dựng');
    expect(mail.text).toContain('Ngày tiếp nhận: 02/03/2026 09:00');
    // 20 working days from Monday 02/03/2026 09:00.
    expect(mail.text).toContain('Ngày hẹn trả kết quả: 30/03/2026 09:00');
    expect(mail.text).toContain(`${PUBLIC_URL}/tra-cuu-ho-so?ma=${d.code}`);
    expect(mail.html).toContain(`href="${PUBLIC_URL}/tra-cuu-ho-so?ma=${d.code}"`);
    expect(mail.html).toContain('Tiếp nhận hồ sơ và hẹn trả kết quả');
    // The SMS gateway got a short accent-free message, with its token.
    const text = sms.slice(smsBefore).find((m) => m.text.includes(d.code!))!;
    expect(text).toEqual({
      to: '0912345678',
      auth: 'Bearer khoa-cong-tin-nhan',
      text: `Ho so ${d.code} da duoc tiep nhan. Hen tra ket qua: 30/03/2026 09:00. Tra cuu: ${PUBLIC_URL}/tra-cuu-ho-so?ma=${d.code}`,
    });
    expect((await outboxOf(d.id)).map((r) => [r.status, r.attempts])).toEqual([['sent', 1], ['sent', 1]]);
    // Nothing is sent twice.
    const again = await deliverOutbox(env.ctx);
    expect(again.sent).toBe(0);
    expect(mailsTo('le.hong@example.vn')).toHaveLength(1);
  });

  it('a supplement request names exactly what is missing and why', async () => {
    let d = await intake('bo.sung@example.vn');
    d = await act(d, 'tiepnhan.tinh', 'forward');
    await deliver(1);
    const items = [
      { name: 'Bản vẽ thiết kế mặt bằng công trình', reason: 'Thiếu bản vẽ tỷ lệ 1/100 có chữ ký của đơn vị thiết kế' },
      { name: 'Giấy chứng nhận quyền sử dụng đất', reason: 'Bản sao chưa được chứng thực' },
    ];
    d = await act(d, 'chuyenvien.xaydung', 'request_supplement', { items });
    expect(d.status).toBe(5);
    const [mail] = await deliver(1);
    expect(mail.to).toEqual(['bo.sung@example.vn']);
    expect(mail.subject).toBe(`Hồ sơ ${d.code}: đề nghị bổ sung, hoàn thiện hồ sơ`);
    expect(mail.text).toContain(
      '1. Bản vẽ thiết kế mặt bằng công trình\n   Lý do: Thiếu bản vẽ tỷ lệ 1/100 có chữ ký của đơn vị thiết kế\n2. Giấy chứng nhận quyền sử dụng đất\n   Lý do: Bản sao chưa được chứng thực',
    );
    expect(mail.text).toContain('tạm dừng');
    expect(mail.html).toContain('<strong>Giấy chứng nhận quyền sử dụng đất</strong>');
    const texts = sms.filter((m) => m.text.includes(d.code!) && m.text.includes('bo sung'));
    expect(texts).toHaveLength(1);
    expect(texts[0].text).toContain('Ban ve thiet ke mat bang cong trinh; Giay chung nhan quyen su dung dat');
  });

  it('the apology gives the new return date and the reason', async () => {
    const d = await intake('xin.loi@example.vn');
    await deliver(1);
    await act(d, 'truongphong.xaydung', 'reschedule', { newDueAt: '2026-04-10T16:00:00+07:00', reason: 'Cần xác minh thực địa vị trí xây dựng' });
    const [mail] = await deliver(1);
    expect(mail.subject).toBe(`Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${d.code}`);
    expect(mail.text).toContain(`Sở Xây dựng tỉnh Thanh Hóa chân thành xin lỗi Ông/Bà vì hồ sơ ${d.code} chưa được giải quyết đúng thời hạn đã hẹn.`);
    expect(mail.text).toContain('Lý do: Cần xác minh thực địa vị trí xây dựng');
    expect(mail.text).toContain('Ngày hẹn trả trước đây: 30/03/2026 09:00');
    expect(mail.text).toContain('Ngày hẹn trả kết quả mới: 10/04/2026 16:00');
  });

  it('the result is ready: where and how to receive it', async () => {
    let d = await intake('ket.qua@example.vn');
    d = await act(d, 'tiepnhan.tinh', 'forward');
    d = await act(d, 'chuyenvien.xaydung', 'forward');
    d = await act(d, 'truongphong.xaydung', 'forward');
    d = await act(d, 'lanhdao.xaydung', 'forward');
    d = await act(d, 'vanthu.xaydung', 'complete', { result: { number: '125/GPXD', signer: 'Đỗ Quang Vinh', signedOn: '2026-03-02' } });
    expect(d.status).toBe(9);
    const mails = await deliver(2);
    const mail = mails.find((m) => m.subject?.includes('kết quả'))!;
    expect(mail.to).toEqual(['ket.qua@example.vn']);
    expect(mail.subject).toBe(`Hồ sơ ${d.code} đã có kết quả`);
    expect(mail.text).toContain('Số văn bản kết quả: 125/GPXD');
    expect(mail.text).toContain('Ngày ký: 02/03/2026');
    expect(mail.text).toContain('Mời Ông/Bà đến nhận kết quả tại Trung tâm Phục vụ hành chính công');
    expect(mail.text).toContain('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
    expect(mail.text).toContain('thẻ căn cước');
  });

  it('a stop and an online refusal are explained with their reasons; online, the account e-mail is used', async () => {
    const d = await intake('dung.xu.ly@example.vn');
    await act(d, 'tiepnhan.tinh', 'stop', { reason: 'Công dân đề nghị dừng để điều chỉnh thiết kế' });
    const mails = await deliver(2);
    const stop = mails.find((m) => m.to.includes('dung.xu.ly@example.vn') && m.subject?.includes('dừng'))!;
    expect(stop.subject).toBe(`Hồ sơ ${d.code}: dừng giải quyết`);
    expect(stop.text).toContain('Lý do: Công dân đề nghị dừng để điều chỉnh thiết kế');

    const res = await post('/api/v1/dossiers', 'congdan', { procedureCode: PROC, channel: 'online', applicant: applicant(null, '0987654321'), components: [{ name: 'Đơn đề nghị' }] });
    expect(res.statusCode, res.body).toBe(201);
    const online = res.json() as Dossier;
    expect(await outboxOf(online.id)).toEqual([]); // a submission is acknowledged on screen, not by mail
    await act(online, 'tiepnhan.tinh', 'refuse', { reason: 'Thủ tục này thuộc thẩm quyền của UBND cấp xã' });
    const [refusal] = await deliver(1);
    expect(refusal.to).toEqual(['congdan@example.vn']);
    expect(refusal.subject).toBe('Hồ sơ nộp trực tuyến ngày 02/03/2026 không được tiếp nhận');
    expect(refusal.text).toContain('Lý do: Thủ tục này thuộc thẩm quyền của UBND cấp xã');
  });

  it('without an e-mail address only the SMS is queued', async () => {
    const d = await intake(null);
    expect((await outboxOf(d.id)).map((r) => r.channel)).toEqual(['sms']);
    await deliverOutbox(env.ctx);
  });
});

describe('never twice, never lost', () => {
  it('a retried request (same Idempotency-Key) does not queue twice', async () => {
    const key = { 'idempotency-key': 'notif-create-1' };
    const a = await intake('mot.lan@example.vn', key);
    const b = await intake('mot.lan@example.vn', key);
    expect(b.id).toBe(a.id);
    expect((await outboxOf(a.id)).map((r) => r.template)).toEqual(['receipt', 'receipt']);
    const fwd = await act(a, 'tiepnhan.tinh', 'forward');
    const body = { items: [{ name: 'Bản vẽ thiết kế', reason: 'Thiếu' }] };
    await act(fwd, 'chuyenvien.xaydung', 'request_supplement', body, { 'idempotency-key': 'notif-sup-1' });
    await act(fwd, 'chuyenvien.xaydung', 'request_supplement', body, { 'idempotency-key': 'notif-sup-1' });
    expect((await outboxOf(a.id)).map((r) => r.template)).toEqual(['receipt', 'receipt', 'supplement', 'supplement']);
    await deliver(2);
    expect(mailsTo('mot.lan@example.vn')).toHaveLength(2);
  });

  it('demo data (actions with no person) queues nothing', async () => {
    const before = await countOutbox();
    const n = await loadDemoDossiers(env.ctx, { count: 40, seed: 11, resume: true });
    expect(n).toBe(40);
    expect(await countOutbox()).toBe(before);
    env.setNow(MONDAY);
    await loginAll();
  });

  it('without SMTP_URL e-mails wait with a clear note, and leave once a server is configured', async () => {
    env.ctx.config.smtpUrl = null;
    const d = await intake('cho.gui@example.vn');
    const report = await deliverOutbox(env.ctx);
    expect(report.sent).toBe(1); // the SMS
    const [email, text] = await outboxOf(d.id);
    expect(email).toMatchObject({ channel: 'email', status: 'pending', attempts: 0, last_error: NO_SMTP_MESSAGE });
    expect(text).toMatchObject({ channel: 'sms', status: 'sent' });
    env.ctx.config.smtpUrl = smtpUrl;
    const [mail] = await deliver(1);
    expect(mail.to).toEqual(['cho.gui@example.vn']);
    expect((await outboxOf(d.id))[0]).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
  });

  it('an unreachable SMTP server: retries with backoff, then failed; the administrator sends it again', async () => {
    await deliverOutbox(env.ctx); // nothing else waiting
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    env.ctx.config.smtpUrl = `smtp://motcua:bi-mat@127.0.0.1:${deadPort}`;

    const d = await intake('that.bai@example.vn');
    await deliverOutbox(env.ctx);
    const first = await outboxOf(d.id);
    let email = first[0];
    expect(first[1].status).toBe('sent'); // the SMS gateway works: it does not wait for the mail server
    expect(email).toMatchObject({ status: 'pending', attempts: 1 });
    expect(email.last_error).toMatch(/^Lần 1: Không kết nối được máy chủ thư điện tử/);
    // Not due again before the backoff has passed.
    await deliverOutbox(env.ctx);
    expect((await outboxOf(d.id))[0].attempts).toBe(1);
    for (const [i, wait] of BACKOFF_MS.entries()) {
      env.advance(wait);
      await deliverOutbox(env.ctx);
      [email] = await outboxOf(d.id);
      expect(email.attempts).toBe(i + 2);
      expect(email.status).toBe(i + 2 < 6 ? 'pending' : 'failed');
    }
    expect(email.last_error).toMatch(/^Lần 6: Không kết nối được máy chủ thư điện tử/);
    // Failed is final: nothing more is tried, nothing is deleted.
    env.advance(24 * 3_600_000);
    await deliverOutbox(env.ctx);
    expect((await outboxOf(d.id))[0]).toMatchObject({ status: 'failed', attempts: 6 });

    await loginAll();
    const list = await get('/api/v1/notifications/outbox?status=failed&channel=email', 'admin');
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((m: { dossier: { id: string } }) => m.dossier.id === d.id);
    expect(item).toMatchObject({ recipient: 'that.bai@example.vn', status: 'failed', attempts: 6, templateName: 'Tiếp nhận hồ sơ, hẹn trả kết quả' });
    expect(item.lastError).toMatch(/Không kết nối được máy chủ thư/);
    expect(item.subject).toBe(`Hồ sơ ${d.code} đã được tiếp nhận`);
    expect(item.html).toContain(d.code);
    expect(list.json().counts.failed).toBeGreaterThanOrEqual(1);

    expect((await post(`/api/v1/notifications/outbox/${item.id}/retry`, 'tiepnhan.tinh', {})).statusCode).toBe(403);
    env.ctx.config.smtpUrl = smtpUrl;
    const retry = await post(`/api/v1/notifications/outbox/${item.id}/retry`, 'admin', {});
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toMatchObject({ status: 'pending', attempts: 0 });
    const twice = await post(`/api/v1/notifications/outbox/${item.id}/retry`, 'admin', {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('NOT_FAILED');
    const audit = await get('/api/v1/audit?type=notification_retried', 'admin');
    expect(audit.json().items[0]).toMatchObject({ type: 'notification_retried', subject: 'that.bai@example.vn' });
    const [mail] = await deliver(1);
    expect(mail.to).toEqual(['that.bai@example.vn']);
    expect(mail.subject).toBe(`Hồ sơ ${d.code} đã được tiếp nhận`);
    expect((await outboxOf(d.id))[0].status).toBe('sent');
  });

  it('an address the mail server refuses fails at once', async () => {
    const d = await intake('reject.me@example.vn');
    await deliverOutbox(env.ctx);
    const [email] = await outboxOf(d.id);
    expect(email).toMatchObject({ status: 'failed', attempts: 1 });
    expect(email.last_error).toMatch(/từ chối địa chỉ người nhận/);
  });

  it('a message left "sending" by a worker that died is taken up again once its lease has run out', async () => {
    await deliverOutbox(env.ctx);
    const d = await intake('bi.gian.doan@example.vn');
    // A worker claims the e-mail and dies before sending it.
    const claimed = await claimNext(env.ctx.db, ['email'], env.ctx.now(), LEASE_MS);
    expect(claimed).toMatchObject({ recipient: 'bi.gian.doan@example.vn', status: 'sending', attempts: 1 });
    await deliverOutbox(env.ctx);
    expect((await outboxOf(d.id))[0].status).toBe('sending'); // still leased: nobody else sends it
    expect(mailsTo('bi.gian.doan@example.vn')).toHaveLength(0);
    env.advance(LEASE_MS + 1000);
    const [mail] = await deliver(1);
    expect(mail.to).toEqual(['bi.gian.doan@example.vn']);
    expect((await outboxOf(d.id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    await loginAll();
  });

  it('two workers at once never send a message twice', async () => {
    const made: Dossier[] = [];
    for (let i = 0; i < 6; i++) made.push(await intake(`song.song.${i}@example.vn`));
    const before = sink.received.length;
    const [a, b] = await Promise.all([deliverOutbox(env.ctx), deliverOutbox(env.ctx)]);
    expect(a.sent + b.sent).toBe(12);
    await sink.waitFor(before + 6);
    for (let i = 0; i < 6; i++) expect(mailsTo(`song.song.${i}@example.vn`)).toHaveLength(1);
    const texts = sms.filter((m) => made.some((d) => m.text.includes(d.code!)));
    expect(texts).toHaveLength(6);
  });
});

describe('officers are told what citizens did', () => {
  type Alert = { kind: string; read: boolean; dossier: { id: string } };
  const alerts = async (user: string): Promise<Alert[]> => (await get('/api/v1/alerts', user)).json().items;

  it('an online submission alerts the reception officers; a supplement alerts them again; an assignment alerts the assignee', async () => {
    env.setNow(MONDAY);
    await loginAll();
    const res = await post('/api/v1/dossiers', 'congdan', { procedureCode: PROC, channel: 'online', applicant: applicant('nop.truc.tuyen@example.vn', '0987654321'), components: [{ name: 'Đơn đề nghị' }] });
    expect(res.statusCode, res.body).toBe(201);
    let d = res.json() as Dossier;
    expect(d.status).toBe(1);
    expect((await alerts('tiepnhan.tinh')).find((a) => a.dossier.id === d.id)).toMatchObject({ kind: 'submitted', read: false });
    // Another unit's reception officer is not disturbed.
    expect((await alerts('tiepnhan.hacthanh')).some((a) => a.dossier.id === d.id)).toBe(false);

    // Reception asks to complete the file before accepting it: the citizen is told what is missing.
    d = await act(d, 'tiepnhan.tinh', 'request_supplement', { items: [{ name: 'Bản sao giấy tờ về quyền sử dụng đất', reason: 'Tệp tải lên không đọc được' }] });
    const [mail] = await deliver(1);
    expect(mail.to).toEqual(['nop.truc.tuyen@example.vn']);
    expect(mail.subject).toBe('Hồ sơ nộp trực tuyến ngày 02/03/2026: đề nghị bổ sung, hoàn thiện hồ sơ');
    expect(mail.text).toContain('1. Bản sao giấy tờ về quyền sử dụng đất\n   Lý do: Tệp tải lên không đọc được');
    expect(mail.text).toContain('nộp bổ sung trực tuyến');

    d = await act(d, 'congdan', 'submit_supplement', {});
    expect(d.status).toBe(1);
    expect((await alerts('tiepnhan.tinh')).find((a) => a.dossier.id === d.id && a.kind === 'supplement_received')).toMatchObject({ read: false });

    d = await act(d, 'tiepnhan.tinh', 'accept');
    const [receipt] = await deliver(1);
    expect(receipt.subject).toBe(`Hồ sơ ${d.code} đã được tiếp nhận`);
    d = await act(d, 'tiepnhan.tinh', 'forward');
    d = await act(d, 'truongphong.xaydung', 'assign', { assigneeId: 'chuyenvien.xaydung' });
    expect((await alerts('chuyenvien.xaydung')).find((a) => a.dossier.id === d.id)).toMatchObject({ kind: 'assigned', read: false });
    // The head who assigned is not alerted of his own action.
    expect((await alerts('truongphong.xaydung')).some((a) => a.dossier.id === d.id && a.kind === 'assigned')).toBe(false);

    // Read, then assigned again: the alert comes back unread.
    expect((await post('/api/v1/alerts/read', 'chuyenvien.xaydung', { ids: 'all' })).statusCode).toBe(204);
    d = await act(d, 'truongphong.xaydung', 'assign', { assigneeId: 'chuyenvien.xaydung' });
    const again = (await alerts('chuyenvien.xaydung')).filter((a) => a.dossier.id === d.id && a.kind === 'assigned');
    expect(again).toHaveLength(1);
    expect(again[0].read).toBe(false);

    // A supplement during processing goes to the officer holding the dossier.
    d = await act(d, 'chuyenvien.xaydung', 'request_supplement', { items: [{ name: 'Bản vẽ mặt cắt', reason: 'Thiếu' }] });
    d = await act(d, 'congdan', 'submit_supplement', {});
    expect(d.status).toBe(4);
    expect((await alerts('chuyenvien.xaydung')).find((a) => a.dossier.id === d.id && a.kind === 'supplement_received')).toMatchObject({ read: false });
    await deliverOutbox(env.ctx);
  });
});

describe('configuration', () => {
  it('reads the mail and SMS settings, and refuses wrong ones with a Vietnamese message', () => {
    const c = loadConfig({ SMTP_URL: 'smtps://motcua:bi-mat@mail.thanhhoa.gov.vn:465', MAIL_FROM: 'motcua@thanhhoa.gov.vn', SMS_DRIVER: 'http', SMS_HTTP_URL: 'https://sms.example.vn/send', SMS_HTTP_TOKEN: 'k' });
    expect(c).toMatchObject({ smtpUrl: 'smtps://motcua:bi-mat@mail.thanhhoa.gov.vn:465', mailFrom: 'motcua@thanhhoa.gov.vn', smsDriver: 'http', smsHttpToken: 'k', smsUnicode: false });
    expect(loadConfig({})).toMatchObject({ smtpUrl: null, smsDriver: 'log', smsUnicode: true });
    expect(() => loadConfig({ SMTP_URL: 'mail.example.vn' })).toThrow(/SMTP_URL phải có dạng/);
    expect(() => loadConfig({ SMS_DRIVER: 'carrier-pigeon' })).toThrow(/SMS_DRIVER không hợp lệ/);
    expect(() => loadConfig({ SMS_DRIVER: 'http' })).toThrow(/cần SMS_HTTP_URL/);
  });
});

describe('the outbox API', () => {
  it('is for administrators; bad input is a 400, an unknown message a 404', async () => {
    expect((await get('/api/v1/notifications/outbox', 'tiepnhan.tinh')).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/notifications/outbox' })).statusCode).toBe(401);
    const bad = await get('/api/v1/notifications/outbox?status=lost', 'admin');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_ERROR');
    expect((await post('/api/v1/notifications/outbox/abc/retry', 'admin', {})).statusCode).toBe(400);
    expect((await post('/api/v1/notifications/outbox/999999/retry', 'admin', {})).statusCode).toBe(404);
    const sent = await get('/api/v1/notifications/outbox?status=sent&channel=sms&pageSize=5', 'admin');
    expect(sent.statusCode).toBe(200);
    const body = sent.json();
    expect(body.items.length).toBe(5);
    expect(body.items.every((m: { channel: string; status: string; smsText: string }) => m.channel === 'sms' && m.status === 'sent' && !/[à-ỹđ]/i.test(m.smsText))).toBe(true);
    expect(body.delivery).toEqual({ email: 'smtp', sms: 'http' });
    const search = await get(`/api/v1/notifications/outbox?q=${encodeURIComponent('le.hong@')}`, 'admin');
    expect(search.json().items.map((m: { recipient: string }) => m.recipient)).toEqual(['le.hong@example.vn']);
  });

  it('an administrator of a commune sees only the notifications of dossiers in that commune', async () => {
    await createUser(env.ctx, null, { username: 'quantri.hacthanh', password: 'Demo@2026', fullName: 'Đinh Văn Quang', grants: [{ role: 'admin', agencyId: 'ag-p-hac-thanh' }] }, null);
    tokens['quantri.hacthanh'] = await env.login('quantri.hacthanh');
    const mine = await get('/api/v1/notifications/outbox?pageSize=100', 'quantri.hacthanh');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().total).toBe(0); // every dossier so far is the province's
    const failed = (await get('/api/v1/notifications/outbox?status=failed', 'admin')).json().items[0];
    const retry = await post(`/api/v1/notifications/outbox/${failed.id}/retry`, 'quantri.hacthanh', {});
    expect(retry.statusCode).toBe(404);
  });
});
