import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { CalendarRangeError } from '../kernel/calendar/errors.ts';

export interface ErrorDetail {
  path: string;
  message: string;
}

/** An error a client can act on: a stable code, a Vietnamese message, an HTTP status. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[] | Record<string, unknown>,
  ) {
    super(message);
  }
}

export const errors = {
  validation: (details: ErrorDetail[], message = 'Dữ liệu không hợp lệ.') =>
    new AppError(400, 'VALIDATION_ERROR', message, details),
  badRequest: (code: string, message: string) => new AppError(400, code, message),
  unauthenticated: () => new AppError(401, 'UNAUTHENTICATED', 'Bạn cần đăng nhập để tiếp tục.'),
  forbidden: (message = 'Bạn không có quyền thực hiện thao tác này.') => new AppError(403, 'FORBIDDEN', message),
  notFound: (message = 'Không tìm thấy dữ liệu yêu cầu.') => new AppError(404, 'NOT_FOUND', message),
  conflict: (message = 'Dữ liệu đã bị người khác thay đổi. Vui lòng tải lại và thử lại.') =>
    new AppError(409, 'CONFLICT', message),
  duplicate: (code: string, message: string) => new AppError(409, code, message),
};

/** The body every error answer carries. */
export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

function pathOf(instancePath: string | undefined, params?: Record<string, unknown>): string {
  const p = (instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const missing = params && typeof params.missingProperty === 'string' ? params.missingProperty : '';
  return [p, missing].filter(Boolean).join('.') || '(body)';
}

const partLabel: Record<string, string> = {
  body: 'nội dung yêu cầu',
  querystring: 'tham số truy vấn',
  params: 'tham số đường dẫn',
  headers: 'tiêu đề yêu cầu',
};

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: pathOf(v.instancePath, v.params as Record<string, unknown>),
        message: v.message ?? 'Giá trị không hợp lệ',
      }));
      const where = partLabel[err.validationContext ?? 'body'] ?? 'yêu cầu';
      const fields = [...new Set(details.map((d) => d.path))].join(', ');
      return reply
        .status(400)
        .send(errorBody('VALIDATION_ERROR', `Dữ liệu không hợp lệ trong ${where}: ${fields}.`, details));
    }
    // A date or duration the business calendar cannot handle is the client's input, never a 500.
    if ((err as unknown) instanceof CalendarRangeError) {
      const e = err as unknown as CalendarRangeError;
      return e.code === 'OUT_OF_RANGE'
        ? reply.status(400).send(errorBody('CALENDAR_OUT_OF_RANGE', 'Ngày hoặc thời hạn nằm ngoài phạm vi lịch làm việc hỗ trợ (1900–2199).'))
        : reply.status(400).send(errorBody('VALIDATION_ERROR', 'Ngày, giờ hoặc thời hạn không hợp lệ.'));
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause?.issues }, 'response serialization failed');
      return reply.status(500).send(errorBody('INTERNAL', 'Lỗi hệ thống. Vui lòng thử lại sau.'));
    }
    const code = err.code ?? '';
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply
        .status(415)
        .send(errorBody('UNSUPPORTED_MEDIA_TYPE', 'Định dạng nội dung không được hỗ trợ; hãy gửi application/json.'));
    }
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send(errorBody('PAYLOAD_TOO_LARGE', 'Nội dung gửi lên quá lớn.'));
    }
    if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.status(400).send(errorBody('INVALID_JSON', 'Nội dung JSON rỗng.'));
    }
    if (err instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return reply.status(400).send(errorBody('INVALID_JSON', 'Nội dung không phải JSON hợp lệ.'));
    }
    if (err.validation) {
      const details = err.validation.map((v) => ({ path: pathOf(v.instancePath), message: v.message ?? '' }));
      return reply.status(400).send(errorBody('VALIDATION_ERROR', 'Dữ liệu không hợp lệ.', details));
    }
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return reply
        .status(err.statusCode)
        .send(errorBody('BAD_REQUEST', 'Yêu cầu không hợp lệ.', { reason: String(err.message).slice(0, 200) }));
    }
    // Serialization conflicts from concurrent transactions are the client's cue to retry.
    const pgCode = (err as unknown as { code?: string; cause?: { code?: string } }).cause?.code ?? code;
    if (pgCode === '40001' || pgCode === '40P01') {
      return reply.status(409).send(errorBody('CONFLICT', 'Có thao tác đồng thời trên cùng dữ liệu. Vui lòng thử lại.'));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', 'Lỗi hệ thống. Vui lòng thử lại sau.'));
  });
}
