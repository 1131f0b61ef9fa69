import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { loadDemoDossiers } from '../../demo/dossiers.ts';
import { bearer, testEnv, type TestEnv } from '../../testing/harness.ts';
import { raiseDeadlineAlerts } from './alerts.ts';
import { verifyEventChains } from './verify.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ catalogue: true });
});
afterAll(async () => {
  await env?.close();
});

describe('demo dossiers and deadline warnings', () => {
  it('the demo dossiers are made through the engine: every channel, many statuses, real events, nothing in the future', async () => {
    env.setNow(new Date('2026-11-20T03:00:00Z'));
    const n = await loadDemoDossiers(env.ctx, { count: 150, seed: 7 });
    expect(n).toBe(150);
    const statuses = await rows<{ status: number }>(env.ctx.db, sql`SELECT DISTINCT status FROM dossiers`);
    expect(statuses.length).toBeGreaterThanOrEqual(5);
    const channels = await rows<{ channel: string }>(env.ctx.db, sql`SELECT DISTINCT channel FROM dossiers ORDER BY 1`);
    expect(channels.map((c) => c.channel)).toEqual(['counter', 'online', 'postal']);
    const [future] = await rows<{ n: number }>(env.ctx.db, sql`SELECT count(*)::int AS n FROM dossier_events WHERE at > '2026-11-20T03:00:00Z'`);
    expect(future.n).toBe(0);
    const [late] = await rows<{ n: number }>(env.ctx.db, sql`SELECT count(*)::int AS n FROM dossiers WHERE timeliness = 'late'`);
    expect(late.n).toBeGreaterThan(0);
    const chains = await verifyEventChains(env.ctx);
    expect(chains.dossiers).toBe(150);
    expect(chains.breaks).toEqual([]);
    // Codes are unique and follow the pattern.
    const [bad] = await rows<{ n: number }>(env.ctx.db, sql`SELECT count(*)::int AS n FROM dossiers WHERE code IS NOT NULL AND code !~ '^[0-9A-Z.]+-[0-9]{6}-[0-9]{4}$'`);
    expect(bad.n).toBe(0);
  });

  it('warns the officer holding a dossier and the heads ahead of the due date and when overdue, once each', async () => {
    env.setNow(new Date('2026-11-23T02:00:00Z')); // Monday 09:00
    const token = await env.login('tiepnhan.tinh');
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: bearer(token),
      payload: { procedureCode: '1.902002', channel: 'counter', applicant: { fullName: 'Lê Văn Cảnh', idNumber: '038090001111', phone: '0912345678', address: 'Thanh Hóa' } },
    });
    expect(res.statusCode).toBe(201);
    const d = res.json() as { id: string; version: number; dueAt: string };
    const fwd = await env.app.inject({ method: 'POST', url: `/api/v1/dossiers/${d.id}/actions`, headers: bearer(token), payload: { action: 'forward', expectedVersion: d.version } });
    expect(fwd.statusCode).toBe(200);
    // Half a working day before the due date.
    env.setNow(new Date(Date.parse(d.dueAt) - 4 * 3_600_000));
    const first = await raiseDeadlineAlerts(env.ctx);
    expect(first.dueSoon).toBeGreaterThan(0);
    const again = await raiseDeadlineAlerts(env.ctx);
    expect(again.dueSoon).toBe(0);
    const head = await env.login('truongphong.xaydung');
    const list = await env.app.inject({ method: 'GET', url: '/api/v1/alerts?unread=true', headers: bearer(head) });
    expect(list.statusCode).toBe(200);
    const body = list.json() as { unread: number; items: { kind: string; dossier: { id: string } }[] };
    expect(body.items.some((a) => a.kind === 'due_soon' && a.dossier.id === d.id)).toBe(true);
    env.setNow(new Date(Date.parse(d.dueAt) + 3_600_000));
    const over = await raiseDeadlineAlerts(env.ctx);
    expect(over.overdue).toBeGreaterThan(0);
    const head2 = await env.login('truongphong.xaydung');
    const read = await env.app.inject({ method: 'POST', url: '/api/v1/alerts/read', headers: bearer(head2), payload: { ids: 'all' } });
    expect(read.statusCode).toBe(204);
    const after = await env.app.inject({ method: 'GET', url: '/api/v1/alerts?unread=true', headers: bearer(head2) });
    expect(after.json().unread).toBe(0);
  });
});
