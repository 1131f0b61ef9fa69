import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { ROLES } from '../../kernel/auth/roles.ts';
import { getUserDto } from '../users/service.ts';
import { zUser } from '../users/schemas.ts';
import { requireUser } from './access.ts';
import { login, logout } from './service.ts';

export const SESSION_COOKIE = 'motcua_session';

export const authRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/auth/login',
      {
        schema: {
          tags: ['Xác thực'],
          summary: 'Đăng nhập',
          body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
          response: { 200: z.object({ token: z.string(), user: zUser }) },
        },
      },
      async (req, reply) => {
        const res = await login(ctx, req.body, { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null });
        reply.setCookie(SESSION_COOKIE, res.token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: ctx.config.cookieSecure || req.protocol === 'https',
          path: '/',
          expires: res.expiresAt,
        });
        return { token: res.token, user: res.user };
      },
    );
    r.post(
      '/auth/logout',
      { schema: { tags: ['Xác thực'], summary: 'Đăng xuất (thu hồi phiên)', response: { 204: z.null() } } },
      async (req, reply) => {
        const p = requireUser(req);
        await logout(ctx, p, req.ip ?? null);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );
    r.get(
      '/auth/me',
      { schema: { tags: ['Xác thực'], summary: 'Người dùng hiện tại', response: { 200: z.object({ user: zUser }) } } },
      async (req) => {
        const p = requireUser(req);
        return { user: await getUserDto(ctx, p.userId) };
      },
    );
    r.get(
      '/roles',
      {
        schema: {
          tags: ['Xác thực'],
          summary: 'Danh mục vai trò',
          response: {
            200: z.object({
              items: z.array(
                z.object({ id: z.string(), name: z.string(), description: z.string(), agencyScoped: z.boolean(), agencyOptional: z.boolean() }),
              ),
            }),
          },
        },
      },
      async () => ({ items: [...ROLES] }),
    );
  };
