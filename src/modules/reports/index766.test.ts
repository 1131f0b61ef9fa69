import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { loadDemoDossiers } from '../../demo/dossiers.ts';
import { vnDay } from '../../kernel/dossier/code.ts';
import { bearer, testEnv, type TestEnv } from '../../testing/harness.ts';
import type { Index766Report, RankingEntry } from './index766.ts';

let env: TestEnv;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  env = await testEnv({ catalogue: true });
  env.setNow(new Date('2026-11-20T03:00:00Z'));
  await loadDemoDossiers(env.ctx, { count: 200, seed: 7 });
  for (const u of ['giamsat.hdnd', 'lanhdao.xaydung', 'lanhdao.hacthanh', 'congdan', 'tiepnhan.tinh', 'noivu']) tokens[u] = await env.login(u);
});
afterAll(async () => {
  await env?.close();
});

const get = (url: string, user: string) => env.app.inject({ method: 'GET', url, headers: bearer(tokens[user]) });
const ind = (r: Index766Report, id: string) => r.indicators.find((i) => i.id === id)!;

interface Row {
  id: string; status: number; channel: string; agency_id: string; received_at: Date | null; finished_at: Date | null; returned_at: Date | null;
  due_at: Date | null; paused_at: Date | null; supplement_count: number;
}

/** An auditor's recount of 2.1 (on-time processing) and 3.3 (online dossiers), straight from the dossier rows. */
async function recount(from: string, to: string, agencies?: string[]) {
  const list = await rows<Row>(env.ctx.db, sql`SELECT id, status, channel, agency_id, received_at, finished_at, returned_at, due_at, paused_at, supplement_count FROM dossiers`);
  const day = (v: Date | string | null) => (v ? vnDay(new Date(v)) : null);
  let n21 = 0, d21 = 0, n33 = 0, d33 = 0;
  for (const r of list) {
    if (agencies && !agencies.includes(r.agency_id)) continue;
    const status = Number(r.status);
    const received = day(r.received_at);
    if (status === 1 || status === 3 || !received) continue;
    const finish = day(r.finished_at ?? r.returned_at);
    const due = day(r.due_at);
    const paused = day(r.paused_at);
    if (received >= from && received <= to) {
      d33 += 1;
      if (r.channel === 'online') n33 += 1;
    }
    if (received > to || (finish !== null && finish < from)) continue;
    d21 += 1;
    let ok: boolean;
    if (finish !== null && finish <= to) ok = !due || finish <= due;
    else if ((status === 5 || status === 6) && paused && paused <= to) ok = !(status === 5 && Number(r.supplement_count) > 1) && (!due || paused <= due);
    else ok = !due || due >= to;
    if (ok) n21 += 1;
  }
  return { n21, d21, n33, d33 };
}

describe('Decision 766 index', () => {
  it('matches an independent recount of on-time processing (2.1) and online dossiers (3.3), and scores them by the published rule', async () => {
    for (const [from, to] of [['2026-01-01', '2026-12-31'], ['2026-07-01', '2026-09-30'], ['2026-11-01', '2026-11-30']]) {
      const res = await get(`/api/v1/reports/index-766?from=${from}&to=${to}`, 'giamsat.hdnd');
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json() as Index766Report;
      const c = await recount(from, to);
      expect(c.d21).toBeGreaterThan(0);
      expect(ind(r, '2.1')).toMatchObject({ numerator: c.n21, denominator: c.d21, status: 'scored' });
      expect(ind(r, '2.1').score).toBe(Math.round(20 * (c.n21 / c.d21) * 100) / 100);
      expect(ind(r, '3.3')).toMatchObject({ numerator: c.n33, denominator: c.d33 });
      expect(ind(r, '3.3').score).toBe(Math.round(6 * Math.min(1, c.n33 / c.d33 / 0.5) * 100) / 100);
    }
  });

  it('counts 3.1 from the published catalogue: procedures with an online service over all published procedures', async () => {
    const r = (await get('/api/v1/reports/index-766?from=2026-01-01&to=2026-12-31', 'giamsat.hdnd')).json() as Index766Report;
    const [c] = await rows<{ n: number; d: number }>(
      env.ctx.db,
      sql`SELECT count(*) FILTER (WHERE v.online_type IN ('full', 'partial'))::int AS n, count(*)::int AS d FROM procedures p JOIN procedure_versions v ON v.id = p.published_version_id`,
    );
    expect(ind(r, '3.1')).toMatchObject({ numerator: Number(c.n), denominator: Number(c.d), status: 'scored' });
    // 1.1: the demo decisions (15/07/2025) were issued on their effective date, not 5 working days before: late.
    const y2025 = (await get('/api/v1/reports/index-766?from=2025-01-01&to=2025-12-31', 'giamsat.hdnd')).json() as Index766Report;
    const [p] = await rows<{ n: number }>(env.ctx.db, sql`SELECT count(DISTINCT procedure_id)::int AS n FROM procedure_versions WHERE status <> 'draft' AND decision_date BETWEEN '2025-01-01' AND '2025-12-31'`);
    expect(Number(p.n)).toBeGreaterThan(0);
    expect(ind(y2025, '1.1')).toMatchObject({ numerator: 0, denominator: Number(p.n), score: 0, status: 'scored' });
    expect(ind(r, '1.1')).toMatchObject({ status: 'no_data', score: null });
  });

  it('marks what motcua holds no data for as without data, with the reason, and totals over the rest', async () => {
    const r = (await get('/api/v1/reports/index-766?from=2026-01-01&to=2026-12-31', 'giamsat.hdnd')).json() as Index766Report;
    for (const id of ['1.2', '1.4', '3.4', '3.5', '3.6', '4.3', '4.4', '4.5', '5.2', '5.3']) {
      expect(ind(r, id)).toMatchObject({ status: 'no_data', score: null, numerator: null });
      expect(ind(r, id).reason!.length).toBeGreaterThan(10);
    }
    expect(ind(r, '3.6').reason).toContain('thanh toán trực tuyến');
    const scored = r.indicators.filter((i) => i.status === 'scored');
    expect(r.total.maxWithData).toBe(scored.reduce((a, i) => a + i.max, 0));
    expect(r.total.maxWithData).toBeLessThan(100);
    expect(r.total.max).toBe(100);
    expect(r.total.score).toBeCloseTo(scored.reduce((a, i) => a + i.score!, 0), 2);
    expect(r.total.percent).toBeCloseTo((r.total.score / r.total.maxWithData) * 100, 1);
    expect(r.total.withoutData).toEqual(r.indicators.filter((i) => i.status === 'no_data').map((i) => i.id));
    // A period with no dossiers at all: the dossier indicators have no data, never zero.
    const empty = (await get('/api/v1/reports/index-766?from=2020-01-01&to=2020-01-31', 'giamsat.hdnd')).json() as Index766Report;
    expect(ind(empty, '2.1')).toMatchObject({ status: 'no_data', score: null, numerator: 0, denominator: 0 });
    expect(ind(empty, '2.1').reason).toContain('Không có hồ sơ');
  });

  it('ranks the units of a parent with pooled counts: each unit as its own report, the parent as the sum of its units', async () => {
    const q = 'from=2026-01-01&to=2026-12-31';
    const res = await get(`/api/v1/reports/index-766/ranking?${q}&parent=ag-tinh`, 'giamsat.hdnd');
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: RankingEntry[] }).items;
    expect(items.length).toBeGreaterThan(3);
    const percents = items.map((i) => i.total.percent ?? -1);
    expect([...percents].sort((a, b) => b - a)).toEqual(percents);
    for (const it of items.slice(0, 4)) {
      const own = (await get(`/api/v1/reports/index-766?${q}&agency=${it.agency.id}`, 'giamsat.hdnd')).json() as Index766Report;
      expect(it.total).toEqual(own.total);
    }
    // A commune with divisions: its counts are the sum of its own dossiers and its units' (never an average of scores).
    const hac = (await get(`/api/v1/reports/index-766?${q}&agency=ag-p-hac-thanh`, 'giamsat.hdnd')).json() as Index766Report;
    const units = ((await get(`/api/v1/reports/index-766/ranking?${q}&parent=ag-p-hac-thanh`, 'giamsat.hdnd')).json() as { items: RankingEntry[] }).items;
    const own = await recount('2026-01-01', '2026-12-31', ['ag-p-hac-thanh']);
    const sum = units.reduce((a, u) => a + (u.indicators.find((i) => i.id === '2.1')!.denominator ?? 0), 0);
    expect(ind(hac, '2.1').denominator).toBe(sum + own.d21);
    const num = units.reduce((a, u) => a + (u.indicators.find((i) => i.id === '2.1')!.numerator ?? 0), 0);
    expect(ind(hac, '2.1').numerator).toBe(num + own.n21);
    // By level: the province's departments.
    const dep = (await get(`/api/v1/reports/index-766/ranking?${q}&level=province`, 'giamsat.hdnd')).json() as { items: RankingEntry[] };
    expect(dep.items.map((i) => i.agency.name)).toContain('Sở Xây dựng');
  });

  it('keeps each person within their scope; the reform office (Sở Nội vụ) sees its whole province', async () => {
    const q = 'from=2026-01-01&to=2026-12-31';
    const own = await get(`/api/v1/reports/index-766?${q}`, 'lanhdao.xaydung');
    expect(own.statusCode).toBe(200);
    const c = await recount('2026-01-01', '2026-12-31', ['ag-so-xay-dung', 'ag-so-xd-cpxd']);
    expect(ind(own.json() as Index766Report, '2.1').denominator).toBe(c.d21);
    expect((await get(`/api/v1/reports/index-766?${q}&agency=ag-so-tu-phap`, 'lanhdao.xaydung')).statusCode).toBe(403);
    expect((await get(`/api/v1/reports/index-766/ranking?${q}&parent=ag-tinh`, 'lanhdao.hacthanh')).statusCode).toBe(403);
    expect((await get(`/api/v1/reports/index-766?${q}`, 'congdan')).statusCode).toBe(403);
    expect((await get(`/api/v1/reports/index-766?${q}`, 'tiepnhan.tinh')).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/reports/index-766?${q}` })).statusCode).toBe(401);
    const noivu = (await get(`/api/v1/reports/index-766?${q}`, 'noivu')).json() as Index766Report;
    const all = (await get(`/api/v1/reports/index-766?${q}`, 'giamsat.hdnd')).json() as Index766Report;
    expect(noivu.total).toEqual(all.total);
    const ranking = await get(`/api/v1/reports/index-766/ranking?${q}`, 'noivu');
    expect(ranking.statusCode).toBe(200);
    expect((ranking.json() as { items: RankingEntry[] }).items.length).toBeGreaterThan(3);
  });

  it('refuses bad input with a clear error, never a 500', async () => {
    const bad = [
      '/api/v1/reports/index-766?from=2026-12-31&to=2026-01-01',
      '/api/v1/reports/index-766?from=2026-13-01&to=2026-12-31',
      '/api/v1/reports/index-766?from=2026-01-01',
      '/api/v1/reports/index-766?from=2026-01-01&to=2026-12-31&agency=khong-co',
      '/api/v1/reports/index-766/ranking?from=2026-01-01&to=2026-12-31&level=xa',
      '/api/v1/reports/index-766/ranking?from=2026-01-01&to=2026-12-31&parent=ag-tinh&level=commune',
      '/api/v1/reports/index-766/ranking?from=2026-01-01&to=2026-12-31&parent=khong-co',
    ];
    for (const url of bad) {
      const res = await get(url, 'giamsat.hdnd');
      expect(res.statusCode, url).toBe(400);
      expect((res.json() as { error: { code: string } }).error.code).toBe('VALIDATION_ERROR');
    }
  });
});
