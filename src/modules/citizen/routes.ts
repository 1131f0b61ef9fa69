import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requireUser } from '../auth/access.ts';
import { SESSION_COOKIE } from '../auth/routes.ts';
import { zUser } from '../users/schemas.ts';
import { RATING_LEVELS } from './repo.ts';
import { profileOf, publicLookup, publicRating, rateAsOwner, rateByCode, registerCitizen } from './service.ts';

const digits = (v: string) => v.replace(/[\s.-]/g, '');

const zRegister = z.object({
  username: z
    .string()
    .trim()
    .min(3)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, 'Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang.')
    .describe('Tên đăng nhập (3–64 ký tự, chữ thường không dấu, số, . _ -)'),
  password: z.string().min(1).max(200).describe('Mật khẩu: ít nhất 8 ký tự, có cả chữ và số'),
  fullName: z.string().trim().min(2).max(200).describe('Họ và tên'),
  idNumber: z
    .string()
    .trim()
    .max(30)
    .refine((v) => /^(\d{12}|\d{10}|\d{10}-\d{3})$/.test(v.replace(/\s+/g, '')), 'Số định danh cá nhân gồm 12 chữ số (hoặc mã số doanh nghiệp 10 chữ số).')
    .describe('Số định danh cá nhân (12 chữ số) hoặc mã số doanh nghiệp'),
  phone: z
    .string()
    .trim()
    .max(20)
    .refine((v) => /^(\+84|0)\d{8,10}$/.test(digits(v)), 'Số điện thoại không hợp lệ (ví dụ 0912 345 678).')
    .describe('Số điện thoại'),
  email: z.email('Địa chỉ thư điện tử không hợp lệ.').max(200).nullish().or(z.literal('')),
});

const zRatingInput = z.object({
  level: z.enum(RATING_LEVELS).describe('very_satisfied: rất hài lòng, satisfied: hài lòng, not_satisfied: không hài lòng'),
  comment: z.string().max(1000).nullish().describe('Góp ý (không bắt buộc)'),
});

const zRating = z.object({
  level: z.enum(RATING_LEVELS),
  levelName: z.string(),
  comment: z.string().nullable(),
  via: z.enum(['account', 'qr']),
  at: z.string(),
});

const zVerify = z.object({
  verify: z.string().regex(/^\d{4}$/, 'Nhập 4 chữ số cuối của số định danh cá nhân hoặc số điện thoại của chủ hồ sơ.').describe('4 chữ số cuối của số định danh cá nhân hoặc số điện thoại của chủ hồ sơ'),
});
const zCodeParam = z.object({ code: z.string().trim().min(1).max(80).describe('Mã hồ sơ, ví dụ 000.00.01.H56-260302-0001') });

const zPublicDossier = z.object({
  code: z.string(),
  status: z.number().int(),
  statusName: z.string(),
  procedureName: z.string(),
  receivedAt: z.string().nullable(),
  dueAt: z.string().nullable().describe('Ngày hẹn trả'),
  rescheduledDueAt: z.string().nullable().describe('Ngày hẹn trả mới (khi cơ quan xin lỗi và hẹn lại)'),
  finishedAt: z.string().nullable(),
  currentAgency: z.object({ name: z.string() }),
  history: z.array(
    z.object({ at: z.string(), action: z.string(), actionName: z.string(), status: z.number().int(), agencyName: z.string().nullable() }),
  ),
});

const tags = ['Công dân'];
const publicTags = ['Công khai'];

export const citizenRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/auth/register',
      {
        schema: {
          tags: ['Xác thực'],
          summary: 'Công dân, doanh nghiệp tự đăng ký tài khoản (đăng nhập ngay sau khi đăng ký)',
          description: 'Mỗi số định danh một tài khoản. Số lượt đăng ký từ một địa chỉ mạng bị giới hạn (429 TOO_MANY_ATTEMPTS).',
          body: zRegister,
          response: { 201: z.object({ token: z.string(), user: zUser }) },
        },
      },
      async (req, reply) => {
        const res = await registerCitizen(ctx, req.body, { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null });
        reply.setCookie(SESSION_COOKIE, res.token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: ctx.config.cookieSecure || req.protocol === 'https',
          path: '/',
          expires: res.expiresAt,
        });
        return reply.status(201).send({ token: res.token, user: res.user });
      },
    );

    r.get(
      '/citizen/profile',
      {
        schema: {
          tags,
          summary: 'Thông tin của người đang đăng nhập để điền sẵn vào hồ sơ trực tuyến',
          response: {
            200: z.object({ fullName: z.string(), idNumber: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }),
          },
        },
      },
      async (req) => profileOf(ctx, requireUser(req)),
    );

    r.post(
      '/dossiers/:id/rating',
      {
        schema: {
          tags,
          summary: 'Người nộp hồ sơ đánh giá mức độ hài lòng (khi hồ sơ đã có kết quả hoặc đã trả kết quả; một lần)',
          description: 'Người khác → 404; cán bộ → 403; hồ sơ chưa có kết quả → 409 RATING_NOT_OPEN; đánh giá lần hai → 409 ALREADY_RATED.',
          params: z.object({ id: z.string().min(1).max(100) }),
          body: zRatingInput,
          response: { 201: zRating },
        },
      },
      async (req, reply) => reply.status(201).send(await rateAsOwner(ctx, requireUser(req), req.params.id, req.body)),
    );

    r.get(
      '/public/dossiers/:code',
      {
        schema: {
          tags: publicTags,
          summary: 'Tra cứu hồ sơ bằng mã hồ sơ và 4 chữ số cuối của số định danh hoặc số điện thoại chủ hồ sơ',
          description:
            'Không trả thông tin cá nhân. Sai mã hoặc sai 4 số cuối đều trả 404 như nhau; tra cứu sai quá 10 lần trong 10 phút từ một địa chỉ mạng → 429.',
          params: zCodeParam,
          querystring: zVerify,
          response: { 200: zPublicDossier },
        },
      },
      async (req) => publicLookup(ctx, req.params.code, req.query.verify, req.ip ?? null),
    );

    r.get(
      '/public/dossiers/:code/rating',
      {
        schema: {
          tags: publicTags,
          summary: 'Hồ sơ đã được đánh giá mức độ hài lòng hay chưa (theo mã hồ sơ và 4 số cuối)',
          params: zCodeParam,
          querystring: zVerify,
          response: { 200: z.object({ rating: zRating.pick({ level: true, levelName: true, at: true }).nullable() }) },
        },
      },
      async (req) => publicRating(ctx, req.params.code, req.query.verify, req.ip ?? null),
    );

    r.post(
      '/public/dossiers/:code/rating',
      {
        schema: {
          tags: publicTags,
          summary: 'Đánh giá mức độ hài lòng từ mã QR trên giấy tiếp nhận (mã hồ sơ và 4 số cuối)',
          description: 'Cùng quy tắc với đánh giá từ tài khoản; sai mã hoặc sai 4 số cuối → 404 như nhau.',
          params: zCodeParam,
          querystring: zVerify,
          body: zRatingInput,
          response: { 201: zRating },
        },
      },
      async (req, reply) => reply.status(201).send(await rateByCode(ctx, req.params.code, req.query.verify, req.body, req.ip ?? null)),
    );
  };
