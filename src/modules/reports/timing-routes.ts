/** Routes of "where the time goes", the leaders' dashboard and the public transparency figures. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { zDate } from '../../http/zod-vi.ts';
import { requireUser } from '../auth/access.ts';
import { dashboard, transparency } from './dashboard.ts';
import { atRisk, timingReport } from './timing.ts';

const tags = ['Báo cáo'];
const zAgency = z.string().max(100).optional().describe('Chỉ tính các cơ quan thuộc cơ quan này (id hoặc mã định danh)');
const zProcedure = z.string().max(100).optional().describe('Mã thủ tục');
const num = z.number();
const numN = z.number().nullable();

const zDuration = z.object({ key: z.string(), name: z.string(), count: num, legalDays: numN, legalUnit: z.string().nullable(), medianDays: numN, p90Days: numN, lateShare: num });
const zTime = z.object({ key: z.string(), name: z.string(), role: z.string().nullable(), count: num, medianHours: numN, totalHours: num, quotaHours: numN, overQuotaShare: num });
const zLateStep = z.object({ key: z.string(), name: z.string(), count: num, overrunHours: num });
const zRate = z.object({ from: z.string(), to: z.string(), received: num, online: num, resolved: num, onTime: num, late: num, overdue: num });
const zBar = z.object({ key: z.string(), name: z.string(), overdue: num, open: num });
const zMeasures = z.object({
  resolved: num, onTime: num, onTimeRate: numN, received: num, online: num, onlineShare: numN, ratings: num, satisfied: num, satisfactionRate: numN,
});
const zPeriodLabel = z.object({ from: z.string(), to: z.string(), label: z.string() });

export const timingRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/reports/timing',
      {
        schema: {
          tags,
          summary: 'Thời gian giải quyết đi đâu: thời hạn luật định và thời gian thực tế, theo bước, vai trò, cán bộ; bước làm trễ hồ sơ',
          querystring: z.object({ from: zDate, to: zDate, agency: zAgency, procedure: zProcedure }),
          response: {
            200: z.object({
              from: z.string(),
              to: z.string(),
              agency: z.object({ id: z.string(), name: z.string() }).nullable(),
              finished: num,
              procedures: z.array(zDuration),
              agencies: z.array(zDuration),
              steps: z.array(zTime),
              roles: z.array(zTime),
              officers: z.array(zTime),
              lateSteps: z.object({
                byStep: z.array(zLateStep),
                byAgency: z.array(zLateStep),
                dossiers: z.array(z.object({ id: z.string(), code: z.string().nullable(), procedureName: z.string(), stepName: z.string(), agencyName: z.string(), overrunHours: num })),
              }),
            }),
          },
        },
      },
      async (req) => timingReport(ctx, requireUser(req), req.query),
    );
    r.get(
      '/reports/timing/at-risk',
      {
        schema: {
          tags,
          summary: 'Hồ sơ đang giải quyết có nguy cơ trễ hạn (dự báo theo thời gian thực tế của các bước còn lại)',
          querystring: z.object({ agency: zAgency, procedure: zProcedure, limit: z.coerce.number().int().min(1).max(500).default(200) }),
          response: {
            200: z.object({
              open: num,
              total: num,
              items: z.array(
                z.object({
                  id: z.string(), code: z.string().nullable(), procedureCode: z.string(), procedureName: z.string(), agencyName: z.string(), currentStep: z.string().nullable(),
                  dueAt: z.string(), predictedAt: z.string(), marginDays: num, overdue: z.boolean(), paused: z.boolean(),
                }),
              ),
            }),
          },
        },
      },
      async (req) => atRisk(ctx, requireUser(req), req.query),
    );
    r.get(
      '/reports/dashboard',
      {
        schema: {
          tags,
          summary: 'Màn hình điều hành của lãnh đạo: mọi số liệu trong một lần gọi',
          querystring: z.object({ agency: zAgency }),
          response: {
            200: z.object({
              asOf: z.string(),
              today: z.string(),
              agency: z.object({ id: z.string(), name: z.string() }).nullable(),
              receivedToday: num,
              resolvedToday: num,
              open: num,
              month: zRate,
              year: zRate,
              overdueByAgency: z.array(zBar),
              overdueByField: z.array(zBar),
              weeks: z.array(z.object({ week: z.string(), received: num, resolved: num })),
              satisfaction: z.object({ total: num, verySatisfied: num, satisfied: num, notSatisfied: num }).nullable(),
              lateSteps: z.array(zLateStep),
            }),
          },
        },
      },
      async (req) => dashboard(ctx, requireUser(req), req.query),
    );
    r.get(
      '/public/transparency',
      {
        schema: {
          tags: ['Công khai'],
          summary: 'Công khai kết quả giải quyết TTHC theo cơ quan: tỷ lệ đúng hạn, tỷ lệ trực tuyến, mức độ hài lòng (không cần đăng nhập)',
          querystring: z.object({ period: z.enum(['month', 'quarter']).default('month').describe('month: tháng này và tháng trước; quarter: quý này và quý trước') }),
          response: {
            200: z.object({
              period: z.enum(['month', 'quarter']),
              current: zPeriodLabel,
              previous: zPeriodLabel,
              generatedAt: z.string(),
              units: z.array(z.object({ id: z.string(), name: z.string(), group: z.enum(['department', 'commune']), current: zMeasures, previous: zMeasures })),
            }),
          },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'public, max-age=60');
        return transparency(ctx, req.query.period);
      },
    );
  };
