import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
let admin: string;
beforeAll(async () => {
  env = await testEnv();
  admin = await env.login('admin');
});
afterAll(async () => env.close());

const req = (method: 'GET' | 'POST' | 'PATCH', url: string, token: string, payload?: object) =>
  env.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

describe('users and roles', () => {
  it('the demo has at least one user of every role', async () => {
    const res = await req('GET', '/api/v1/users?pageSize=200', admin);
    const roles = new Set((res.json().items as { roles: string[] }[]).flatMap((u) => u.roles));
    for (const r of ['citizen', 'reception', 'specialist', 'head', 'leader', 'clerk', 'reform', 'supervisor', 'admin']) expect(roles).toContain(r);
  });

  it('an admin creates an officer in an agency, who can then log in', async () => {
    const res = await req('POST', '/api/v1/users', admin, {
      username: 'Tiepnhan.SamSon', password: 'MatKhau2026', fullName: 'Trịnh Văn Bình', email: 'binh@example.vn', phone: '0912345678',
      grants: [{ role: 'reception', agencyId: 'ag-p-sam-son-tt' }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'tiepnhan.samson', roles: ['reception'], grants: [{ role: 'reception', agencyName: 'Trung tâm Phục vụ hành chính công phường Sầm Sơn' }] });
    const token = await env.login('tiepnhan.samson', 'MatKhau2026');
    const me = await req('GET', '/api/v1/auth/me', token);
    expect(me.json().user.fullName).toBe('Trịnh Văn Bình');
  });

  it('refuses duplicates, weak passwords, officer roles without an agency and unknown roles', async () => {
    const dup = await req('POST', '/api/v1/users', admin, { username: 'congdan', password: 'MatKhau2026', fullName: 'X', grants: [] });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE_USERNAME');
    const weak = await req('POST', '/api/v1/users', admin, { username: 'yeu', password: '123', fullName: 'X', grants: [] });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details[0].path).toBe('password');
    const noAgency = await req('POST', '/api/v1/users', admin, { username: 'khongcq', password: 'MatKhau2026', fullName: 'X', grants: [{ role: 'specialist' }] });
    expect(noAgency.statusCode).toBe(400);
    expect(noAgency.json().error.details[0].path).toBe('grants.0');
    const badRole = await req('POST', '/api/v1/users', admin, { username: 'vaitro', password: 'MatKhau2026', fullName: 'X', grants: [{ role: 'king' }] });
    expect(badRole.statusCode).toBe(400);
    const badEmail = await req('POST', '/api/v1/users', admin, { username: 'email', password: 'MatKhau2026', fullName: 'X', email: 'not-an-email', grants: [] });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().error.details[0].path).toBe('email');
  });

  it('changing roles is recorded and applies at once; resetting a password revokes sessions', async () => {
    const list = await req('GET', '/api/v1/users?q=chuyenvien.hacthanh', admin);
    const u = list.json().items[0];
    const token = await env.login('chuyenvien.hacthanh');
    const res = await req('PATCH', `/api/v1/users/${u.id}`, admin, { grants: [{ role: 'head', agencyId: 'ag-p-hac-thanh' }] });
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual(['head']);
    expect((await req('GET', '/api/v1/auth/me', token)).json().user.roles).toEqual(['head']);
    const audit = await req('GET', '/api/v1/audit?type=grants_changed', admin);
    expect(audit.json().items[0]).toMatchObject({ subject: 'chuyenvien.hacthanh' });
    expect(audit.json().items[0].details.before[0].role).toBe('specialist');

    await req('PATCH', `/api/v1/users/${u.id}`, admin, { password: 'MoiMoi2026' });
    expect((await req('GET', '/api/v1/auth/me', token)).statusCode).toBe(401);
    await env.login('chuyenvien.hacthanh', 'MoiMoi2026');
  });

  it('a disabled account cannot log in', async () => {
    const u = (await req('GET', '/api/v1/users?q=vanthu', admin)).json().items[0];
    await req('PATCH', `/api/v1/users/${u.id}`, admin, { active: false });
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'vanthu.xaydung', password: 'Demo@2026' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('ACCOUNT_DISABLED');
  });

  it('the wrong role is refused on every user endpoint', async () => {
    const officer = await env.login('tiepnhan.tinh');
    const anyId = (await req('GET', '/api/v1/users', admin)).json().items[0].id;
    for (const [m, url, body] of [
      ['GET', '/api/v1/users', undefined],
      ['POST', '/api/v1/users', { username: 'abc', password: 'MatKhau2026', fullName: 'X', grants: [] }],
      ['PATCH', `/api/v1/users/${anyId}`, { fullName: 'Y' }],
      ['POST', `/api/v1/users/${anyId}/unlock`, undefined],
      ['GET', '/api/v1/audit', undefined],
    ] as const) {
      const res = await req(m, url, officer, body);
      expect(res.statusCode, `${m} ${url}`).toBe(403);
    }
  });

  it('a scoped admin sees and manages only people of its subtree, and grants only there', async () => {
    await req('POST', '/api/v1/users', admin, {
      username: 'qt.hoanghoa', password: 'QuanTri2026', fullName: 'Quản trị xã Hoằng Hóa', grants: [{ role: 'admin', agencyId: 'ag-x-hoang-hoa' }],
    });
    const scoped = await env.login('qt.hoanghoa', 'QuanTri2026');
    const seen = (await req('GET', '/api/v1/users?pageSize=200', scoped)).json().items.map((u: { username: string }) => u.username);
    expect(seen).toContain('tiepnhan.hoanghoa');
    expect(seen).not.toContain('tiepnhan.hacthanh');
    const outside = await req('POST', '/api/v1/users', scoped, {
      username: 'ngoaipv', password: 'MatKhau2026', fullName: 'X', grants: [{ role: 'reception', agencyId: 'ag-p-hac-thanh-tt' }],
    });
    expect(outside.statusCode).toBe(403);
    const systemWide = await req('POST', '/api/v1/users', scoped, { username: 'toanhethong', password: 'MatKhau2026', fullName: 'X', grants: [{ role: 'admin' }] });
    expect(systemWide.statusCode).toBe(403);
    const inside = await req('POST', '/api/v1/users', scoped, {
      username: 'tiepnhan2.hoanghoa', password: 'MatKhau2026', fullName: 'Cán bộ mới', grants: [{ role: 'reception', agencyId: 'ag-x-hoang-hoa-tt' }],
    });
    expect(inside.statusCode).toBe(201);
    const other = (await req('GET', '/api/v1/users?q=tiepnhan.hacthanh', admin)).json().items[0];
    expect((await req('PATCH', `/api/v1/users/${other.id}`, scoped, { fullName: 'Đổi' })).statusCode).toBe(403);
  });
});
