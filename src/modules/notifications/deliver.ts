/**
 * Delivery of the outbox (the worker's job): claims due messages one at a
 * time (row lock with SKIP LOCKED: two workers never take the same one),
 * sends them, and marks each sent, or schedules a retry with exponential
 * backoff (1 min, 5 min, 30 min, 2 h, 12 h), or marks it failed after the
 * sixth attempt. No transaction is held while talking to a server.
 *
 * Without SMTP_URL e-mails are not attempted: they stay pending with a note
 * saying why, and leave as soon as a server is configured.
 */
import type { AppContext } from '../../context.ts';
import * as repo from './repo.ts';
import { createMailSender, DeliveryError, type MailSender } from './smtp.ts';
import { createSmsSender, type SmsSender } from './sms.ts';
import { accentFree } from './templates.ts';

const MINUTE = 60_000;
/** Wait after the n-th failed attempt (n = 1…5); the 6th failure is final. */
export const BACKOFF_MS = [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 720 * MINUTE] as const;
export const MAX_ATTEMPTS = 6;
/** How long a claimed message belongs to the worker that claimed it (far longer than any SMTP or HTTP timeout). */
export const LEASE_MS = 10 * MINUTE;

export const NO_SMTP_MESSAGE = 'Chưa cấu hình máy chủ thư điện tử (SMTP_URL): thư đang chờ, sẽ được gửi ngay khi máy chủ được cấu hình.';

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

export interface DeliveryOptions {
  /** Most messages handled in one run. */
  limit?: number;
  signal?: { stopped: boolean };
  /** Senders to use instead of those the configuration names. */
  mail?: MailSender | null;
  sms?: SmsSender;
}

export async function deliverOutbox(ctx: AppContext, opts: DeliveryOptions = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  const mail = opts.mail !== undefined ? opts.mail : createMailSender(ctx.config);
  const sms = opts.sms ?? createSmsSender(ctx.config);
  if (!mail) await repo.noteWaiting(ctx.db, 'email', NO_SMTP_MESSAGE);
  // A channel whose server is unreachable is left alone for the rest of the run: the other messages keep their attempts.
  const open = new Set<repo.OutboxChannel>(mail ? ['email', 'sms'] : ['sms']);
  const limit = opts.limit ?? 200;
  try {
    for (let i = 0; i < limit && !opts.signal?.stopped; i++) {
      const m = await repo.claimNext(ctx.db, [...open], ctx.now(), LEASE_MS);
      if (!m) break;
      try {
        if (m.channel === 'email') {
          await mail!.send({ to: m.recipient, subject: m.subject ?? '', text: m.body, html: m.html });
        } else {
          await sms.send(m.recipient, sms.unicode ? m.body : accentFree(m.body));
        }
        await repo.markSent(ctx.db, m.id, ctx.now());
        report.sent++;
      } catch (err) {
        const e = err instanceof DeliveryError ? err : new DeliveryError(`Gửi không thành công: ${(err as Error)?.message ?? String(err)}`);
        const message = `Lần ${m.attempts}: ${e.message}`.slice(0, 1000);
        if (e.permanent || m.attempts >= MAX_ATTEMPTS) {
          await repo.markFailed(ctx.db, m.id, message);
          report.failed++;
        } else {
          await repo.markRetry(ctx.db, m.id, new Date(ctx.now().getTime() + BACKOFF_MS[m.attempts - 1]), message);
          report.retrying++;
        }
        if (e.serverDown) open.delete(m.channel);
      }
    }
  } finally {
    if (opts.mail === undefined) mail?.close();
  }
  return report;
}
