import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { loadDemoDossiers } from '../../demo/dossiers.ts';
import { workingTimeBetween } from '../../kernel/calendar/index.ts';
import { getWorkCalendar } from '../dossiers/calendar.ts';
import { bearer, testEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
const tokens: Record<string, string> = {};
const USERS = ['giamsat.hdnd', 'lanhdao.xaydung', 'congdan', 'tiepnhan.tinh', 'chuyenvien.xaydung', 'truongphong.xaydung', 'vanthu.xaydung'];
const NOW = new Date('2026-11-20T03:00:00Z');
const HOUR = 3_600_000;
/** Cấp giấy phép xây dựng mới (công trình cấp III, IV): Sở Xây dựng, 20 working days, five steps. */
const PROC = '1.902002';
const applicant = { fullName: 'Phan Thị Kiểm Tra', idNumber: '038190009876', phone: '0912 000 111', address: 'Phường Hạc Thành, tỉnh Thanh Hóa' };

async function travel(to: Date) {
  env.setNow(to);
  for (const u of USERS) tokens[u] = await env.login(u);
}
const get = (url: string, user?: string) => env.app.inject({ method: 'GET', url, headers: user ? bearer(tokens[user]) : {} });
type D = { id: string; version: number; currentStep: { id: string } | null; status: number; timeliness: string | null };
async function act(d: D, user: string, action: string, body: object = {}): Promise<D> {
  const res = await env.app.inject({ method: 'POST', url: `/api/v1/dossiers/${d.id}/actions`, headers: bearer(tokens[user]), payload: { action, expectedVersion: d.version, ...body } });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}
async function intake(): Promise<D> {
  const res = await env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: bearer(tokens['tiepnhan.tinh']), payload: { procedureCode: PROC, channel: 'counter', applicant, components: [{ name: 'Đơn đề nghị' }] } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

let lateDossier: D;
let slowOpen: D;
let thamDinhSpent = 0;

beforeAll(async () => {
  env = await testEnv({ catalogue: true });
  env.setNow(NOW);
  await loadDemoDossiers(env.ctx, { count: 200, seed: 7 });
  // A dossier whose appraisal step (thẩm định) takes six weeks: received Monday 05/10, appraised Monday 16/11.
  await travel(new Date('2026-10-05T02:00:00Z'));
  let d = await intake();
  d = await act(d, 'tiepnhan.tinh', 'forward');
  expect(d.currentStep?.id).toBe('tham-dinh');
  await travel(new Date('2026-11-16T02:00:00Z'));
  d = await act(d, 'chuyenvien.xaydung', 'forward');
  d = await act(d, 'truongphong.xaydung', 'forward');
  d = await act(d, 'lanhdao.xaydung', 'forward');
  d = await act(d, 'vanthu.xaydung', 'complete', { result: { number: '77/GPXD', signer: 'Đỗ Quang Vinh', signedOn: '2026-11-16' } });
  expect(d.timeliness).toBe('late');
  lateDossier = d;
  const cal = await getWorkCalendar(env.ctx, 'ag-so-xay-dung');
  thamDinhSpent = workingTimeBetween(new Date('2026-10-05T02:00:00Z'), new Date('2026-11-16T02:00:00Z'), cal) / HOUR;
  // An open dossier received 27/10 (due about 24/11) still waiting at the first step on 20/11: its five steps cannot fit in what is left.
  await travel(new Date('2026-10-27T02:00:00Z'));
  slowOpen = await intake();
  await travel(NOW);
});
afterAll(async () => {
  await env?.close();
});

type Timing = {
  finished: number;
  procedures: { key: string; name: string; count: number; legalDays: number | null; medianDays: number | null; p90Days: number | null; lateShare: number }[];
  agencies: { key: string; count: number }[];
  steps: { name: string; role: string | null; count: number; quotaHours: number | null; overQuotaShare: number }[];
  roles: { key: string; count: number }[];
  officers: { key: string; name: string; count: number }[];
  lateSteps: { byStep: { name: string; count: number }[]; byAgency: { key: string; count: number }[]; dossiers: { id: string; stepName: string; overrunHours: number }[] };
};

describe('where the time goes', () => {
  it('measures the median working days of a procedure exactly as an independent recomputation does', async () => {
    const res = await get('/api/v1/reports/timing?from=2026-01-01&to=2026-11-20', 'giamsat.hdnd');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Timing;
    expect(r.finished).toBeGreaterThan(50);
    const top = [...r.procedures].sort((a, b) => b.count - a.count)[0];
    expect(top.count).toBeGreaterThan(5);
    // Recompute: finished dossiers of the procedure, office time from receipt to finish on the agency calendar, minus pauses.
    const list = await rows<{ id: string; agency_id: string; received_at: Date; finished_at: Date; duration_unit: string }>(
      env.ctx.db,
      sql`SELECT id, agency_id, received_at, finished_at, duration_unit FROM dossiers
          WHERE procedure_code = ${top.key} AND status IN (9, 10) AND finish_day BETWEEN '2026-01-01' AND '2026-11-20'`,
    );
    expect(list.length).toBe(top.count);
    const days: number[] = [];
    for (const d of list) {
      const cal = await getWorkCalendar(env.ctx, d.agency_id);
      const evs = await rows<{ action: string; at: Date; from_status: number }>(env.ctx.db, sql`SELECT action, at, from_status FROM dossier_events WHERE dossier_id = ${d.id} ORDER BY seq`);
      let paused = 0;
      let since: Date | null = null;
      for (const e of evs) {
        if (['request_supplement', 'request_payment'].includes(e.action) && Number(e.from_status) !== 1) since = new Date(e.at);
        if (['submit_supplement', 'confirm_payment'].includes(e.action) && since) {
          paused += workingTimeBetween(since, new Date(e.at), cal);
          since = null;
        }
      }
      const total = workingTimeBetween(new Date(d.received_at), new Date(d.finished_at), cal) - paused;
      days.push(d.duration_unit === 'calendar_days' ? (new Date(d.finished_at).getTime() - new Date(d.received_at).getTime()) / 86_400_000 : total / cal.workingDayMs);
    }
    days.sort((a, b) => a - b);
    const mid = (days.length - 1) / 2;
    const median = (days[Math.floor(mid)] + days[Math.ceil(mid)]) / 2;
    expect(top.medianDays).toBeCloseTo(median, 2);
    expect(top.p90Days!).toBeGreaterThanOrEqual(top.medianDays!);
    expect(r.steps.length).toBeGreaterThan(0);
    expect(r.roles.map((x) => x.key)).toContain('specialist');
    expect(r.officers.length).toBeGreaterThan(0);
  });

  it('names the step that made a late dossier late, with its overrun against the quota', async () => {
    const res = await get(`/api/v1/reports/timing?from=2026-11-01&to=2026-11-20&procedure=${PROC}`, 'lanhdao.xaydung');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Timing;
    const mine = r.lateSteps.dossiers.find((x) => x.id === lateDossier.id);
    expect(mine).toBeDefined();
    const [wf] = await rows<{ workflow: { steps: { id: string; name: string; quotaHours: number }[] } | string }>(env.ctx.db, sql`SELECT workflow FROM dossiers WHERE id = ${lateDossier.id}`);
    const steps = (typeof wf.workflow === 'string' ? JSON.parse(wf.workflow) : wf.workflow).steps as { id: string; name: string; quotaHours: number }[];
    const thamDinh = steps.find((s) => s.id === 'tham-dinh')!;
    expect(mine!.stepName).toBe(thamDinh.name);
    expect(mine!.overrunHours).toBeCloseTo(thamDinhSpent - thamDinh.quotaHours, 1);
    expect(r.lateSteps.byStep.find((s) => s.name === thamDinh.name)!.count).toBeGreaterThanOrEqual(1);
  });

  it('lists an open dossier whose remaining steps cannot finish before its due date', async () => {
    const res = await get('/api/v1/reports/timing/at-risk', 'lanhdao.xaydung');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as { open: number; total: number; items: { id: string; dueAt: string; predictedAt: string; marginDays: number; overdue: boolean }[] };
    const item = r.items.find((x) => x.id === slowOpen.id);
    expect(item, JSON.stringify(r.items.slice(0, 3))).toBeDefined();
    expect(item!.overdue).toBe(false);
    expect(item!.marginDays).toBeLessThan(0);
    expect(Date.parse(item!.predictedAt)).toBeGreaterThan(Date.parse(item!.dueAt));
    // Sorted from the worst margin.
    const margins = r.items.map((x) => x.marginDays);
    expect(margins).toEqual([...margins].sort((a, b) => a - b));
  });
});

type Bieu = { rows: { key: string; inProgress: { overdue: number } }[]; total: { received: { online: number; direct: number }; resolved: { total: number; early: number; onTime: number; late: number }; inProgress: { overdue: number } } };
type Dash = {
  today: string;
  receivedToday: number;
  month: { from: string; to: string; received: number; online: number; resolved: number; onTime: number; late: number; overdue: number };
  year: { from: string; to: string; received: number; online: number; resolved: number; onTime: number; late: number; overdue: number };
  overdueByAgency: { key: string; overdue: number }[];
  overdueByField: { key: string; overdue: number }[];
  weeks: { week: string; received: number; resolved: number }[];
  satisfaction: unknown;
  lateSteps: { name: string; count: number }[];
};

describe('the leaders’ dashboard', () => {
  it('shows the same numbers as Biểu 06 for the same period', async () => {
    const res = await get('/api/v1/reports/dashboard', 'giamsat.hdnd');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as Dash;
    expect(d.today).toBe('2026-11-20');
    for (const [block, from] of [[d.month, '2026-11-01'], [d.year, '2026-01-01']] as const) {
      expect(block.from).toBe(from);
      const b = (await get(`/api/v1/reports/bieu-06?from=${from}&to=2026-11-20&groupBy=agency`, 'giamsat.hdnd')).json() as Bieu;
      expect(block.resolved).toBe(b.total.resolved.total);
      expect(block.onTime).toBe(b.total.resolved.early + b.total.resolved.onTime);
      expect(block.late).toBe(b.total.resolved.late);
      expect(block.online).toBe(b.total.received.online);
      expect(block.received).toBe(b.total.received.online + b.total.received.direct);
      expect(block.overdue).toBe(b.total.inProgress.overdue);
      if (from === '2026-01-01') {
        for (const row of b.rows.filter((x) => x.inProgress.overdue > 0)) {
          expect(d.overdueByAgency.find((x) => x.key === row.key)?.overdue).toBe(row.inProgress.overdue);
        }
      }
    }
    expect(d.weeks.length).toBe(52);
    expect(d.weeks.reduce((a, w) => a + w.received, 0)).toBeGreaterThan(100);
    expect(d.satisfaction).toBeNull();
    expect(d.lateSteps.length).toBeGreaterThan(0);
  });

  it('counts a dossier received now at once', async () => {
    const before = (await get('/api/v1/reports/dashboard', 'lanhdao.xaydung')).json() as Dash;
    await intake();
    const after = (await get('/api/v1/reports/dashboard', 'lanhdao.xaydung')).json() as Dash;
    expect(after.receivedToday).toBe(before.receivedToday + 1);
  });

  it('is refused to citizens and reception officers, and outside the leader’s agency', async () => {
    for (const url of ['/api/v1/reports/dashboard', '/api/v1/reports/timing?from=2026-01-01&to=2026-11-20', '/api/v1/reports/timing/at-risk']) {
      for (const u of ['congdan', 'tiepnhan.tinh']) expect((await get(url, u)).statusCode, `${url} ${u}`).toBe(403);
      expect((await get(url)).statusCode).toBe(401);
    }
    const other = await get('/api/v1/reports/dashboard?agency=ag-so-tu-phap', 'lanhdao.xaydung');
    expect(other.statusCode).toBe(403);
    const bad = await get('/api/v1/reports/timing?from=2026-12-01&to=2026-01-01', 'giamsat.hdnd');
    expect(bad.statusCode).toBe(400);
  });
});

describe('public transparency', () => {
  it('needs no login, covers departments and communes for two periods, and carries no personal data', async () => {
    const res = await get('/api/v1/public/transparency?period=quarter');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toContain('max-age=60');
    const t = res.json() as { current: { label: string }; previous: { label: string }; units: { id: string; name: string; group: string; current: { resolved: number; onTimeRate: number | null }; previous: { resolved: number } }[] };
    expect(t.current.label).toBe('Quý IV/2026');
    expect(t.previous.label).toBe('Quý III/2026');
    expect(t.units.some((u) => u.group === 'department')).toBe(true);
    expect(t.units.some((u) => u.group === 'commune')).toBe(true);
    expect(t.units.reduce((a, u) => a + u.previous.resolved, 0)).toBeGreaterThan(10);
    const names = await rows<{ name: string; id_number: string; code: string }>(env.ctx.db, sql`SELECT applicant->>'fullName' AS name, applicant->>'idNumber' AS id_number, code FROM dossiers WHERE code IS NOT NULL LIMIT 200`);
    for (const n of names) {
      expect(res.body).not.toContain(n.id_number);
      expect(res.body).not.toContain(n.code);
      expect(res.body).not.toContain(n.name);
    }
    const month = await get('/api/v1/public/transparency');
    expect(month.json().current.label).toBe('Tháng 11/2026');
    expect((await get('/api/v1/public/transparency?period=year')).statusCode).toBe(400);
  });
});
