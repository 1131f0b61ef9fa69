import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requireAnyRole } from '../auth/access.ts';
import { listAudit } from './repo.ts';

export const auditRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/audit',
      {
        schema: {
          tags: ['Nhật ký'],
          summary: 'Nhật ký đăng nhập và phân quyền',
          querystring: z.object({
            type: z.string().max(50).optional(),
            page: z.coerce.number().int().min(1).max(100000).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.number(),
                  at: z.string(),
                  type: z.string(),
                  actorName: z.string().nullable(),
                  subject: z.string().nullable(),
                  ip: z.string().nullable(),
                  details: z.record(z.string(), z.unknown()),
                }),
              ),
              total: z.number(),
            }),
          },
        },
      },
      async (req) => {
        requireAnyRole(req, ['admin']);
        const res = await listAudit(ctx.db, req.query);
        return {
          total: res.total,
          items: res.items.map((a) => ({
            id: a.id,
            at: a.at.toISOString(),
            type: a.type,
            actorName: a.actorName,
            subject: a.subject,
            ip: a.ip,
            details: a.details,
          })),
        };
      },
    );
  };
