import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { errors } from '../../http/errors.ts';
import { ACTIONS, CHANNELS } from '../../kernel/dossier/status.ts';
import { requireUser } from '../auth/access.ts';
import { listAlerts, markAlertsRead } from './alerts.ts';
import { ACCEPTED_TYPES, readDossierFile, storeUpload } from './files.ts';
import { act, assignableOfficers, createDossier, getDossier, listDossiers, QUEUES, queueCounts } from './service.ts';

const tags = ['Hồ sơ'];

const zPerson = z.object({
  fullName: z.string().trim().min(2).max(200).describe('Họ và tên'),
  idNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{6,20}$/, 'Số định danh cá nhân (12 chữ số), hộ chiếu hoặc mã số doanh nghiệp')
    .describe('Số định danh cá nhân, hộ chiếu hoặc mã số doanh nghiệp'),
  phone: z
    .string()
    .trim()
    .regex(/^(\+84|0)[0-9 .-]{8,14}$/, 'Số điện thoại Việt Nam, ví dụ 0912 345 678')
    .refine((v) => v.replace(/\D/g, '').length >= 9 && v.replace(/\D/g, '').length <= 12, 'Số điện thoại không đúng độ dài'),
  email: z.email('Địa chỉ thư điện tử không hợp lệ').max(200).nullish(),
  address: z.string().trim().min(2).max(500).describe('Địa chỉ'),
});

const zComponent = z.object({
  name: z.string().trim().min(1).max(1000),
  originals: z.number().int().min(0).max(100).optional(),
  copies: z.number().int().min(0).max(100).optional(),
  files: z
    .array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Mã SHA-256 của tệp đã tải lên'), name: z.string().max(200).optional() }))
    .max(20)
    .optional(),
});

const zCreate = z.object({
  procedureCode: z.string().trim().min(1).max(60).describe('Mã thủ tục, ví dụ 1.901001'),
  caseCode: z.string().trim().min(1).max(40).optional(),
  channel: z.enum(CHANNELS).describe('counter: trực tiếp, online: trực tuyến, postal: bưu chính công ích'),
  agencyId: z.string().trim().max(100).optional().describe('Cơ quan giải quyết (id hoặc mã định danh)'),
  applicant: zPerson,
  authorised: zPerson.nullish().describe('Người được ủy quyền'),
  components: z.array(zComponent).max(100).default([]),
  note: z.string().max(4000).optional(),
});

const zBrief = z.object({ id: z.string(), name: z.string(), code: z.string() });
export const zDossier = z.looseObject({
  id: z.string(),
  code: z.string().nullable().describe('Mã hồ sơ {mã định danh}-{yyMMdd}-{NNNN}'),
  status: z.number().int().min(1).max(10),
  statusName: z.string(),
  dueAt: z.string().nullable().describe('Ngày giờ hẹn trả (ISO 8601)'),
  version: z.number().int(),
  channel: z.enum(CHANNELS),
  agency: zBrief.nullable(),
  receptionAgency: zBrief.nullable(),
  currentAgency: zBrief.nullable(),
  allowedActions: z.array(z.enum(ACTIONS)),
});

const zAction = z.looseObject({
  action: z.enum(ACTIONS),
  expectedVersion: z.number().int().min(1).describe('Phiên bản hồ sơ mà thao tác dựa trên'),
  note: z.string().max(4000).optional(),
});

const zIdempotency = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });
const idem = (req: FastifyRequest) => {
  const k = req.headers['idempotency-key'];
  return typeof k === 'string' && k.trim() ? k.trim() : undefined;
};

export const dossierRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/dossiers',
      {
        schema: {
          tags,
          summary: 'Tiếp nhận hồ sơ tại quầy (tiếp nhận ngay, trạng thái 2) hoặc nộp trực tuyến (trạng thái 1)',
          headers: zIdempotency,
          body: zCreate,
          response: { 201: zDossier },
        },
      },
      async (req, reply) => {
        const p = requireUser(req);
        const dto = await createDossier(ctx, p, req.body, { idempotencyKey: idem(req) });
        return reply.status(201).send(dto);
      },
    );

    r.get(
      '/dossiers',
      {
        schema: {
          tags,
          summary: 'Danh sách hồ sơ theo hàng đợi công việc (cán bộ) hoặc hồ sơ của tôi (công dân)',
          querystring: z.object({
            queue: z.enum(QUEUES).optional(),
            q: z.string().max(200).optional().describe('Mã hồ sơ, tên chủ hồ sơ (không dấu được) hoặc số giấy tờ'),
            status: z.coerce.number().int().min(1).max(10).optional(),
            channel: z.enum(CHANNELS).optional(),
            procedure: z.string().max(60).optional(),
            agency: z.string().max(100).optional(),
            page: z.coerce.number().int().min(1).max(100000).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: { 200: z.object({ items: z.array(zDossier), total: z.number() }) },
        },
      },
      async (req) => listDossiers(ctx, requireUser(req), req.query),
    );

    r.get(
      '/dossiers/queues',
      {
        schema: {
          tags,
          summary: 'Số hồ sơ trong mỗi hàng đợi công việc',
          response: { 200: z.record(z.string(), z.number()) },
        },
      },
      async (req) => queueCounts(ctx, requireUser(req)),
    );

    r.get(
      '/dossiers/:id',
      {
        schema: {
          tags,
          summary: 'Hồ sơ và nhật ký xử lý (theo id hoặc mã hồ sơ)',
          params: z.object({ id: z.string().min(1).max(100) }),
          response: { 200: zDossier.extend({ events: z.array(z.looseObject({ seq: z.number(), action: z.string(), at: z.string() })) }) },
        },
      },
      async (req) => getDossier(ctx, requireUser(req), req.params.id),
    );

    r.post(
      '/dossiers/:id/actions',
      {
        schema: {
          tags,
          summary: 'Thực hiện một thao tác trên hồ sơ',
          description:
            'accept, refuse {reason}, request_supplement {items:[{name,reason}], reason}, submit_supplement {files}, assign {assigneeId}, ' +
            'forward {toStep? | toAgencyId?, assigneeId?}, send_back {toStep?, reason}, request_payment {amount, description}, ' +
            'confirm_payment {receiptNumber?}, stop {reason}, withdraw {reason?}, reschedule {newDueAt, reason}, ' +
            'complete {result:{number, signer, signedOn, summary?}, files?}, return {method: counter|post|electronic, receivedBy?, trackingNumber?}. ' +
            'Sai phiên bản → 409 CONFLICT; thao tác không hợp lệ ở trạng thái hiện tại → 409 INVALID_TRANSITION.',
          params: z.object({ id: z.string().min(1).max(100) }),
          headers: zIdempotency,
          body: zAction,
          response: { 200: zDossier },
        },
      },
      async (req) => act(ctx, requireUser(req), req.params.id, req.body, { idempotencyKey: idem(req) }),
    );

    r.get(
      '/dossiers/:id/officers',
      {
        schema: {
          tags,
          summary: 'Cán bộ có thể được phân công xử lý hồ sơ',
          params: z.object({ id: z.string().min(1).max(100) }),
          response: { 200: z.object({ items: z.array(z.object({ id: z.string(), fullName: z.string(), role: z.string() })) }) },
        },
      },
      async (req) => ({
        items: (await assignableOfficers(ctx, requireUser(req), req.params.id)).map((u) => ({ id: u.id, fullName: u.full_name, role: u.role })),
      }),
    );

    r.get(
      '/dossiers/:id/files/:sha256',
      {
        schema: {
          tags,
          summary: 'Tải tệp của hồ sơ (chỉ người được xem hồ sơ)',
          params: z.object({ id: z.string().min(1).max(100), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
        },
      },
      async (req, reply) => {
        const f = await readDossierFile(ctx, requireUser(req), req.params.id, req.params.sha256);
        return reply
          .header('content-type', f.mime)
          .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`)
          .header('cache-control', 'private, max-age=3600')
          .send(f.body);
      },
    );

    r.get(
      '/alerts',
      {
        schema: {
          tags,
          summary: 'Cảnh báo hạn xử lý của tôi (sắp đến hạn, quá hạn)',
          querystring: z.object({ unread: z.enum(['true', 'false']).optional() }),
          response: {
            200: z.object({
              unread: z.number(),
              items: z.array(
                z.object({
                  id: z.number(),
                  kind: z.string(),
                  at: z.string(),
                  read: z.boolean(),
                  dossier: z.object({ id: z.string(), code: z.string().nullable(), procedureName: z.string(), dueAt: z.string().nullable(), status: z.number() }),
                }),
              ),
            }),
          },
        },
      },
      async (req) => listAlerts(ctx, requireUser(req).userId, req.query.unread === 'true'),
    );

    r.post(
      '/alerts/read',
      {
        schema: {
          tags,
          summary: 'Đánh dấu cảnh báo đã đọc',
          body: z.object({ ids: z.union([z.array(z.number().int()).max(500), z.literal('all')]) }),
        },
      },
      async (req, reply) => {
        await markAlertsRead(ctx, requireUser(req).userId, req.body.ids);
        return reply.status(204).send();
      },
    );

    // Uploads: the raw bytes of a PDF, JPEG or PNG (type checked by content).
    await app.register(async (uploads) => {
      uploads.addContentTypeParser(
        [...ACCEPTED_TYPES, 'application/octet-stream'],
        { parseAs: 'buffer', bodyLimit: ctx.config.maxUploadBytes },
        (_req, body, done) => done(null, body),
      );
      uploads.withTypeProvider<ZodTypeProvider>().post(
        '/files',
        {
          bodyLimit: ctx.config.maxUploadBytes,
          schema: {
            tags,
            summary: 'Tải lên một tệp (PDF, JPEG, PNG) để đính kèm hồ sơ; trả về mã SHA-256',
            querystring: z.object({ name: z.string().max(200).optional().describe('Tên tệp') }),
            response: { 201: z.object({ sha256: z.string(), size: z.number(), mime: z.string(), name: z.string() }) },
          },
        },
        async (req, reply) => {
          const p = requireUser(req);
          if (!Buffer.isBuffer(req.body)) throw errors.badRequest('EMPTY_FILE', 'Hãy gửi nội dung tệp (PDF, JPEG hoặc PNG).');
          const name = req.query.name ?? (typeof req.headers['x-file-name'] === 'string' ? decodeURIComponent(req.headers['x-file-name']) : undefined);
          return reply.status(201).send(await storeUpload(ctx, p, req.body, name));
        },
      );
    });
  };
