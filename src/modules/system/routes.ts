import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { getSetting } from './settings.ts';

export const systemRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/health',
      {
        schema: {
          tags: ['Hệ thống'],
          summary: 'Tình trạng hệ thống',
          response: {
            200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']), version: z.string() }),
          },
        },
      },
      async () => ({ status: 'ok' as const, db: ctx.database.kind, version: ctx.version }),
    );
    r.get(
      '/public/info',
      {
        schema: {
          tags: ['Công khai'],
          summary: 'Thông tin chung của cổng',
          response: { 200: z.object({ provinceName: z.string(), siteName: z.string() }) },
        },
      },
      async () => {
        const provinceName = (await getSetting<string>(ctx.db, 'province_name')) ?? 'Tỉnh';
        return { provinceName, siteName: `Hệ thống thông tin giải quyết thủ tục hành chính ${provinceName}` };
      },
    );
  };
