import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requireAnyRole } from '../auth/access.ts';
import { zNewUser, zUser, zUserPatch } from './schemas.ts';
import { createUser, listUsers, unlockUser, updateUser } from './service.ts';

const tags = ['Người dùng'];

export const userRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/users',
      {
        schema: {
          tags,
          summary: 'Danh sách người dùng (quản trị)',
          querystring: z.object({
            q: z.string().max(100).optional(),
            agencyId: z.string().max(100).optional(),
            page: z.coerce.number().int().min(1).max(100000).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: { 200: z.object({ items: z.array(zUser), total: z.number() }) },
        },
      },
      async (req) => listUsers(ctx, requireAnyRole(req, ['admin']), req.query),
    );
    r.post(
      '/users',
      { schema: { tags, summary: 'Thêm người dùng', body: zNewUser, response: { 201: zUser } } },
      async (req, reply) => {
        const p = requireAnyRole(req, ['admin']);
        const u = await createUser(ctx, p, req.body, req.ip ?? null);
        return reply.status(201).send(u);
      },
    );
    r.patch(
      '/users/:id',
      {
        schema: {
          tags,
          summary: 'Sửa người dùng, phân quyền, đặt lại mật khẩu',
          params: z.object({ id: z.string().max(100) }),
          body: zUserPatch,
          response: { 200: zUser },
        },
      },
      async (req) => updateUser(ctx, requireAnyRole(req, ['admin']), req.params.id, req.body, req.ip ?? null),
    );
    r.post(
      '/users/:id/unlock',
      {
        schema: { tags, summary: 'Mở khóa đăng nhập', params: z.object({ id: z.string().max(100) }), response: { 200: zUser } },
      },
      async (req) => unlockUser(ctx, requireAnyRole(req, ['admin']), req.params.id, req.ip ?? null),
    );
  };
