/**
 * Biểu 06 as laid out on paper (JSON sheet and XLSX) and the Sổ theo dõi hồ
 * sơ (JSON pages and a streamed XLSX). Registered inside reportRoutes.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { zDate } from '../../http/zod-vi.ts';
import { requireUser } from '../auth/access.ts';
import { bieu06Sheet } from './sheet.ts';
import { trackingBatches, trackingPage, trackingScope } from './tracking.ts';
import { attachment, bieu06Workbook, fileName, trackingWorkbook, XLSX_TYPE } from './xlsx.ts';

const tags = ['Báo cáo'];

const zCounts = z.object({
  received: z.object({ total: z.number(), carriedOver: z.number(), online: z.number(), direct: z.number() }),
  resolved: z.object({ total: z.number(), early: z.number(), onTime: z.number(), late: z.number() }),
  inProgress: z.object({ total: z.number(), withinDeadline: z.number(), overdue: z.number() }),
});

const zAgencyRef = z.object({ id: z.string(), name: z.string() });

const zPeriod = z.object({
  from: zDate.describe('Ngày đầu kỳ (YYYY-MM-DD, giờ Việt Nam)'),
  to: zDate.describe('Ngày cuối kỳ (YYYY-MM-DD)'),
  agency: z.string().max(100).optional().describe('Chỉ tính các cơ quan thuộc cơ quan này (id hoặc mã định danh)'),
});
const zBieu06Query = zPeriod.extend({
  groupBy: z.enum(['field', 'agency']).default('field').describe('field: theo lĩnh vực; agency: theo cơ quan giải quyết'),
});

const zHead = {
  from: z.string(),
  to: z.string(),
  agency: zAgencyRef.nullable(),
  unit: z.string().describe('Đơn vị báo cáo'),
  place: z.string().describe('Địa danh ghi trước ngày tháng ở phần ký'),
  period: z.string().describe('Dòng "Kỳ báo cáo: …"'),
};

const zTrackingLine = z.object({
  stt: z.number(),
  id: z.string(),
  code: z.string().nullable(),
  procedure: z.object({ code: z.string(), name: z.string() }),
  caseName: z.string(),
  sets: z.number(),
  applicant: z.object({ name: z.string(), address: z.string(), phone: z.string() }),
  agency: zAgencyRef,
  channel: z.enum(['counter', 'online', 'postal']),
  status: z.number(),
  receivedAt: z.string(),
  dueAt: z.string().nullable(),
  forwardedAt: z.string().nullable(),
  resultAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  timeliness: z.enum(['early', 'on_time', 'late']).nullable(),
  supplementCount: z.number(),
  note: z.string(),
});

export const reportExportRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/reports/bieu-06/sheet',
      {
        schema: {
          tags,
          summary: 'Biểu 06 theo bố cục của biểu mẫu: đơn vị báo cáo, kỳ báo cáo, các dòng (có dòng cộng của cơ quan cấp trên)',
          description:
            'Mỗi dòng có drill: { key } (mã lĩnh vực hoặc id cơ quan, dùng với /reports/bieu-06/dossiers?key=) ' +
            'hoặc { agency } (cả cây cơ quan, dùng với /reports/bieu-06/dossiers?agency=).',
          querystring: zBieu06Query,
          response: {
            200: z.object({
              ...zHead,
              groupBy: z.enum(['field', 'agency']),
              lines: z.array(
                z.object({
                  kind: z.enum(['row', 'group']),
                  stt: z.string(),
                  name: z.string(),
                  depth: z.number(),
                  drill: z.union([z.object({ key: z.string() }), z.object({ agency: z.string() })]),
                  counts: zCounts,
                }),
              ),
              total: zCounts,
            }),
          },
        },
      },
      async (req) => bieu06Sheet(ctx, requireUser(req), req.query),
    );

    r.get(
      '/reports/bieu-06.xlsx',
      {
        schema: {
          tags,
          summary: 'Tải Biểu số 06/VPCP/KSTT (Excel, theo mẫu Thông tư 01/2020/TT-VPCP)',
          querystring: zBieu06Query,
          produces: [XLSX_TYPE],
        },
      },
      async (req, reply) => {
        const p = requireUser(req);
        const sheet = await bieu06Sheet(ctx, p, req.query);
        const body = await bieu06Workbook(sheet, p.fullName, ctx.now());
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment(fileName('Bieu06_VPCP_KSTT', sheet.from, sheet.to)))
          .header('cache-control', 'private, no-store')
          .send(body);
      },
    );

    r.get(
      '/reports/so-theo-doi',
      {
        schema: {
          tags,
          summary: 'Sổ theo dõi hồ sơ: hồ sơ tiếp nhận trong kỳ tại cơ quan (cơ quan tiếp nhận hoặc cơ quan giải quyết)',
          querystring: zPeriod.extend({
            page: z.coerce.number().int().min(1).max(100000).default(1),
            pageSize: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: { 200: z.object({ ...zHead, items: z.array(zTrackingLine), total: z.number() }) },
        },
      },
      async (req) => trackingPage(ctx, requireUser(req), req.query),
    );

    r.get(
      '/reports/so-theo-doi.xlsx',
      {
        schema: {
          tags,
          summary: 'Tải Sổ theo dõi hồ sơ (Excel; ghi theo từng đợt, không giới hạn số dòng)',
          querystring: zPeriod,
          produces: [XLSX_TYPE],
        },
      },
      async (req, reply) => {
        const scope = await trackingScope(ctx, requireUser(req), req.query);
        const stream = trackingWorkbook(scope, trackingBatches(ctx, scope), ctx.now());
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment(fileName('So_theo_doi_ho_so', scope.from, scope.to)))
          .header('cache-control', 'private, no-store')
          .send(stream);
      },
    );
  };
