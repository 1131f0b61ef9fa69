import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { zDate } from '../../http/zod-vi.ts';
import { requireAnyRole, requireUser } from '../auth/access.ts';
import { AGENCY_KINDS, AGENCY_LEVELS, createAgency, endAgency, getAgency, listAgencies, listPublicAgencies, updateAgency } from './service.ts';

const tags = ['Cơ quan'];
const zAgency = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  code: z.string().describe('Mã định danh điện tử, ví dụ 000.00.31.H56'),
  adminUnitCode: z.string().nullable().describe('Mã đơn vị hành chính (2 chữ số cấp tỉnh, 5 chữ số cấp xã)'),
  parentId: z.string().nullable(),
  level: z.enum(AGENCY_LEVELS),
  kind: z.enum(AGENCY_KINDS),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  predecessorIds: z.array(z.string()),
  successorIds: z.array(z.string()),
  version: z.number(),
});
const zId = z.object({ id: z.string().max(100) });

export const agencyRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/agencies',
      {
        schema: {
          tags,
          summary: 'Cây cơ quan, đơn vị',
          querystring: z.object({
            all: z.enum(['true', 'false']).optional().describe('true: cả cơ quan đã hết hiệu lực'),
            onDate: zDate.optional().describe('Cơ quan có hiệu lực vào ngày này'),
          }),
          response: { 200: z.object({ items: z.array(zAgency) }) },
        },
      },
      async (req) => {
        requireUser(req);
        return { items: await listAgencies(ctx, { all: req.query.all === 'true', onDate: req.query.onDate }) };
      },
    );
    r.get(
      '/public/agencies',
      {
        schema: {
          tags,
          summary: 'Cơ quan, đơn vị đang hoạt động (công khai, không cần đăng nhập), để tra cứu thủ tục theo cơ quan thực hiện',
          response: {
            200: z.object({
              items: z.array(zAgency.pick({ id: true, name: true, shortName: true, code: true, parentId: true, level: true, kind: true })),
            }),
          },
        },
      },
      async () => ({ items: await listPublicAgencies(ctx) }),
    );
    r.get(
      '/agencies/:id',
      { schema: { tags, summary: 'Một cơ quan (theo id hoặc mã định danh)', params: zId, response: { 200: zAgency } } },
      async (req) => {
        requireUser(req);
        return getAgency(ctx, req.params.id);
      },
    );
    r.post(
      '/agencies',
      {
        schema: {
          tags,
          summary: 'Thêm cơ quan',
          body: z.object({
            name: z.string().trim().min(2).max(300),
            shortName: z.string().trim().max(100).nullish(),
            code: z.string().trim().max(40),
            adminUnitCode: z.string().trim().max(5).nullish().or(z.literal('')),
            parentId: z.string().max(100).nullish(),
            level: z.enum(AGENCY_LEVELS),
            kind: z.enum(AGENCY_KINDS),
            validFrom: zDate.optional(),
            predecessorIds: z.array(z.string().max(100)).max(50).optional(),
          }),
          response: { 201: zAgency },
        },
      },
      async (req, reply) => {
        const p = requireAnyRole(req, ['admin']);
        return reply.status(201).send(await createAgency(ctx, p, req.body, req.ip ?? null));
      },
    );
    r.patch(
      '/agencies/:id',
      {
        schema: {
          tags,
          summary: 'Sửa cơ quan (kèm version để tránh ghi đè)',
          params: zId,
          body: z.object({
            version: z.number().int().min(1),
            name: z.string().trim().min(2).max(300).optional(),
            shortName: z.string().trim().max(100).nullish(),
            code: z.string().trim().max(40).optional(),
            adminUnitCode: z.string().trim().max(5).nullish().or(z.literal('')),
            parentId: z.string().max(100).nullish(),
            level: z.enum(AGENCY_LEVELS).optional(),
            kind: z.enum(AGENCY_KINDS).optional(),
            validFrom: zDate.optional(),
            validTo: zDate.nullish(),
          }),
          response: { 200: zAgency },
        },
      },
      async (req) => updateAgency(ctx, requireAnyRole(req, ['admin']), req.params.id, req.body, req.ip ?? null),
    );
    r.post(
      '/agencies/:id/end',
      {
        schema: {
          tags,
          summary: 'Kết thúc hiệu lực (giải thể, sáp nhập) và ghi nhận cơ quan kế thừa',
          params: zId,
          body: z.object({
            validTo: zDate,
            successorIds: z.array(z.string().max(100)).max(50).default([]),
            version: z.number().int().min(1).optional(),
          }),
          response: { 200: zAgency },
        },
      },
      async (req) => endAgency(ctx, requireAnyRole(req, ['admin']), req.params.id, req.body, req.ip ?? null),
    );
  };
