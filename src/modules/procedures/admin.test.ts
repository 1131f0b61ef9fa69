import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testEnv, type TestEnv } from '../../testing/harness.ts';
import { standardWorkflow } from './workflow.ts';

let env: TestEnv;
let app: FastifyInstance;
let admin: string;
/** An admin granted at phường Hạc Thành only. */
let wardAdmin: string;
let officer: string;

beforeAll(async () => {
  env = await testEnv({ catalogue: true });
  app = env.app;
  admin = await env.login('admin');
  officer = await env.login('lanhdao.xaydung');
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: bearer(admin),
    payload: { username: 'quantri.hacthanh', password: 'QuanTri2026', fullName: 'Trịnh Văn Quang', grants: [{ role: 'admin', agencyId: 'ag-p-hac-thanh' }] },
  });
  expect(created.statusCode).toBe(201);
  wardAdmin = await env.login('quantri.hacthanh', 'QuanTri2026');
});
afterAll(async () => {
  await env?.close();
});

const get = (url: string, token?: string) => app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} });
const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, token: string | undefined, payload?: object) =>
  app.inject({ method, url, headers: token ? bearer(token) : {}, ...(payload ? { payload } : {}) });

const content = (over: Record<string, unknown> = {}) => ({
  name: 'Cấp phép tổ chức lễ hội truyền thống',
  fieldCode: 'VAN_HOA',
  levels: ['province'],
  agencyIds: ['ag-so-noi-vu'],
  steps: 'Nộp hồ sơ, thẩm định, trả kết quả.',
  submissionMeans: 'Trực tiếp hoặc trực tuyến.',
  dossierComponents: [{ name: 'Văn bản đề nghị', originals: 1, copies: 0, template: 'Mẫu 01' }],
  timeLimit: '05 ngày làm việc',
  applicants: 'Tổ chức',
  competentAgency: 'Sở Nội vụ',
  result: 'Văn bản chấp thuận',
  fees: [],
  cases: [{ code: 'MD', name: 'Thông thường', durationAmount: 5, durationUnit: 'working_days', workflow: standardWorkflow(40) }],
  ...over,
});

async function create(code: string, over: Record<string, unknown> = {}, token = admin) {
  env.advance(60_000);
  const res = await send('POST', '/api/v1/procedures', token, { code, ...content(over) });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; rowVersion: number };
}

async function auditTypes(type: string): Promise<{ subject: string; details: Record<string, unknown> }[]> {
  return (await get(`/api/v1/audit?type=${type}`, admin)).json().items;
}

type AdminItem = {
  id: string;
  code: string;
  name: string;
  field: { code: string };
  publishedVersion: number | null;
  draftVersion: number | null;
  versionsCount: number;
  rowVersion: number;
};

describe('GET /api/v1/admin/procedures', () => {
  it('lists never-published and draft procedures beside published ones, searched without diacritics', async () => {
    const fresh = await create('1.997001', { name: 'Công nhận làng nghề truyền thống' });
    const list = (await get('/api/v1/admin/procedures?q=lang%20nghe%20truyen%20thong', admin)).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: fresh.id, code: '1.997001', name: 'Công nhận làng nghề truyền thống', publishedVersion: null, draftVersion: 1, versionsCount: 1 });
    // The public catalogue does not show it.
    expect((await get('/api/v1/procedures?q=lang%20nghe%20truyen%20thong')).json().total).toBe(0);

    const all = (await get('/api/v1/admin/procedures?pageSize=1', admin)).json();
    const published = (await get('/api/v1/procedures?pageSize=1')).json();
    expect(all.total).toBe(published.total + 1);
    // Most recently changed first.
    expect(all.items[0].id).toBe(fresh.id);
  });

  it('filters by field and by status', async () => {
    const hoTich = (await get('/api/v1/admin/procedures?field=HO_TICH&pageSize=100', admin)).json();
    expect(hoTich.total).toBe(15);
    expect((hoTich.items as AdminItem[]).every((i) => i.field.code === 'HO_TICH' && i.publishedVersion === 1 && i.draftVersion === null)).toBe(true);
    const target = hoTich.items[0] as AdminItem;
    expect((await send('POST', `/api/v1/procedures/${target.id}/draft`, admin)).statusCode).toBe(201);
    const drafts = (await get('/api/v1/admin/procedures?status=draft&field=HO_TICH', admin)).json();
    expect(drafts.items.map((i: AdminItem) => `${i.code}:${i.publishedVersion}:${i.draftVersion}:${i.versionsCount}`)).toEqual([`${target.code}:1:2:2`]);
    const unpublished = (await get('/api/v1/admin/procedures?status=unpublished&pageSize=100', admin)).json();
    expect((unpublished.items as AdminItem[]).every((i) => i.publishedVersion === null)).toBe(true);
    expect(unpublished.items.map((i: AdminItem) => i.code)).toContain('1.997001');
    expect((await send('DELETE', `/api/v1/procedures/${target.id}/draft`, admin)).statusCode).toBe(200);
  });

  it('is for admins only', async () => {
    expect((await get('/api/v1/admin/procedures')).statusCode).toBe(401);
    const res = await get('/api/v1/admin/procedures', officer);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect((await get('/api/v1/admin/procedures?status=archived', admin)).json().error.code).toBe('VALIDATION_ERROR');
  });
});

describe('POST /api/v1/procedures/:id/draft', () => {
  it('starts version 2 as a copy of the published version, which stays public', async () => {
    const p = await create('1.997010');
    const pub = (await send('POST', `/api/v1/procedures/${p.id}/publish`, admin)).json();
    const res = await send('POST', `/api/v1/procedures/${p.id}/draft`, admin, { version: pub.rowVersion });
    expect(res.statusCode).toBe(201);
    const draft = res.json();
    expect(draft).toMatchObject({ status: 'draft', versionNumber: 2, name: 'Cấp phép tổ chức lễ hội truyền thống', dossierComponents: [{ name: 'Văn bản đề nghị', template: 'Mẫu 01' }] });
    expect(draft.cases[0].workflow.steps.map((s: { id: string }) => s.id)).toEqual(pub.cases[0].workflow.steps.map((s: { id: string }) => s.id));
    expect((await get(`/api/v1/procedures/${p.id}`)).json()).toMatchObject({ versionNumber: 1, status: 'published' });

    // Editing the draft leaves version 1 as it was.
    const saved = await send('PUT', `/api/v1/procedures/${p.id}/draft`, admin, { ...content({ name: 'Cấp phép tổ chức lễ hội (sửa đổi)' }), version: draft.rowVersion });
    expect(saved.json()).toMatchObject({ versionNumber: 2, name: 'Cấp phép tổ chức lễ hội (sửa đổi)' });
    expect((await get(`/api/v1/procedures/${p.id}/versions/1`)).json().name).toBe('Cấp phép tổ chức lễ hội truyền thống');

    const again = await send('POST', `/api/v1/procedures/${p.id}/draft`, admin);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DRAFT_EXISTS');
    const audit = await auditTypes('procedure_draft_started');
    expect(audit[0]).toMatchObject({ subject: '1.997010 Cấp phép tổ chức lễ hội truyền thống', details: { versionNumber: 2, fromVersion: 1 } });
  });

  it('restores an earlier version as the new draft', async () => {
    const p = await create('1.997011');
    await send('POST', `/api/v1/procedures/${p.id}/publish`, admin);
    await send('PUT', `/api/v1/procedures/${p.id}/draft`, admin, content({ name: 'Tên mới của thủ tục' }));
    await send('POST', `/api/v1/procedures/${p.id}/publish`, admin);
    const res = await send('POST', `/api/v1/procedures/${p.id}/draft`, admin, { from: 1 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ versionNumber: 3, status: 'draft', name: 'Cấp phép tổ chức lễ hội truyền thống' });
    expect((await get(`/api/v1/procedures/${p.id}`)).json()).toMatchObject({ versionNumber: 2, name: 'Tên mới của thủ tục' });
    expect((await send('POST', `/api/v1/procedures/9.999999/draft`, admin)).statusCode).toBe(404);
  });

  it('refuses a stale version, a missing source, and someone who may not edit the procedure', async () => {
    const p = await create('1.997012');
    // Never published: there is nothing to copy from.
    expect((await send('POST', `/api/v1/procedures/${p.id}/draft`, admin)).json().error.code).toBe('DRAFT_EXISTS');
    const pub = (await send('POST', `/api/v1/procedures/${p.id}/publish`, admin)).json();
    const stale = await send('POST', `/api/v1/procedures/${p.id}/draft`, admin, { version: pub.rowVersion - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
    expect((await send('POST', `/api/v1/procedures/${p.id}/draft`, admin, { from: 7 })).statusCode).toBe(404);
    expect((await send('POST', `/api/v1/procedures/${p.id}/draft`, officer)).statusCode).toBe(403);
    // The ward's admin does not administer the Department of Home Affairs' procedures.
    const ward = await send('POST', `/api/v1/procedures/${p.id}/draft`, wardAdmin);
    expect(ward.statusCode).toBe(403);
    expect((await get('/api/v1/admin/procedures?status=draft&q=1.997012', admin)).json().total).toBe(0);
  });
});

describe('DELETE /api/v1/procedures/:id/draft', () => {
  it('discards the draft of a published procedure and keeps the published version', async () => {
    const p = await create('1.997020');
    await send('POST', `/api/v1/procedures/${p.id}/publish`, admin);
    const draft = (await send('PUT', `/api/v1/procedures/${p.id}/draft`, admin, content({ name: 'Bản sửa bỏ đi' }))).json();
    const stale = await send('DELETE', `/api/v1/procedures/${p.id}/draft?version=${draft.rowVersion - 1}`, admin);
    expect(stale.statusCode).toBe(409);
    const res = await send('DELETE', `/api/v1/procedures/${p.id}/draft?version=${draft.rowVersion}`, admin);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ procedureDeleted: false, procedure: { versionNumber: 1, status: 'published', name: 'Cấp phép tổ chức lễ hội truyền thống' } });
    expect((await get(`/api/v1/procedures/${p.id}/versions`, admin)).json().items.map((v: { number: number }) => v.number)).toEqual([1]);
    // The next draft takes number 2 again.
    expect((await send('POST', `/api/v1/procedures/${p.id}/draft`, admin)).json().versionNumber).toBe(2);
    expect((await auditTypes('procedure_draft_discarded'))[0].subject).toBe('1.997020 Bản sửa bỏ đi');
  });

  it('removes a procedure that was never published', async () => {
    const p = await create('1.997021', { name: 'Thủ tục nhập nhầm' });
    const res = await send('DELETE', `/api/v1/procedures/${p.id}/draft`, admin);
    expect(res.json()).toEqual({ procedureDeleted: true, procedure: null });
    expect((await get(`/api/v1/procedures/${p.id}/versions`, admin)).statusCode).toBe(404);
    expect((await get('/api/v1/admin/procedures?q=nhap%20nham', admin)).json().total).toBe(0);
    expect((await auditTypes('procedure_deleted'))[0].subject).toBe('1.997021 Thủ tục nhập nhầm');
    // The code is free again.
    await create('1.997021');
  });

  it('answers NO_DRAFT when there is none, and refuses others', async () => {
    const target = (await get('/api/v1/procedures/1.903001')).json();
    const none = await send('DELETE', `/api/v1/procedures/${target.id}/draft`, admin);
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('NO_DRAFT');
    await send('POST', `/api/v1/procedures/${target.id}/draft`, admin);
    expect((await send('DELETE', `/api/v1/procedures/${target.id}/draft`, officer)).statusCode).toBe(403);
    expect((await send('DELETE', `/api/v1/procedures/${target.id}/draft`, wardAdmin)).statusCode).toBe(403);
    expect((await send('DELETE', `/api/v1/procedures/${target.id}/draft`, undefined)).statusCode).toBe(401);
    expect((await send('DELETE', `/api/v1/procedures/${target.id}/draft`, admin)).statusCode).toBe(200);
  });

  it("lets a ward's admin manage the ward's own procedures", async () => {
    const p = await create('1.997022', { agencyIds: ['ag-p-hac-thanh'], levels: ['commune'] }, wardAdmin);
    expect((await send('POST', `/api/v1/procedures/${p.id}/publish`, wardAdmin)).statusCode).toBe(200);
    expect((await send('POST', `/api/v1/procedures/${p.id}/draft`, wardAdmin)).statusCode).toBe(201);
    expect((await send('DELETE', `/api/v1/procedures/${p.id}/draft`, wardAdmin)).json().procedureDeleted).toBe(false);
  });
});

describe('fields (lĩnh vực)', () => {
  it('adds and renames a field, audited, and refuses a duplicate code', async () => {
    const res = await send('POST', '/api/v1/fields', admin, { code: 'TIN_NGUONG_2', name: 'Tín ngưỡng' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ code: 'TIN_NGUONG_2', name: 'Tín ngưỡng', count: 0 });
    const dup = await send('POST', '/api/v1/fields', admin, { code: 'TIN_NGUONG_2', name: 'Khác' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE_CODE');
    const renamed = await send('PUT', '/api/v1/fields/TIN_NGUONG_2', admin, { name: 'Tín ngưỡng, tôn giáo' });
    expect(renamed.json()).toEqual({ code: 'TIN_NGUONG_2', name: 'Tín ngưỡng, tôn giáo', count: 0 });
    expect((await get('/api/v1/fields')).json().items).toContainEqual({ code: 'TIN_NGUONG_2', name: 'Tín ngưỡng, tôn giáo', count: 0 });
    expect((await auditTypes('procedure_field_renamed'))[0].details).toMatchObject({ before: 'Tín ngưỡng', after: 'Tín ngưỡng, tôn giáo' });
    expect((await auditTypes('procedure_field_created'))[0].subject).toBe('TIN_NGUONG_2 Tín ngưỡng');
    // A procedure can use it straight away.
    await create('1.997030', { fieldCode: 'TIN_NGUONG_2' });
  });

  it('refuses bad input, an unknown field, and anyone but a system-wide admin', async () => {
    expect((await send('POST', '/api/v1/fields', admin, { code: 'X', name: '' })).json().error.code).toBe('VALIDATION_ERROR');
    expect((await send('PUT', '/api/v1/fields/KHONG_CO', admin, { name: 'Không có' })).statusCode).toBe(404);
    expect((await send('POST', '/api/v1/fields', officer, { code: 'MOI', name: 'Lĩnh vực mới' })).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/fields', wardAdmin, { code: 'MOI', name: 'Lĩnh vực mới' })).statusCode).toBe(403);
    expect((await send('PUT', '/api/v1/fields/HO_TICH', wardAdmin, { name: 'Hộ tịch mới' })).statusCode).toBe(403);
    expect((await get('/api/v1/fields')).json().items.find((f: { code: string }) => f.code === 'HO_TICH').name).toBe('Hộ tịch');
  });
});

describe('POST /api/v1/procedures/validate-workflow', () => {
  const check = (payload: object, token = admin) => send('POST', '/api/v1/procedures/validate-workflow', token, payload);

  it('answers no problems for a workflow within the legal duration', async () => {
    const res = await check({ workflow: standardWorkflow(40), durationAmount: 5, durationUnit: 'working_days' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ problems: [], legalHours: 40 });
    expect(body.longestPathHours).toBeLessThanOrEqual(40);
    expect(body.longestPath).toEqual(['tiep-nhan', 'tham-dinh', 'xem-xet', 'phe-duyet', 'tra-ket-qua']);
  });

  it('names every problem of a draft workflow, with paths, without saving anything', async () => {
    const wf = {
      steps: [
        { id: 'a', name: 'Tiếp nhận', role: 'reception', quotaHours: 4 },
        { id: 'b', name: 'Thụ lý', role: 'specialist', quotaHours: 30 },
        { id: 'c', name: 'Phê duyệt', role: 'leader', quotaHours: 8 },
        { id: 'd', name: 'Chờ bổ sung', role: 'specialist', quotaHours: 1 },
      ],
      transitions: [
        { from: 'a', to: 'b', kind: 'forward' },
        { from: 'b', to: 'c', kind: 'forward' },
        { from: 'c', to: 'b', kind: 'send_back' },
        { from: 'b', to: 'd', kind: 'handoff' },
      ],
      start: 'a',
      ends: ['c'],
    };
    const body = (await check({ workflow: wf, durationAmount: 24, durationUnit: 'working_hours' })).json();
    expect(body.legalHours).toBe(24);
    expect(body.longestPathHours).toBe(42);
    expect(body.problems).toContainEqual({ path: 'workflow.steps', message: expect.stringContaining('vượt thời hạn giải quyết 24 giờ') });
    expect(body.problems).toContainEqual({ path: 'workflow.steps[3]', message: expect.stringContaining('ngõ cụt') });

    const loop = { ...wf, transitions: [...wf.transitions, { from: 'c', to: 'a', kind: 'forward' }] };
    const looped = (await check({ workflow: loop, durationAmount: 10, durationUnit: 'working_days' })).json();
    expect(looped.longestPathHours).toBeNull();
    expect(looped.problems.some((p: { path: string }) => p.path === 'workflow.transitions')).toBe(true);
  });

  it('refuses a malformed request and anyone but an admin', async () => {
    expect((await check({ workflow: { steps: [] }, durationAmount: 5, durationUnit: 'weeks' })).json().error.code).toBe('VALIDATION_ERROR');
    expect((await check({ workflow: standardWorkflow(8), durationAmount: 1, durationUnit: 'working_days' }, officer)).statusCode).toBe(403);
    const anon = await app.inject({ method: 'POST', url: '/api/v1/procedures/validate-workflow', payload: { workflow: standardWorkflow(8), durationAmount: 1, durationUnit: 'working_days' } });
    expect(anon.statusCode).toBe(401);
  });
});
