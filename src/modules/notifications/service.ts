/** The administrator's view of the outbox: what was sent to citizens, what waits, what failed, and sending again. */
import type { AppContext } from '../../context.ts';
import { AppError, errors } from '../../http/errors.ts';
import type { Principal } from '../auth/access.ts';
import { recordAudit } from '../audit/repo.ts';
import { scopeOf } from '../dossiers/service.ts';
import * as repo from './repo.ts';
import { createSmsSender } from './sms.ts';
import { accentFree, TEMPLATE_NAMES, type Template } from './templates.ts';

export const STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export const CHANNELS = ['email', 'sms'] as const;

export interface MessageDto {
  id: number;
  channel: repo.OutboxChannel;
  recipient: string;
  subject: string | null;
  body: string;
  /** The text message as the gateway receives it (accent-free when the gateway needs it). */
  smsText: string | null;
  html: string | null;
  template: string;
  templateName: string;
  dossier: { id: string; code: string | null } | null;
  status: repo.OutboxStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

function present(ctx: AppContext, r: repo.OutboxRow & { dossier_code: string | null }): MessageDto {
  const unicode = createSmsSender(ctx.config).unicode;
  return {
    id: r.id,
    channel: r.channel,
    recipient: r.recipient,
    subject: r.subject,
    body: r.body,
    smsText: r.channel === 'sms' ? (unicode ? r.body : accentFree(r.body)) : null,
    html: r.html,
    template: r.template,
    templateName: TEMPLATE_NAMES[r.template as Template] ?? r.template,
    dossier: r.dossier_id ? { id: r.dossier_id, code: r.dossier_code } : null,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null,
    lastError: r.last_error,
    createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at ? r.sent_at.toISOString() : null,
  };
}

export interface OutboxQuery {
  status?: repo.OutboxStatus;
  channel?: repo.OutboxChannel;
  q?: string;
  page: number;
  pageSize: number;
}

export async function listOutbox(ctx: AppContext, p: Principal, q: OutboxQuery) {
  return ctx.db.transaction(async (tx) => {
    const scope = await scopeOf(tx, p, ['admin']);
    const res = await repo.listMessages(tx, { ...q, scope });
    return {
      items: res.items.map((r) => present(ctx, r)),
      total: res.total,
      counts: res.counts,
      delivery: {
        email: ctx.config.smtpUrl ? ('smtp' as const) : ('off' as const),
        sms: ctx.config.smsDriver,
      },
    };
  });
}

/** Puts a failed message back in the queue (audited). */
export async function retryMessage(ctx: AppContext, p: Principal, id: number, ip: string | null): Promise<MessageDto> {
  return ctx.db.transaction(async (tx) => {
    const m = await repo.findMessage(tx, id, true);
    const scope = await scopeOf(tx, p, ['admin']);
    if (!m || (scope && !(m.involved_agencies ?? []).some((a) => scope.includes(a)))) throw errors.notFound('Không tìm thấy thông báo.');
    if (m.status !== 'failed') {
      throw new AppError(409, 'NOT_FAILED', 'Chỉ gửi lại được thông báo đã gửi không thành công.');
    }
    const now = ctx.now();
    await repo.requeue(tx, id, now);
    await recordAudit(tx, {
      type: 'notification_retried',
      actorId: p.userId,
      actorName: p.fullName,
      subject: m.recipient,
      ip,
      at: now,
      details: { messageId: id, channel: m.channel, template: m.template, dossierCode: m.dossier_code, lastError: m.last_error },
    });
    const after = (await repo.findMessage(tx, id))!;
    return present(ctx, after);
  });
}
