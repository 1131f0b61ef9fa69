import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => env.close());

describe('GET /api/v1/public/agencies', () => {
  it('lists the active agencies without logging in, with only what a citizen needs', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/public/agencies' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    const soXayDung = items.find((a) => a.code === '000.00.21.H56');
    expect(soXayDung).toEqual({
      id: expect.any(String),
      name: 'Sở Xây dựng',
      shortName: null,
      code: '000.00.21.H56',
      parentId: items.find((a) => a.code === '000.00.00.H56')!.id,
      level: 'province',
      kind: 'department',
    });
    // Today's tree only: the former district level ended on 30/06/2025.
    expect(items.some((a) => a.level === 'district')).toBe(false);
    expect(items.some((a) => a.name === 'Ủy ban nhân dân phường Hạc Thành')).toBe(true);
    // The authenticated list still requires a login.
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/agencies' })).statusCode).toBe(401);
  });

  it('follows the clock: an agency ended yesterday is gone', async () => {
    const admin = (await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'Admin@12345' } })).json().token;
    const all = (await env.app.inject({ method: 'GET', url: '/api/v1/public/agencies' })).json().items as { id: string; code: string }[];
    const soCongThuong = all.find((a) => a.code === '000.00.26.H56')!;
    const ended = await env.app.inject({
      method: 'POST',
      url: `/api/v1/agencies/${soCongThuong.id}/end`,
      headers: { authorization: `Bearer ${admin}` },
      payload: { validTo: '2026-03-01' },
    });
    expect(ended.statusCode).toBe(200);
    const after = (await env.app.inject({ method: 'GET', url: '/api/v1/public/agencies' })).json().items as { code: string }[];
    expect(after.some((a) => a.code === '000.00.26.H56')).toBe(false);
  });
});
