import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { rng } from '../../kernel/random/index.ts';
import { loadDemoDossiers } from '../../demo/dossiers.ts';
import { vnDay } from '../../kernel/dossier/code.ts';
import { addCells, classify, emptyCounts, type Bieu06Counts } from '../../kernel/indicators/bieu06.ts';
import { bearer, testEnv, type TestEnv } from '../../testing/harness.ts';
import { countsFromRollup, countsFromScan, foldBieu06, type GroupBy } from './bieu06.ts';

let env: TestEnv;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  env = await testEnv({ catalogue: true });
  env.setNow(new Date('2026-11-20T03:00:00Z'));
  await loadDemoDossiers(env.ctx, { count: 250, seed: 11 });
  for (const u of ['giamsat.hdnd', 'lanhdao.xaydung', 'congdan', 'tiepnhan.tinh', 'noivu']) tokens[u] = await env.login(u);
});
afterAll(async () => {
  await env?.close();
});

const get = (url: string, user: string) => env.app.inject({ method: 'GET', url, headers: bearer(tokens[user]) });

/** What an auditor recomputes from the dossiers themselves, with the kernel's rules. */
async function recompute(from: string, to: string, groupBy: 'field' | 'agency', agencies?: string[]) {
  const list = await rows<{ status: number; channel: 'counter' | 'online' | 'postal'; received_at: Date | null; finished_at: Date | null; returned_at: Date | null; due_at: Date | null; field_code: string; agency_id: string }>(
    env.ctx.db,
    sql`SELECT status, channel, received_at, finished_at, returned_at, due_at, field_code, agency_id FROM dossiers`,
  );
  const day = (v: Date | string | null) => (v ? vnDay(new Date(v)) : null);
  const byKey = new Map<string, Bieu06Counts>();
  const total = emptyCounts();
  for (const d of list) {
    if (agencies && !agencies.includes(d.agency_id)) continue;
    const cells = classify(
      { status: Number(d.status), channel: d.channel, receivedDay: day(d.received_at), finishDay: day(d.finished_at ?? d.returned_at), dueDay: day(d.due_at) },
      from,
      to,
    );
    if (!cells.length) continue;
    const key = groupBy === 'field' ? d.field_code : d.agency_id;
    const c = byKey.get(key) ?? emptyCounts();
    addCells(c, cells);
    addCells(total, cells);
    byKey.set(key, c);
  }
  return { byKey, total };
}

type Report = { rows: ({ key: string; name: string } & Bieu06Counts)[]; total: Bieu06Counts };

describe('Biểu 06', () => {
  it('matches, to the dossier, what an auditor recomputes from the dossiers, for several periods and both groupings', async () => {
    for (const [from, to] of [['2026-01-01', '2026-12-31'], ['2026-07-01', '2026-09-30'], ['2026-06-15', '2026-07-14'], ['2026-11-20', '2026-11-20']]) {
      for (const groupBy of ['field', 'agency'] as const) {
        const res = await get(`/api/v1/reports/bieu-06?from=${from}&to=${to}&groupBy=${groupBy}`, 'giamsat.hdnd');
        expect(res.statusCode, res.body).toBe(200);
        const report = res.json() as Report;
        const expected = await recompute(from, to, groupBy);
        expect(report.total).toEqual(expected.total);
        expect(report.rows.length).toBe(expected.byKey.size);
        for (const r of report.rows) {
          const { key, name, ...counts } = r;
          expect(name.length).toBeGreaterThan(1);
          expect(counts).toEqual(expected.byKey.get(key));
          expect(r.received.total).toBe(r.resolved.total + r.inProgress.total);
        }
      }
    }
    const year = (await get('/api/v1/reports/bieu-06?from=2026-01-01&to=2026-12-31&groupBy=field', 'giamsat.hdnd')).json() as Report;
    expect(year.total.received.total).toBeGreaterThan(100);
    expect(year.total.resolved.late).toBeGreaterThan(0);
    expect(year.total.received.online).toBeGreaterThan(0);
  });

  it('every number opens the list of dossiers behind it', async () => {
    const report = (await get('/api/v1/reports/bieu-06?from=2026-01-01&to=2026-12-31&groupBy=field', 'giamsat.hdnd')).json() as Report;
    const row = report.rows.find((r) => r.resolved.late > 0)!;
    const res = await get(`/api/v1/reports/bieu-06/dossiers?from=2026-01-01&to=2026-12-31&groupBy=field&key=${row.key}&cell=resolved.late&pageSize=500`, 'giamsat.hdnd');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { total: number; items: { timeliness: string; procedure: { fieldCode: string } }[] };
    expect(body.total).toBe(row.resolved.late);
    expect(body.items.every((d) => d.procedure.fieldCode === row.key)).toBe(true);
    const all = await get(`/api/v1/reports/bieu-06/dossiers?from=2026-01-01&to=2026-12-31&groupBy=field&cell=received`, 'giamsat.hdnd');
    expect(all.json().total).toBe(report.total.received.total);
  });

  it('a leader sees only their agency tree; others are refused; bad periods are 400', async () => {
    const res = await get('/api/v1/reports/bieu-06?from=2026-01-01&to=2026-12-31&groupBy=agency', 'lanhdao.xaydung');
    expect(res.statusCode).toBe(200);
    const report = res.json() as Report;
    const tree = (await rows<{ id: string }>(env.ctx.db, sql`WITH RECURSIVE t AS (SELECT id FROM agencies WHERE id = 'ag-so-xay-dung' UNION SELECT a.id FROM agencies a JOIN t ON a.parent_id = t.id) SELECT id FROM t`)).map((r) => r.id);
    expect(report.rows.every((r) => tree.includes(r.key))).toBe(true);
    expect(report.total).toEqual((await recompute('2026-01-01', '2026-12-31', 'agency', tree)).total);
    expect((await get('/api/v1/reports/bieu-06?from=2026-01-01&to=2026-12-31&agency=ag-so-tu-phap', 'lanhdao.xaydung')).statusCode).toBe(403);
    expect((await get('/api/v1/reports/bieu-06?from=2026-01-01&to=2026-12-31', 'congdan')).statusCode).toBe(403);
    expect((await get('/api/v1/reports/bieu-06?from=2026-01-01&to=2026-12-31', 'tiepnhan.tinh')).statusCode).toBe(403);
    expect((await get('/api/v1/reports/bieu-06?from=2026-01-01&to=2026-12-31', 'noivu')).statusCode).toBe(200);
    const bad = await get('/api/v1/reports/bieu-06?from=2026-02-30&to=2026-12-31', 'giamsat.hdnd');
    expect(bad.statusCode).toBe(400);
    expect((await get('/api/v1/reports/bieu-06?from=2026-12-31&to=2026-01-01', 'giamsat.hdnd')).statusCode).toBe(400);
    for (const from of ['0001-01-01', '0000-06-01', '1899-12-31']) {
      const early = await get(`/api/v1/reports/bieu-06?from=${from}&to=2026-12-31`, 'giamsat.hdnd');
      expect(early.statusCode, from).toBe(400);
      expect(early.json().error.code).toBe('VALIDATION_ERROR');
    }
    expect((await get('/api/v1/reports/bieu-06?from=2026-01-01&to=2026-12-31&groupBy=nope', 'giamsat.hdnd')).statusCode).toBe(400);
  });
});

describe('Biểu 06 rollup', () => {
  const day = (n: number) => new Date(Date.UTC(2025, 9, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const rand = rng(606);
  const periods: [string, string][] = [
    ['2025-11-20', '2026-11-20'], ['2025-12-31', '2026-01-01'], ['2026-01-01', '2026-01-31'], ['2026-02-15', '2026-03-14'],
    ['2026-03-01', '2026-03-01'], ['2026-05-31', '2026-06-01'], ['2020-01-01', '2027-12-31'], ['2026-11-20', '2026-12-31'],
    ['2027-01-01', '2027-03-01'],
  ];
  for (let i = 0; i < 8; i++) {
    const a = day(Math.floor(rand() * 480));
    const b = day(Math.floor(rand() * 480));
    periods.push(a <= b ? [a, b] : [b, a]);
  }
  const byKey = (list: { key: string; counts: Bieu06Counts }[]) => Object.fromEntries(list.map((r) => [r.key, r.counts]));

  /** For every period, both groupings and three scopes: the rollup (with whatever is pending) equals the scan. */
  async function expectEqualToScan() {
    const [busiest] = await rows<{ agency_id: string }>(env.ctx.db, sql`SELECT agency_id FROM dossiers GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    const tree = (await rows<{ id: string }>(env.ctx.db, sql`WITH RECURSIVE t AS (SELECT id FROM agencies WHERE id = 'ag-so-xay-dung' UNION SELECT a.id FROM agencies a JOIN t ON a.parent_id = t.id) SELECT id FROM t`)).map((r) => r.id);
    let nonEmpty = 0;
    for (const [from, to] of periods) {
      for (const groupBy of ['field', 'agency'] as GroupBy[]) {
        for (const scope of [null, tree, [busiest.agency_id]]) {
          await env.ctx.db.transaction(async (tx) => {
            const q = { from, to, groupBy };
            const fromRollup = byKey(await countsFromRollup(tx, q, scope));
            expect(fromRollup, `${from}..${to} ${groupBy} ${scope?.length ?? 'all'}`).toEqual(byKey(await countsFromScan(tx, q, scope)));
            if (Object.keys(fromRollup).length) nonEmpty++;
          });
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(periods.length * 3);
  }
  const pendingCount = async () => Number((await rows<{ n: number }>(env.ctx.db, sql`SELECT count(*)::int AS n FROM bieu06_pending`))[0].n);
  const rollupRows = () =>
    rows<Record<string, unknown>>(
      env.ctx.db,
      sql`SELECT * FROM bieu06_rollup WHERE (recv_online, recv_direct, fin_early, fin_on_time, fin_late, od_start, od_end) <> (0, 0, 0, 0, 0, 0, 0) ORDER BY grain, period, agency_id, field_code`,
    );

  it('equals a scan of the dossiers while changes are pending, after folding, after changes of every kind and after a rebuild', async () => {
    expect(await pendingCount()).toBeGreaterThan(0);
    await expectEqualToScan();
    expect(await foldBieu06(env.ctx)).toBeGreaterThan(0);
    expect(await pendingCount()).toBe(0);
    await expectEqualToScan();

    // Changes any writer may make; the trigger appends −old/+new for each.
    const open = sql`SELECT id FROM dossiers WHERE status IN (2, 4, 5, 6) ORDER BY id`;
    await env.ctx.db.execute(sql`UPDATE dossiers SET due_at = due_at + interval '9 days' WHERE id IN (${open} LIMIT 15)`);
    await env.ctx.db.execute(sql`UPDATE dossiers SET status = 9, finished_at = received_at + interval '20 days' WHERE id IN (${open} LIMIT 15)`);
    await env.ctx.db.execute(sql`UPDATE dossiers SET agency_id = 'ag-so-xay-dung' WHERE id IN (SELECT id FROM dossiers WHERE agency_id <> 'ag-so-xay-dung' ORDER BY id LIMIT 10)`);
    await env.ctx.db.execute(sql`UPDATE dossiers SET channel = CASE channel WHEN 'online' THEN 'counter' ELSE 'online' END WHERE id IN (SELECT id FROM dossiers ORDER BY id DESC LIMIT 10)`);
    await env.ctx.db.execute(sql`UPDATE dossiers SET status = 3 WHERE id IN (${open} LIMIT 3)`);
    await env.ctx.db.execute(sql`UPDATE dossiers SET due_at = NULL WHERE id IN (${open} LIMIT 3)`);
    await env.ctx.db.execute(sql`UPDATE dossiers SET field_code = 'dat-dai' WHERE id IN (SELECT id FROM dossiers WHERE status = 10 ORDER BY id LIMIT 5)`);
    expect(await pendingCount()).toBeGreaterThan(40);
    await expectEqualToScan();

    // New dossiers through the engine while the worker folds.
    await Promise.all([
      loadDemoDossiers(env.ctx, { count: 30, seed: 77, resume: true }),
      (async () => {
        for (let i = 0; i < 8; i++) await foldBieu06(env.ctx);
      })(),
    ]);
    await expectEqualToScan();
    await foldBieu06(env.ctx);
    const folded = await rollupRows();
    await env.ctx.db.execute(sql`SELECT bieu06_rebuild()`);
    expect(await rollupRows()).toEqual(folded);
    await expectEqualToScan();
  });

  it('refuses a finish before receipt, on which the rollup rests', async () => {
    const [d] = await rows<{ id: string }>(env.ctx.db, sql`SELECT id FROM dossiers WHERE received_at IS NOT NULL ORDER BY id LIMIT 1`);
    const err = (await env.ctx.db.execute(sql`UPDATE dossiers SET status = 9, finished_at = received_at - interval '2 days' WHERE id = ${d.id}`).then(
      () => null,
      (e: unknown) => e,
    )) as { message: string; cause?: { message: string } } | null;
    expect(err?.cause?.message ?? err?.message).toMatch(/dossiers_finish_after_receipt/);
  });
});
