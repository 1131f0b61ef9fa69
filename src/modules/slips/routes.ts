import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requireUser } from '../auth/access.ts';
import { publicBase } from './format.ts';
import { renderSlip, SLIP_FORMS } from './service.ts';

export const slipRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/dossiers/:id/slips/:form',
      {
        schema: {
          tags: ['Hồ sơ'],
          summary: 'In phiếu của hồ sơ (PDF, khổ A4)',
          description:
            `form: ${SLIP_FORMS.join(', ')}. receipt: Mẫu 01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả (có mã QR tra cứu); ` +
            'supplement: Mẫu 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ; refusal: Mẫu 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ; ' +
            'apology: Mẫu 04 Phiếu xin lỗi và hẹn lại ngày trả kết quả; stop: Mẫu 05 Thông báo dừng giải quyết hồ sơ; ' +
            'control: Mẫu 06 Phiếu kiểm soát quá trình giải quyết hồ sơ. ' +
            'Phiếu không áp dụng cho trạng thái hiện tại của hồ sơ → 409 SLIP_NOT_AVAILABLE; mẫu không tồn tại → 404 UNKNOWN_SLIP.',
          params: z.object({ id: z.string().min(1).max(100), form: z.string().min(1).max(40) }),
        },
      },
      async (req, reply) => {
        const p = requireUser(req);
        const base = publicBase(ctx.config.publicUrl, req.protocol, req.host);
        const slip = await renderSlip(ctx, p, req.params.id, req.params.form, base);
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="${slip.filename.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(slip.filename)}`)
          .header('cache-control', 'private, no-store')
          .send(slip.body);
      },
    );
  };
