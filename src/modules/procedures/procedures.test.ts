import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCatalogue, loadDemoCatalogue } from '../../demo/catalogue.ts';
import { AppError } from '../../http/errors.ts';
import { bearer, testEnv, type TestEnv } from '../../testing/harness.ts';
import { importProceduresCsv } from './import.ts';
import { foldVietnamese } from './text.ts';
import { standardWorkflow } from './workflow.ts';

let env: TestEnv;
let app: FastifyInstance;
let admin: string;
beforeAll(async () => {
  env = await testEnv({ catalogue: true });
  app = env.app;
  admin = await env.login('admin');
});
afterAll(async () => {
  await env?.close();
});

const get = (url: string, token?: string) => app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} });
const send = (method: 'POST' | 'PUT', url: string, token: string | undefined, payload?: object) =>
  app.inject({ method, url, headers: token ? bearer(token) : {}, ...(payload ? { payload } : {}) });

type Summary = { id: string; code: string; name: string; field: { code: string }; levels: string[]; onlineType: string; agencies: { id: string }[]; cases: { durationAmount: number }[] };

const fullDraft = (over: Record<string, unknown> = {}) => ({
  code: '1.999001',
  name: 'Cấp giấy phép tổ chức bắn pháo hoa nổ',
  fieldCode: 'VAN_HOA',
  levels: ['province'],
  agencyIds: ['ag-so-noi-vu'],
  steps: 'Bước 1: Nộp hồ sơ. Bước 2: Thẩm định. Bước 3: Trả kết quả.',
  submissionMeans: 'Trực tiếp hoặc trực tuyến.',
  dossierComponents: [{ name: 'Văn bản đề nghị', originals: 1, copies: 0, template: 'Mẫu 01' }],
  timeLimit: '05 ngày làm việc',
  applicants: 'Tổ chức',
  competentAgency: 'Sở Nội vụ',
  result: 'Giấy phép',
  fees: [{ name: 'Lệ phí', amount: 100000 }],
  onlineType: 'partial',
  cases: [{ code: 'MD', name: 'Thông thường', durationAmount: 5, durationUnit: 'working_days', workflow: standardWorkflow(40, { processing: 'ag-so-noi-vu' }) }],
  ...over,
});

describe('the demo catalogue', () => {
  it('holds at least 150 procedures over at least 15 fields, every one published with a valid workflow', async () => {
    const { procedures, fields } = demoCatalogue();
    expect(procedures.length).toBeGreaterThanOrEqual(150);
    expect(new Set(procedures.map((p) => p.code)).size).toBe(procedures.length);
    const res = await get('/api/v1/fields');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; name: string; count: number }[];
    expect(items.length).toBeGreaterThanOrEqual(15);
    expect(items.length).toBe(fields.length);
    expect(items.reduce((a, f) => a + f.count, 0)).toBe(procedures.length);
    for (const name of ['Đất đai', 'Xây dựng', 'Hộ tịch', 'Chứng thực', 'Thành lập và hoạt động doanh nghiệp']) {
      expect(items.find((f) => f.name === name)?.count).toBeGreaterThan(0);
    }
  });
});

describe('GET /api/v1/procedures', () => {
  it('finds a procedure without diacritics and without logging in', async () => {
    const res = await get('/api/v1/procedures?q=cap%20giay%20phep%20xay%20dung');
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json() as { items: Summary[]; total: number };
    expect(total).toBeGreaterThanOrEqual(3);
    expect(items.map((i) => i.name)).toContain('Cấp giấy phép xây dựng nhà ở riêng lẻ');
    for (const i of items) expect(foldVietnamese(i.name)).toMatch(/cap.*giay phep.*xay dung|xay dung/);
    const house = items.find((i) => i.name === 'Cấp giấy phép xây dựng nhà ở riêng lẻ')!;
    expect(house).toMatchObject({ field: { code: 'XAY_DUNG' }, levels: ['commune'], cases: [{ durationAmount: 15, durationUnit: 'working_days' }] });
    expect(house.agencies.map((a) => a.id)).toContain('ag-p-hac-thanh');
  });

  it('finds the same with diacritics, and by code', async () => {
    const a = (await get(`/api/v1/procedures?q=${encodeURIComponent('Cấp giấy phép xây dựng')}`)).json();
    const b = (await get('/api/v1/procedures?q=cap%20giay%20phep%20xay%20dung')).json();
    expect(a.total).toBe(b.total);
    const byCode = (await get('/api/v1/procedures?q=1.903001')).json();
    expect(byCode.items[0]).toMatchObject({ code: '1.903001', name: 'Đăng ký khai sinh' });
  });

  it('filters by field, level, agency and online service, and pages', async () => {
    const hoTich = (await get('/api/v1/procedures?field=HO_TICH&pageSize=100')).json();
    expect(hoTich.total).toBe(15);
    expect((hoTich.items as Summary[]).every((i) => i.field.code === 'HO_TICH')).toBe(true);
    const full = (await get('/api/v1/procedures?level=province&online=full&pageSize=100')).json();
    expect(full.total).toBeGreaterThan(10);
    expect((full.items as Summary[]).every((i) => i.levels.includes('province') && i.onlineType === 'full')).toBe(true);
    const tuPhap = (await get('/api/v1/procedures?agency=ag-so-tu-phap&pageSize=100')).json();
    expect((tuPhap.items as Summary[]).every((i) => i.agencies.some((a) => a.id === 'ag-so-tu-phap'))).toBe(true);
    expect(tuPhap.total).toBeGreaterThan(0);
    const page2 = (await get('/api/v1/procedures?field=HO_TICH&pageSize=10&page=2')).json();
    expect(page2).toMatchObject({ total: 15 });
    expect(page2.items).toHaveLength(5);
    const none = (await get('/api/v1/procedures?q=khong%20co%20thu%20tuc%20nay')).json();
    expect(none).toEqual({ items: [], total: 0 });
  });

  it('refuses a bad filter with a Vietnamese validation error', async () => {
    const res = await get('/api/v1/procedures?level=district');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_ERROR');
  });
});

describe('GET /api/v1/procedures/:id', () => {
  it('shows every component, the cases with their cutoff and the workflow, by national code', async () => {
    const res = await get('/api/v1/procedures/1.904001');
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.name).toMatch(/^Chứng thực bản sao từ bản chính/);
    expect(p).toMatchObject({ status: 'published', versionNumber: 1, boundaryFree: true, field: { code: 'CHUNG_THUC', name: 'Chứng thực' } });
    for (const k of ['steps', 'submissionMeans', 'timeLimit', 'applicants', 'competentAgency', 'result', 'legalBasis']) expect(p[k]).toBeTruthy();
    expect(p.dossierComponents.length).toBeGreaterThan(0);
    expect(p.cases[0]).toMatchObject({ code: 'MD', durationAmount: 1, durationUnit: 'working_days', sameDayCutoff: '15:00' });
    expect(p.cases[0].workflow.steps.length).toBeGreaterThanOrEqual(3);
    expect((await get(`/api/v1/procedures/${p.id}`)).json().code).toBe('1.904001');
  });

  it('answers 404 for an unknown procedure', async () => {
    const res = await get('/api/v1/procedures/9.999999');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});

describe('editing and publishing', () => {
  it('creates a draft, publishes it, edits it into a new version and keeps the old one readable', async () => {
    const created = await send('POST', '/api/v1/procedures', admin, fullDraft());
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ status: 'draft', versionNumber: 1 });
    // A draft is not public yet.
    expect((await get(`/api/v1/procedures/${id}`)).statusCode).toBe(404);
    const pub = await send('POST', `/api/v1/procedures/${id}/publish`, admin);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'published', versionNumber: 1 });

    const edited = await send('PUT', `/api/v1/procedures/${id}/draft`, admin, { ...fullDraft({ name: 'Cấp giấy phép bắn pháo hoa nổ (sửa đổi)' }), code: undefined, version: pub.json().rowVersion });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ status: 'draft', versionNumber: 2 });
    // Saving again edits the same draft; a stale version is refused.
    const again = await send('PUT', `/api/v1/procedures/${id}/draft`, admin, { ...fullDraft({ name: 'Cấp giấy phép bắn pháo hoa nổ (sửa đổi 2)' }), code: undefined });
    expect(again.json().versionNumber).toBe(2);
    const stale = await send('PUT', `/api/v1/procedures/${id}/draft`, admin, { ...fullDraft(), code: undefined, version: pub.json().rowVersion });
    expect(stale.statusCode).toBe(409);
    // The public still sees version 1 until the draft is published.
    expect((await get(`/api/v1/procedures/${id}`)).json()).toMatchObject({ versionNumber: 1, name: 'Cấp giấy phép tổ chức bắn pháo hoa nổ' });
    const publicVersions = (await get(`/api/v1/procedures/${id}/versions`)).json().items;
    expect(publicVersions.map((v: { number: number }) => v.number)).toEqual([1]);
    expect((await get(`/api/v1/procedures/${id}/versions/2`)).statusCode).toBe(404);
    expect((await get(`/api/v1/procedures/${id}/versions/2`, admin)).json().status).toBe('draft');

    expect((await send('POST', `/api/v1/procedures/${id}/publish`, admin)).statusCode).toBe(200);
    const now = (await get(`/api/v1/procedures/${id}`)).json();
    expect(now).toMatchObject({ versionNumber: 2, name: 'Cấp giấy phép bắn pháo hoa nổ (sửa đổi 2)' });
    const versions = (await get(`/api/v1/procedures/${id}/versions`)).json().items;
    expect(versions.map((v: { number: number; status: string }) => `${v.number}:${v.status}`)).toEqual(['2:published', '1:archived']);
    const old = (await get(`/api/v1/procedures/${id}/versions/1`)).json();
    expect(old).toMatchObject({ status: 'archived', name: 'Cấp giấy phép tổ chức bắn pháo hoa nổ' });
    expect(old.cases[0].workflow.steps.length).toBe(5);
    // Search follows the published name.
    expect((await get('/api/v1/procedures?q=phao%20hoa%20sua%20doi')).json().total).toBe(1);
    // Nothing to publish now.
    expect((await send('POST', `/api/v1/procedures/${id}/publish`, admin)).json().error.code).toBe('NO_DRAFT');
  });

  it('refuses to publish an invalid workflow, with the reasons and their paths', async () => {
    const wf = standardWorkflow(80, { processing: 'ag-so-noi-vu' }); // 10 days of quotas for a 5-day case
    wf.steps.push({ id: 'treo', name: 'Chờ ý kiến', role: 'specialist', quotaHours: 1 });
    wf.transitions.push({ from: 'tham-dinh', to: 'treo', kind: 'handoff' });
    const created = await send('POST', '/api/v1/procedures', admin, fullDraft({ code: '1.999002', cases: [{ code: 'MD', name: 'Thông thường', durationAmount: 5, durationUnit: 'working_days', workflow: wf }] }));
    expect(created.statusCode).toBe(201);
    const res = await send('POST', `/api/v1/procedures/${created.json().id}/publish`, admin);
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('WORKFLOW_INVALID');
    const details = err.details as { path: string; message: string }[];
    expect(details.some((d) => d.path === 'cases[0].workflow.steps[5]' && d.message.includes('ngõ cụt'))).toBe(true);
    expect(details.some((d) => d.path === 'cases[0].workflow.steps' && d.message.includes('vượt thời hạn giải quyết 40 giờ'))).toBe(true);
  });

  it('refuses to publish a procedure missing some of the seven components', async () => {
    const created = await send('POST', '/api/v1/procedures', admin, fullDraft({ code: '1.999003', applicants: null, dossierComponents: [], cases: [] }));
    const res = await send('POST', `/api/v1/procedures/${created.json().id}/publish`, admin);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INCOMPLETE_PROCEDURE');
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual(['dossierComponents', 'applicants', 'cases']);
  });

  it('refuses a duplicate code, an unknown field and an unknown agency', async () => {
    const dup = await send('POST', '/api/v1/procedures', admin, fullDraft({ code: '1.903001' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE_CODE');
    const bad = await send('POST', '/api/v1/procedures', admin, fullDraft({ code: '1.999004', fieldCode: 'KHONG_CO', agencyIds: ['ag-khong-co'] }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(['fieldCode', 'agencyIds']);
  });

  it('only admins manage the catalogue', async () => {
    const officer = await env.login('lanhdao.xaydung');
    const citizen = await env.login('congdan');
    expect((await send('POST', '/api/v1/procedures', undefined, fullDraft({ code: '1.999005' }))).statusCode).toBe(401);
    const refused = await send('POST', '/api/v1/procedures', officer, fullDraft({ code: '1.999005' }));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    const target = (await get('/api/v1/procedures/1.903001')).json().id;
    expect((await send('PUT', `/api/v1/procedures/${target}/draft`, citizen, { ...fullDraft(), code: undefined })).statusCode).toBe(403);
    expect((await send('POST', `/api/v1/procedures/${target}/publish`, officer)).statusCode).toBe(403);
    // A citizen sees no drafts either.
    expect((await get(`/api/v1/procedures/${target}/versions`, citizen)).json().items).toHaveLength(1);
  });
});

describe('importing from CSV', () => {
  const header = 'MaTTHC,TenTTHC,MaLinhVuc,TenLinhVuc,CapThucHien,CoQuanThucHien,ThoiHan,DonViThoiHan,DichVuCongTrucTuyen,PhiDiaGioi,TrinhTu,CachThuc,ThanhPhanHoSo,DoiTuong,KetQua,CanCuPhapLy,PhiLePhi';
  const row = (code: string, name: string, over: Partial<Record<string, string>> = {}) => {
    const v: Record<string, string> = {
      MaTTHC: code, TenTTHC: name, MaLinhVuc: 'TIN_NGUONG', TenLinhVuc: 'Tín ngưỡng, tôn giáo', CapThucHien: 'Cấp tỉnh',
      CoQuanThucHien: '000.00.24.H56', ThoiHan: '20', DonViThoiHan: 'Ngày làm việc', DichVuCongTrucTuyen: 'Một phần', PhiDiaGioi: 'Không',
      TrinhTu: 'Bước 1: nộp hồ sơ, Bước 2: thẩm định', CachThuc: 'Trực tiếp', ThanhPhanHoSo: 'Văn bản đề nghị|1|0|Mẫu B1\nDanh sách người tham gia',
      DoiTuong: 'Tổ chức tôn giáo', KetQua: 'Văn bản chấp thuận', CanCuPhapLy: 'Luật Tín ngưỡng, tôn giáo 2016', PhiLePhi: 'Không', ...over,
    };
    return header.split(',').map((c) => `"${(v[c] ?? '').replace(/"/g, '""')}"`).join(',');
  };

  it('imports nothing when a row is bad, and names every bad row with its reason', async () => {
    const csv = [
      header,
      row('1.998001', 'Đăng ký sinh hoạt tôn giáo tập trung'),
      row('1.998002', 'Thông báo tổ chức cuộc lễ ngoài cơ sở tôn giáo', { ThoiHan: 'mười', CapThucHien: 'Cấp huyện' }),
      row('1.998003', 'Đề nghị tổ chức hội nghị thường niên', { CoQuanThucHien: '000.99.99.H56' }),
      row('1.998001', 'Trùng mã'),
    ].join('\r\n');
    const err = await importProceduresCsv(env.ctx, csv).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe('IMPORT_INVALID');
    const details = e.details as { path: string; message: string }[];
    expect(details.filter((d) => d.path === 'Dòng 3').map((d) => d.message).join(' ')).toMatch(/Cấp huyện.*Thời hạn "mười"/);
    expect(details.find((d) => d.path === 'Dòng 5')?.message).toContain('trùng với dòng 2');
    expect(details.find((d) => d.path === 'Dòng 4')?.message).toContain('000.99.99.H56');
    expect(details.some((d) => d.path === 'Dòng 2')).toBe(false);
    // All or nothing: the good row was not imported either.
    expect((await get('/api/v1/procedures/1.998001')).statusCode).toBe(404);
    expect((await get('/api/v1/fields')).json().items.some((f: { code: string }) => f.code === 'TIN_NGUONG')).toBe(false);
  });

  it('imports valid rows and publishes them; a known code gets a new version', async () => {
    const csv = `${header}\n${row('1.998011', 'Đăng ký người được bổ nhiệm, bầu cử chức việc', { PhiLePhi: 'Lệ phí|50.000' })}\n${row('1.998012', 'Thông báo danh mục hoạt động tôn giáo')}\n`;
    expect(await importProceduresCsv(env.ctx, csv)).toEqual({ created: 2, updated: 0, fields: 1, newFields: 1 });
    const p = (await get('/api/v1/procedures/1.998011')).json();
    expect(p).toMatchObject({ status: 'published', field: { name: 'Tín ngưỡng, tôn giáo' }, levels: ['province'], onlineType: 'partial', fees: [{ name: 'Lệ phí', amount: 50000 }] });
    expect(p.agencies).toEqual([{ id: 'ag-so-noi-vu', name: 'Sở Nội vụ' }]);
    expect(p.dossierComponents).toEqual([
      { name: 'Văn bản đề nghị', originals: 1, copies: 0, template: 'Mẫu B1' },
      { name: 'Danh sách người tham gia', originals: 1, copies: 0, template: null },
    ]);
    expect((await get('/api/v1/procedures?q=dang%20ky%20nguoi%20duoc%20bo%20nhiem')).json().total).toBe(1);

    const again = `${header}\r\n${row('1.998012', 'Thông báo danh mục hoạt động tôn giáo hằng năm', { ThoiHan: '15' })}\r\n`;
    expect(await importProceduresCsv(env.ctx, again)).toEqual({ created: 0, updated: 1, fields: 1, newFields: 0 });
    const v2 = (await get('/api/v1/procedures/1.998012')).json();
    expect(v2).toMatchObject({ versionNumber: 2, name: 'Thông báo danh mục hoạt động tôn giáo hằng năm', cases: [{ durationAmount: 15 }] });
    expect((await get('/api/v1/procedures/1.998012/versions/1')).json().status).toBe('archived');
  });

  it('reports a missing column and a broken file', async () => {
    const noCol = await importProceduresCsv(env.ctx, 'MaTTHC,TenTTHC\n1.998020,Tên').catch((e: AppError) => e);
    expect((noCol as AppError).details).toEqual([{ path: 'Dòng 1', message: expect.stringContaining('MaLinhVuc') }]);
    const broken = await importProceduresCsv(env.ctx, `${header}\n"1.998021,Tên`).catch((e: AppError) => e);
    expect((broken as AppError).code).toBe('IMPORT_INVALID');
  });
});

describe('loading the demo catalogue again', () => {
  it('changes nothing', async () => {
    const before = (await get('/api/v1/procedures?pageSize=1')).json().total;
    await loadDemoCatalogue(env.ctx);
    expect((await get('/api/v1/procedures?pageSize=1')).json().total).toBe(before);
    const p = (await get('/api/v1/procedures/1.901002')).json();
    expect(p.dossierComponents[0]).toMatchObject({ template: 'Mẫu số 11/ĐK' });
  });
});
