import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { zDate } from '../../http/zod-vi.ts';
import { requireAnyRole } from '../auth/access.ts';
import {
  ADMIN_STATUSES,
  checkWorkflow,
  createField,
  createProcedure,
  discardDraft,
  listProceduresForAdmin,
  renameField,
  startDraft,
  getProcedureVersion,
  getPublishedProcedure,
  listFields,
  listProcedures,
  listProcedureVersions,
  ONLINE_TYPES,
  PROCEDURE_LEVELS,
  publishProcedure,
  saveDraft,
  VERSION_STATUSES,
} from './service.ts';
import { DURATION_UNITS, TRANSITION_KINDS } from './workflow.ts';

const tags = ['Thủ tục hành chính'];
const zCode = z.string().trim().min(1).max(40);

export const zWorkflow = z.object({
  steps: z
    .array(
      z.object({
        id: z.string().trim().min(1).max(60),
        name: z.string().trim().min(1).max(200),
        role: z.string().trim().min(1).max(40),
        agencyId: z.string().max(100).nullish(),
        quotaHours: z.number().min(0).max(100000).describe('Thời gian định mức (giờ làm việc)'),
      }),
    )
    .max(50),
  transitions: z.array(z.object({ from: z.string().max(60), to: z.string().max(60), kind: z.enum(TRANSITION_KINDS) })).max(200),
  start: z.string().max(60),
  ends: z.array(z.string().max(60)).max(50),
});

const zCaseBase = z.object({
  code: zCode,
  name: z.string().trim().min(1).max(500),
  durationAmount: z.number().int().min(0).max(10000),
  durationUnit: z.enum(DURATION_UNITS),
  sameDayCutoff: z
    .string()
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'Giờ chốt có dạng HH:MM')
    .nullable()
    .describe('Giờ chốt tiếp nhận để trả kết quả trong ngày, dạng HH:MM'),
});

const zComponent = z.object({
  name: z.string().trim().min(1).max(1000),
  originals: z.number().int().min(0).max(100),
  copies: z.number().int().min(0).max(100),
  template: z.string().max(300).nullish().describe('Mẫu đơn, tờ khai'),
});
const zFee = z.object({ name: z.string().trim().min(1).max(500), amount: z.number().min(0).max(1e12), note: z.string().max(1000).nullish() });
const text = (max = 20000) => z.string().max(max).nullish();

const zContent = z.object({
  name: z.string().trim().min(2).max(1000),
  fieldCode: zCode,
  levels: z.array(z.enum(PROCEDURE_LEVELS)).max(3),
  agencyIds: z.array(z.string().max(100)).max(200),
  steps: text().describe('Trình tự thực hiện'),
  submissionMeans: text().describe('Cách thức thực hiện'),
  dossierComponents: z.array(zComponent).max(200).optional().describe('Thành phần, số lượng hồ sơ'),
  timeLimit: text(2000).describe('Thời hạn giải quyết'),
  applicants: text(5000).describe('Đối tượng thực hiện'),
  competentAgency: text(5000).describe('Cơ quan thực hiện'),
  result: text(5000).describe('Kết quả thực hiện'),
  fees: z.array(zFee).max(100).optional(),
  legalBasis: text(),
  onlineType: z.enum(ONLINE_TYPES).optional().describe('full: toàn trình, partial: một phần, none: không'),
  boundaryFree: z.boolean().optional().describe('Tiếp nhận không phụ thuộc địa giới hành chính'),
  decision: z.object({ number: z.string().trim().min(1).max(100), date: zDate, effectiveDate: zDate.nullish() }).nullish(),
  cases: z.array(zCaseBase.extend({ sameDayCutoff: zCaseBase.shape.sameDayCutoff.optional(), workflow: zWorkflow.nullish() })).max(50).optional(),
});

const zCaseOut = zCaseBase;
const zSummary = z.object({
  id: z.string(),
  code: z.string().describe('Mã thủ tục trên Cơ sở dữ liệu quốc gia, ví dụ 1.001193'),
  name: z.string(),
  field: z.object({ code: z.string(), name: z.string() }),
  levels: z.array(z.enum(PROCEDURE_LEVELS)),
  onlineType: z.enum(ONLINE_TYPES),
  boundaryFree: z.boolean(),
  agencies: z.array(z.object({ id: z.string(), name: z.string() })),
  cases: z.array(zCaseOut),
});
const zDetail = zSummary.extend({
  localCode: z.string().nullable(),
  rowVersion: z.number(),
  versionNumber: z.number(),
  status: z.enum(VERSION_STATUSES),
  steps: z.string().nullable(),
  submissionMeans: z.string().nullable(),
  dossierComponents: z.array(zComponent),
  timeLimit: z.string().nullable(),
  applicants: z.string().nullable(),
  competentAgency: z.string().nullable(),
  result: z.string().nullable(),
  fees: z.array(zFee),
  legalBasis: z.string().nullable(),
  decision: z.object({ number: z.string(), date: z.string().nullable(), effectiveDate: z.string().nullable() }).nullable(),
  publishedAt: z.string().nullable(),
  cases: z.array(zCaseOut.extend({ workflow: zWorkflow.nullable() })),
});
const zIdParam = z.object({ id: z.string().max(100) });
const zAdminItem = zSummary.extend({
  localCode: z.string().nullable(),
  rowVersion: z.number(),
  publishedVersion: z.number().nullable().describe('Số phiên bản đang công bố; null khi chưa công bố'),
  publishedAt: z.string().nullable(),
  draftVersion: z.number().nullable().describe('Số phiên bản dự thảo; null khi không có'),
  versionsCount: z.number(),
  updatedAt: z.string(),
});
const zField = z.object({ code: z.string(), name: z.string(), count: z.number() });
const zFieldName = z.string().trim().min(2).max(300);

/** Catalogue admins also see drafts. */
const seesDrafts = (req: FastifyRequest) => !!req.principal?.grants.some((g) => g.role === 'admin');

export const procedureRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/procedures',
      {
        schema: {
          tags,
          summary: 'Tra cứu thủ tục hành chính (không cần đăng nhập; tìm không dấu được)',
          querystring: z.object({
            q: z.string().max(200).optional().describe('Tên hoặc mã thủ tục, có dấu hoặc không dấu'),
            field: z.string().max(40).optional().describe('Mã lĩnh vực'),
            level: z.enum(PROCEDURE_LEVELS).optional(),
            agency: z.string().max(100).optional().describe('Id cơ quan thực hiện'),
            online: z.enum(ONLINE_TYPES).optional(),
            page: z.coerce.number().int().min(1).max(100000).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: { 200: z.object({ items: z.array(zSummary), total: z.number() }) },
        },
      },
      async (req) => listProcedures(ctx, req.query),
    );
    r.get(
      '/procedures/:id',
      {
        schema: {
          tags,
          summary: 'Chi tiết thủ tục đang công bố (theo id hoặc mã thủ tục)',
          params: zIdParam,
          response: { 200: zDetail },
        },
      },
      async (req) => getPublishedProcedure(ctx, req.params.id),
    );
    r.get(
      '/procedures/:id/versions',
      {
        schema: {
          tags,
          summary: 'Các phiên bản của thủ tục (bản dự thảo chỉ hiện với quản trị)',
          params: zIdParam,
          response: {
            200: z.object({
              items: z.array(
                z.object({ number: z.number(), status: z.enum(VERSION_STATUSES), name: z.string(), publishedAt: z.string().nullable(), createdAt: z.string() }),
              ),
            }),
          },
        },
      },
      async (req) => ({ items: await listProcedureVersions(ctx, req.params.id, seesDrafts(req)) }),
    );
    r.get(
      '/procedures/:id/versions/:n',
      {
        schema: {
          tags,
          summary: 'Một phiên bản của thủ tục',
          params: zIdParam.extend({ n: z.coerce.number().int().min(1).max(100000) }),
          response: { 200: zDetail },
        },
      },
      async (req) => getProcedureVersion(ctx, req.params.id, req.params.n, seesDrafts(req)),
    );
    r.get(
      '/fields',
      {
        schema: {
          tags,
          summary: 'Lĩnh vực và số thủ tục đang công bố',
          response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), count: z.number() })) }) },
        },
      },
      async () => ({ items: await listFields(ctx) }),
    );
    r.post(
      '/procedures',
      {
        schema: {
          tags,
          summary: 'Thêm thủ tục (bản dự thảo phiên bản 1)',
          body: zContent.extend({ code: zCode, localCode: z.string().trim().max(40).nullish() }),
          response: { 201: zDetail },
        },
      },
      async (req, reply) => {
        const p = requireAnyRole(req, ['admin']);
        return reply.status(201).send(await createProcedure(ctx, p, req.body, req.ip ?? null));
      },
    );
    r.put(
      '/procedures/:id/draft',
      {
        schema: {
          tags,
          summary: 'Sửa bản dự thảo (tạo dự thảo mới từ bản đang công bố nếu chưa có)',
          params: zIdParam,
          body: zContent.extend({ version: z.number().int().min(1).optional().describe('rowVersion đã đọc, để tránh ghi đè') }),
          response: { 200: zDetail },
        },
      },
      async (req) => {
        const p = requireAnyRole(req, ['admin']);
        const { version, ...content } = req.body;
        return saveDraft(ctx, p, req.params.id, content, version, req.ip ?? null);
      },
    );
    r.post(
      '/procedures/:id/publish',
      {
        schema: {
          tags,
          summary: 'Công bố bản dự thảo (kiểm tra đủ 7 bộ phận và quy trình hợp lệ)',
          params: zIdParam,
          body: z.object({ version: z.number().int().min(1).optional() }).nullish(),
          response: { 200: zDetail },
        },
      },
      async (req) => publishProcedure(ctx, requireAnyRole(req, ['admin']), req.params.id, req.body?.version, req.ip ?? null),
    );

    // Administration of the catalogue (quản trị danh mục).
    r.get(
      '/admin/procedures',
      {
        schema: {
          tags,
          summary: 'Danh mục thủ tục cho quản trị: cả bản dự thảo và thủ tục chưa công bố',
          querystring: z.object({
            q: z.string().max(200).optional().describe('Tên, mã hoặc mã địa phương, có dấu hoặc không dấu'),
            field: z.string().max(40).optional().describe('Mã lĩnh vực'),
            status: z.enum(ADMIN_STATUSES).optional().describe('published: đang công bố; draft: có bản dự thảo; unpublished: chưa từng công bố'),
            page: z.coerce.number().int().min(1).max(100000).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: { 200: z.object({ items: z.array(zAdminItem), total: z.number() }) },
        },
      },
      async (req) => {
        requireAnyRole(req, ['admin']);
        return listProceduresForAdmin(ctx, req.query);
      },
    );
    r.post(
      '/procedures/validate-workflow',
      {
        schema: {
          tags,
          summary: 'Kiểm tra quy trình nội bộ của một trường hợp (không lưu, không công bố)',
          body: z.object({ workflow: zWorkflow, durationAmount: zCaseBase.shape.durationAmount, durationUnit: zCaseBase.shape.durationUnit }),
          response: {
            200: z.object({
              problems: z.array(z.object({ path: z.string(), message: z.string() })),
              longestPathHours: z.number().nullable().describe('Tổng định mức trên đường xử lý dài nhất (giờ làm việc); null khi các bước chuyển tiếp tạo vòng lặp'),
              longestPath: z.array(z.string()),
              legalHours: z.number().describe('Thời hạn giải quyết quy ra giờ làm việc'),
            }),
          },
        },
      },
      async (req) => {
        requireAnyRole(req, ['admin']);
        return checkWorkflow(req.body.workflow, req.body.durationAmount, req.body.durationUnit);
      },
    );
    r.post(
      '/procedures/:id/draft',
      {
        schema: {
          tags,
          summary: 'Tạo bản dự thảo mới từ bản đang công bố (hoặc từ một phiên bản cũ để khôi phục)',
          params: zIdParam,
          body: z
            .object({
              from: z.number().int().min(1).max(100000).optional().describe('Số phiên bản làm gốc; mặc định bản đang công bố'),
              version: z.number().int().min(1).optional().describe('rowVersion đã đọc'),
            })
            .nullish(),
          response: { 201: zDetail },
        },
      },
      async (req, reply) => {
        const p = requireAnyRole(req, ['admin']);
        return reply.status(201).send(await startDraft(ctx, p, req.params.id, req.body?.from, req.body?.version, req.ip ?? null));
      },
    );
    r.delete(
      '/procedures/:id/draft',
      {
        schema: {
          tags,
          summary: 'Hủy bản dự thảo (thủ tục chưa từng công bố thì bị xóa khỏi danh mục)',
          params: zIdParam,
          querystring: z.object({ version: z.coerce.number().int().min(1).optional().describe('rowVersion đã đọc') }),
          response: { 200: z.object({ procedureDeleted: z.boolean(), procedure: zDetail.nullable() }) },
        },
      },
      async (req) => discardDraft(ctx, requireAnyRole(req, ['admin']), req.params.id, req.query.version, req.ip ?? null),
    );
    r.post(
      '/fields',
      {
        schema: {
          tags,
          summary: 'Thêm lĩnh vực (quản trị toàn hệ thống)',
          body: z.object({ code: zCode, name: zFieldName }),
          response: { 201: zField },
        },
      },
      async (req, reply) => reply.status(201).send(await createField(ctx, requireAnyRole(req, ['admin']), req.body, req.ip ?? null)),
    );
    r.put(
      '/fields/:code',
      {
        schema: {
          tags,
          summary: 'Đổi tên lĩnh vực (quản trị toàn hệ thống)',
          params: z.object({ code: z.string().max(40) }),
          body: z.object({ name: zFieldName }),
          response: { 200: zField },
        },
      },
      async (req) => renameField(ctx, requireAnyRole(req, ['admin']), req.params.code, req.body.name, req.ip ?? null),
    );
  };
