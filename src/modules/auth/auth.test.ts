import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bearer, testEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => env.close());

describe('login', () => {
  it('returns a token, the user with roles, and an httpOnly session cookie', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(body.user).toMatchObject({ username: 'admin', fullName: 'Quản trị hệ thống', roles: ['admin'] });
    expect(typeof body.user.id).toBe('string');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/motcua_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('refuses wrong credentials with 401 INVALID_CREDENTIALS, the same for unknown users', async () => {
    for (const username of ['admin', 'khong-ton-tai']) {
      const res = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'sai-mat-khau-1' } });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
      expect(res.json().error.message).toMatch(/không đúng/);
    }
  });

  it('accepts the cookie and the Bearer token; logout revokes the session', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'noivu', password: 'Demo@2026' } });
    const token = res.json().token as string;
    const viaCookie = await env.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { motcua_session: token } });
    expect(viaCookie.statusCode).toBe(200);
    expect(viaCookie.json().user.grants[0]).toMatchObject({ role: 'reform', agencyName: 'Sở Nội vụ' });
    const viaBearer = await env.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
    expect(viaBearer.statusCode).toBe(200);
    const out = await env.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(token) });
    expect(out.statusCode).toBe(204);
    const after = await env.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('sessions expire', async () => {
    const token = await env.login('giamsat.hdnd');
    env.advance(13 * 3600_000);
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
    expect(res.statusCode).toBe(401);
  });

  it('slows repeated failures, then locks the account for a while; the admin can unlock', async () => {
    const attempt = (password: string) =>
      env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'congdan', password } });
    for (let i = 0; i < 5; i++) expect((await attempt('sai-mat-khau-1')).statusCode).toBe(401);
    // Slowed: even the right password must wait.
    const slowed = await attempt('Demo@2026');
    expect(slowed.statusCode).toBe(429);
    expect(slowed.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    for (let i = 0; i < 5; i++) {
      env.advance(120_000);
      await attempt('sai-mat-khau-1');
    }
    env.advance(1000);
    const locked = await attempt('Demo@2026');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(locked.json().error.message).toMatch(/tạm khóa/);

    const admin = await env.login('admin');
    const list = await env.app.inject({ method: 'GET', url: '/api/v1/users?q=congdan', headers: bearer(admin) });
    const user = list.json().items[0];
    expect(user.lockedUntil).not.toBeNull();
    const unlock = await env.app.inject({ method: 'POST', url: `/api/v1/users/${user.id}/unlock`, headers: bearer(admin) });
    expect(unlock.statusCode).toBe(200);
    expect((await attempt('Demo@2026')).statusCode).toBe(200);
  });

  it('records logins, failures and logouts in the audit log', async () => {
    const admin = await env.login('admin');
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/audit?pageSize=200', headers: bearer(admin) });
    const types = new Set((res.json().items as { type: string }[]).map((i) => i.type));
    for (const t of ['login', 'login_failed', 'logout', 'account_locked', 'user_unlocked']) expect(types).toContain(t);
  });
});

describe('errors a client can cause', () => {
  it('validation errors are 400 VALIDATION_ERROR naming the fields, in Vietnamese', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 42 } });
    expect(res.statusCode).toBe(400);
    const e = res.json().error;
    expect(e.code).toBe('VALIDATION_ERROR');
    expect(e.details.map((d: { path: string }) => d.path).sort()).toEqual(['password', 'username']);
    expect(e.message).toMatch(/không hợp lệ/);
  });
  it('malformed JSON is 400 INVALID_JSON, an unknown route 404 NOT_FOUND, a wrong content type 415', async () => {
    const bad = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{oops' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_JSON');
    const nf = await env.app.inject({ method: 'GET', url: '/api/v1/khong-co' });
    expect(nf.statusCode).toBe(404);
    expect(nf.json().error.code).toBe('NOT_FOUND');
    const ct = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
    expect(ct.statusCode).toBe(415);
    expect(ct.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
  it('a protected route without a session is 401 UNAUTHENTICATED; a forged token too', async () => {
    for (const headers of [{}, bearer('forged-token'), bearer('x'.repeat(500))]) {
      const res = await env.app.inject({ method: 'GET', url: '/api/v1/agencies', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('system', () => {
  it('health answers with the engine and version', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite', version: env.ctx.version });
  });
  it('publishes OpenAPI 3.1 listing the routes, and the docs page', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const p of ['/api/v1/health', '/api/v1/auth/login', '/api/v1/agencies', '/api/v1/users']) expect(doc.paths).toHaveProperty([p]);
    const docs = await env.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
  });
  it('public info names the province without a login', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/public/info' });
    expect(res.json().provinceName).toBe('Tỉnh Thanh Hóa');
  });
});
