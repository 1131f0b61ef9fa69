import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { zDate } from '../../http/zod-vi.ts';
import { requireUser } from '../auth/access.ts';
import { zDossier } from '../dossiers/routes.ts';
import { bieu06, bieu06Dossiers, CELLS } from './bieu06.ts';
import { reportExportRoutes } from './export-routes.ts';
import { index766Routes } from './index766.ts';
import { timingRoutes } from './timing-routes.ts';

const tags = ['Báo cáo'];

const zCounts = z.object({
  received: z.object({ total: z.number(), carriedOver: z.number(), online: z.number(), direct: z.number() }),
  resolved: z.object({ total: z.number(), early: z.number(), onTime: z.number(), late: z.number() }),
  inProgress: z.object({ total: z.number(), withinDeadline: z.number(), overdue: z.number() }),
});

const zPeriod = z.object({
  from: zDate.describe('Ngày đầu kỳ (YYYY-MM-DD, giờ Việt Nam)'),
  to: zDate.describe('Ngày cuối kỳ (YYYY-MM-DD)'),
  groupBy: z.enum(['field', 'agency']).default('field').describe('field: theo lĩnh vực; agency: theo cơ quan giải quyết'),
  agency: z.string().max(100).optional().describe('Chỉ tính các cơ quan thuộc cơ quan này (id hoặc mã định danh)'),
});

export const reportRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    // The sheet, the XLSX exports and the Sổ theo dõi hồ sơ.
    await app.register(reportExportRoutes(ctx));
    // Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766/QĐ-TTg) and the ranking of agencies.
    await app.register(index766Routes(ctx));
    // Thời gian giải quyết đi đâu, màn hình điều hành, công khai kết quả.
    await app.register(timingRoutes(ctx));
    r.get(
      '/reports/bieu-06',
      {
        schema: {
          tags,
          summary: 'Biểu 06/VPCP/KSTT: tình hình, kết quả giải quyết TTHC theo lĩnh vực hoặc cơ quan',
          querystring: zPeriod,
          response: {
            200: z.object({
              from: z.string(),
              to: z.string(),
              groupBy: z.enum(['field', 'agency']),
              agency: z.object({ id: z.string(), name: z.string() }).nullable(),
              rows: z.array(zCounts.extend({ key: z.string(), name: z.string() })),
              total: zCounts,
            }),
          },
        },
      },
      async (req) => bieu06(ctx, requireUser(req), req.query),
    );
    r.get(
      '/reports/bieu-06/dossiers',
      {
        schema: {
          tags,
          summary: 'Danh sách hồ sơ sau một con số của Biểu 06',
          querystring: zPeriod.extend({
            key: z.string().max(100).optional().describe('Mã lĩnh vực hoặc id cơ quan của dòng'),
            cell: z.enum([...CELLS, 'received', 'resolved', 'inProgress']).optional(),
            page: z.coerce.number().int().min(1).max(100000).default(1),
            pageSize: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: { 200: z.object({ items: z.array(zDossier), total: z.number() }) },
        },
      },
      async (req) => bieu06Dossiers(ctx, requireUser(req), req.query),
    );
  };
