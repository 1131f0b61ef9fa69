import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requireAnyRole } from '../auth/access.ts';
import { CHANNELS, listOutbox, retryMessage, STATUSES } from './service.ts';

const tags = ['Thông báo'];

const zMessage = z.object({
  id: z.number(),
  channel: z.enum(CHANNELS),
  recipient: z.string(),
  subject: z.string().nullable(),
  body: z.string().describe('Nội dung văn bản (thư điện tử: phần văn bản thuần; tin nhắn: nội dung có dấu)'),
  smsText: z.string().nullable().describe('Tin nhắn đúng như gửi tới cổng tin nhắn (không dấu khi cổng yêu cầu)'),
  html: z.string().nullable(),
  template: z.string(),
  templateName: z.string(),
  dossier: z.object({ id: z.string(), code: z.string().nullable() }).nullable(),
  status: z.enum(STATUSES),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export const notificationRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/notifications/outbox',
      {
        schema: {
          tags,
          summary: 'Hộp thư đi: thư điện tử và tin nhắn gửi công dân (quản trị)',
          querystring: z.object({
            status: z.enum(STATUSES).optional(),
            channel: z.enum(CHANNELS).optional(),
            q: z.string().trim().max(200).optional().describe('Người nhận, mã hồ sơ hoặc tiêu đề'),
            page: z.coerce.number().int().min(1).max(100000).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: {
            200: z.object({
              items: z.array(zMessage),
              total: z.number(),
              counts: z.object({ pending: z.number(), sending: z.number(), sent: z.number(), failed: z.number() }),
              delivery: z.object({ email: z.enum(['smtp', 'off']), sms: z.enum(['log', 'http']) }),
            }),
          },
        },
      },
      async (req) => listOutbox(ctx, requireAnyRole(req, ['admin']), req.query),
    );
    r.post(
      '/notifications/outbox/:id/retry',
      {
        schema: {
          tags,
          summary: 'Gửi lại một thông báo đã gửi không thành công (quản trị)',
          params: z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
          response: { 200: zMessage },
        },
      },
      async (req) => retryMessage(ctx, requireAnyRole(req, ['admin']), req.params.id, req.ip ?? null),
    );
  };
