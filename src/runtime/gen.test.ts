import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../db/client.ts';
import { verifyEventChains } from '../modules/dossiers/verify.ts';
import { countsFromRollup, countsFromScan } from '../modules/reports/bieu06.ts';
import { ADMIN_PASSWORD, bearer, testEnv, type TestEnv } from '../testing/harness.ts';
import { generateProvince } from './gen.ts';

let env: TestEnv;

beforeAll(async () => {
  env = await testEnv({ catalogue: true });
  env.setNow(new Date('2026-06-15T03:00:00Z'));
  await generateProvince(env.ctx, { dossiers: 1500, years: 2, seed: 7, procedures: 200, fields: 50, adminPassword: ADMIN_PASSWORD, batch: 400 });
}, 120_000);

afterAll(async () => {
  await env?.close();
});

describe('motcua gen: a synthetic province', () => {
  it('extends the catalogue to the requested number of procedures, each published with its workflow', async () => {
    const [{ n, unpublished }] = await rows<{ n: number; unpublished: number }>(
      env.ctx.db,
      sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE published_version_id IS NULL)::int AS unpublished FROM procedures`,
    );
    expect(n).toBe(200);
    expect(unpublished).toBe(0);
    const [{ fields }] = await rows<{ fields: number }>(env.ctx.db, sql`SELECT count(*)::int AS fields FROM procedure_fields`);
    expect(fields).toBeGreaterThanOrEqual(50);
  });

  it('writes dossiers in every channel and in finished and open statuses, land filed most and late most', async () => {
    const byStatus = await rows<{ status: number; n: number }>(env.ctx.db, sql`SELECT status, count(*)::int AS n FROM dossiers GROUP BY 1`);
    const statuses = new Set(byStatus.map((r) => Number(r.status)));
    for (const s of [2, 4, 9, 10]) expect(statuses.has(s), `status ${s}`).toBe(true);
    expect(byStatus.reduce((a, r) => a + Number(r.n), 0)).toBe(1500);
    const channels = await rows<{ channel: string }>(env.ctx.db, sql`SELECT DISTINCT channel FROM dossiers ORDER BY 1`);
    expect(channels.map((c) => c.channel)).toEqual(['counter', 'online', 'postal']);
    const fields = await rows<{ field_code: string; n: number; late: number }>(
      env.ctx.db,
      sql`SELECT field_code, count(*)::int AS n, avg((timeliness = 'late')::int)::float AS late FROM dossiers GROUP BY 1 ORDER BY 2 DESC`,
    );
    expect(fields[0].field_code).toBe('DAT_DAI');
    const land = fields.find((f) => f.field_code === 'DAT_DAI')!;
    const civil = fields.find((f) => f.field_code === 'HO_TICH');
    if (civil) expect(Number(land.late)).toBeGreaterThan(Number(civil.late));
    const [{ supplemented }] = await rows<{ supplemented: number }>(env.ctx.db, sql`SELECT count(*)::int AS supplemented FROM dossiers WHERE supplement_count > 0`);
    expect(supplemented).toBeGreaterThan(0);
  });

  it('gives every dossier an event log whose hash chain verifies and matches the dossier', async () => {
    const r = await verifyEventChains(env.ctx);
    expect(r.dossiers).toBe(1500);
    expect(r.events).toBeGreaterThan(1500 * 3);
    expect(r.breaks).toEqual([]);
    const [{ bad }] = await rows<{ bad: number }>(
      env.ctx.db,
      sql`SELECT count(*)::int AS bad FROM dossiers d JOIN dossier_events e ON e.dossier_id = d.id AND e.seq = d.event_count WHERE e.to_status <> d.status`,
    );
    expect(bad).toBe(0);
  });

  it('leaves the code sequences ahead of the generated codes, so a new intake never collides', async () => {
    const last = await rows<{ code: string; received_at: Date }>(env.ctx.db, sql`SELECT code, received_at FROM dossiers WHERE code LIKE '000.00.01.H56-%' ORDER BY received_at DESC LIMIT 1`);
    expect(last.length).toBe(1);
    env.setNow(new Date(new Date(last[0].received_at).getTime() + 60_000));
    const token = await env.login('tiepnhan.tinh');
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: bearer(token),
      payload: { procedureCode: '1.902002', channel: 'counter', applicant: { fullName: 'Lê Thị Hồng', idNumber: '038190001234', phone: '0912345678', address: 'Thanh Hóa' }, components: [] },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().code).not.toBe(last[0].code);
  });

  it('gives Biểu 06 numbers over the generated years', async () => {
    const token = await env.login('admin');
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/reports/bieu-06?from=2025-01-01&to=2025-12-31', headers: bearer(token) });
    expect(res.statusCode, res.body).toBe(200);
    const total = res.json().total;
    expect(total.received.total).toBeGreaterThan(300);
    expect(total.resolved.late).toBeGreaterThan(0);
  });

  it('builds the Biểu 06 rollup once from the loaded dossiers, equal to a scan of them', async () => {
    // Only the intake of the test above is pending; the 1,500 generated dossiers are in the rollup.
    const [{ n, r }] = await rows<{ n: number; r: number }>(
      env.ctx.db,
      sql`SELECT (SELECT count(*) FROM bieu06_pending)::int AS n, (SELECT sum(recv_online + recv_direct) FROM bieu06_rollup WHERE grain = 'y')::int AS r`,
    );
    expect(Number(n)).toBeLessThanOrEqual(1);
    expect(Number(r)).toBeGreaterThan(1000);
    const byKey = (list: { key: string }[]) => Object.fromEntries(list.map((r) => [r.key, r]));
    for (const [from, to] of [['2024-06-15', '2026-06-15'], ['2025-01-01', '2025-12-31'], ['2025-03-15', '2025-04-14'], ['2026-06-01', '2026-06-15']]) {
      for (const groupBy of ['field', 'agency'] as const) {
        await env.ctx.db.transaction(async (tx) => {
          const rollup = await countsFromRollup(tx, { from, to, groupBy }, null);
          expect(rollup.length).toBeGreaterThan(0);
          expect(byKey(rollup)).toEqual(byKey(await countsFromScan(tx, { from, to, groupBy }, null)));
        });
      }
    }
  });
});
