import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
let admin: string;
beforeAll(async () => {
  env = await testEnv();
  admin = await env.login('admin');
});
afterAll(async () => env.close());

const get = (url: string, token: string) => env.app.inject({ method: 'GET', url, headers: bearer(token) });
const post = (url: string, token: string, payload: object) => env.app.inject({ method: 'POST', url, headers: bearer(token), payload });
const patch = (url: string, token: string, payload: object) => env.app.inject({ method: 'PATCH', url, headers: bearer(token), payload });

describe('GET /api/v1/agencies', () => {
  it('lists the current tree with electronic ids, parents and levels to any logged-in user', async () => {
    const token = await env.login('congdan');
    const res = await get('/api/v1/agencies', token);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; code: string; parentId: string | null; level: string; name: string }[];
    const province = items.find((a) => a.code === '000.00.00.H56')!;
    expect(province).toMatchObject({ parentId: null, level: 'province', name: 'Ủy ban nhân dân tỉnh Thanh Hóa' });
    expect(items.some((a) => a.level === 'commune' && a.parentId === province.id)).toBe(true);
    // The former districts ended on 30/06/2025: not in today's tree.
    expect(items.some((a) => a.level === 'district')).toBe(false);
  });

  it('keeps the former district level as history, with succession links', async () => {
    const res = await get('/api/v1/agencies?all=true', admin);
    const items = res.json().items as { id: string; name: string; level: string; validTo: string | null; predecessorIds: string[]; successorIds: string[] }[];
    const district = items.find((a) => a.name === 'Ủy ban nhân dân thành phố Thanh Hóa')!;
    expect(district).toMatchObject({ level: 'district', validTo: '2025-06-30' });
    const hacThanh = items.find((a) => a.name === 'Ủy ban nhân dân phường Hạc Thành')!;
    const names = hacThanh.predecessorIds.map((id) => items.find((a) => a.id === id)!.name).sort();
    expect(names).toEqual(['Ủy ban nhân dân phường Lam Sơn', 'Ủy ban nhân dân phường Điện Biên']);
    const dienBien = items.find((a) => a.name === 'Ủy ban nhân dân phường Điện Biên')!;
    expect(dienBien.successorIds).toEqual([hacThanh.id]);
  });

  it('shows the tree as it stood on a past date', async () => {
    const res = await get('/api/v1/agencies?onDate=2025-01-15', admin);
    const names = (res.json().items as { name: string }[]).map((a) => a.name);
    expect(names).toContain('Ủy ban nhân dân huyện Hoằng Hóa');
    expect(names).not.toContain('Ủy ban nhân dân xã Hoằng Hóa');
  });

  it('refuses a date that does not exist', async () => {
    const res = await get('/api/v1/agencies?onDate=2025-02-30', admin);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('onDate');
  });
});

describe('managing agencies', () => {
  it('an admin adds a commune with its administrative unit code, then edits it with its version', async () => {
    const res = await post('/api/v1/agencies', admin, {
      name: 'Ủy ban nhân dân xã Thọ Xuân', code: '000.00.64.H56', adminUnitCode: '15280', parentId: 'ag-tinh', level: 'commune', kind: 'people_committee',
    });
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ code: '000.00.64.H56', adminUnitCode: '15280', parentId: 'ag-tinh', version: 1, validTo: null });
    const edited = await patch(`/api/v1/agencies/${a.id}`, admin, { version: 1, shortName: 'UBND xã Thọ Xuân' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().version).toBe(2);
    // A second edit from the same stale copy is refused, not silently overwritten.
    const stale = await patch(`/api/v1/agencies/${a.id}`, admin, { version: 1, name: 'Tên khác' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
  });

  it('refuses a duplicate electronic id, a malformed one and a wrong-length unit code', async () => {
    const dup = await post('/api/v1/agencies', admin, { name: 'Trùng mã', code: '000.00.21.H56', parentId: 'ag-tinh', level: 'province', kind: 'department' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE_CODE');
    const bad = await post('/api/v1/agencies', admin, { name: 'Sai mã', code: 'H56', adminUnitCode: '123', parentId: 'ag-tinh', level: 'commune', kind: 'people_committee' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['adminUnitCode', 'code']);
  });

  it('refuses to move an agency under its own descendant', async () => {
    const cur = (await get('/api/v1/agencies/ag-p-hac-thanh', admin)).json();
    const res = await patch('/api/v1/agencies/ag-p-hac-thanh', admin, { version: cur.version, parentId: 'ag-p-hac-thanh-tt' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('parentId');
  });

  it('merges: ends an agency and records its successor', async () => {
    const res = await post('/api/v1/agencies/ag-x-ngoc-lac/end', admin, { validTo: '2026-12-31', successorIds: ['ag-x-hoang-hoa'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ validTo: '2026-12-31', successorIds: ['ag-x-hoang-hoa'] });
    const again = await post('/api/v1/agencies/ag-x-ngoc-lac/end', admin, { validTo: '2026-12-31', successorIds: [] });
    expect(again.statusCode).toBe(409);
  });

  it('only admins manage agencies, and a scoped admin only inside its subtree', async () => {
    const officer = await env.login('lanhdao.xaydung');
    const body = { name: 'Phòng mới', code: '000.05.60.H56', parentId: 'ag-p-hac-thanh', level: 'commune', kind: 'division' };
    const refused = await post('/api/v1/agencies', officer, body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');

    const created = await post('/api/v1/users', admin, {
      username: 'qt.hacthanh', password: 'QuanTri2026', fullName: 'Quản trị phường Hạc Thành', grants: [{ role: 'admin', agencyId: 'ag-p-hac-thanh' }],
    });
    expect(created.statusCode).toBe(201);
    const scoped = await env.login('qt.hacthanh', 'QuanTri2026');
    expect((await post('/api/v1/agencies', scoped, body)).statusCode).toBe(201);
    const outside = await post('/api/v1/agencies', scoped, { ...body, code: '000.05.61.H56', parentId: 'ag-x-hoang-hoa' });
    expect(outside.statusCode).toBe(403);
  });

  it('records agency changes in the audit log', async () => {
    const res = await get('/api/v1/audit?type=agency_created', admin);
    expect(res.json().total).toBeGreaterThanOrEqual(2);
    expect(res.json().items[0].actorName).toBeTruthy();
  });
});
