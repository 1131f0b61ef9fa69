/**
 * E-mail through a real SMTP conversation (nodemailer): SMTP_URL names the
 * server (smtp://user:pass@host:587 with STARTTLS when offered, smtps://… for
 * implicit TLS), MAIL_FROM the sender.
 */
import nodemailer from 'nodemailer';
import type { Config } from '../../config.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

export interface MailSender {
  send(m: MailMessage): Promise<void>;
  close(): void;
}

/** A delivery failure, with whether trying again could help and whether the server itself is unreachable. */
export class DeliveryError extends Error {
  readonly permanent: boolean;
  readonly serverDown: boolean;
  constructor(message: string, opts: { permanent?: boolean; serverDown?: boolean } = {}) {
    super(message);
    this.name = 'DeliveryError';
    this.permanent = opts.permanent ?? false;
    this.serverDown = opts.serverDown ?? false;
  }
}

/** The sender address: MAIL_FROM, else the SMTP account when it is an address, else no-reply at the SMTP host. */
export function senderOf(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): string {
  if (config.mailFrom) return config.mailFrom;
  try {
    const u = new URL(config.smtpUrl ?? '');
    const user = decodeURIComponent(u.username);
    if (/^[^@\s]+@[^@\s]+$/.test(user)) return user;
    return `no-reply@${u.hostname || 'localhost'}`;
  } catch {
    return 'no-reply@localhost';
  }
}

const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EREQUIRETLS', 'EAUTH', 'ENOAUTH', 'EPROXY', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND']);

/** Vietnamese account of an SMTP failure for the administrator. */
function explain(err: unknown): DeliveryError {
  const e = err as { code?: string; responseCode?: number; command?: string; message?: string };
  const detail = (e.message ?? String(err)).slice(0, 400);
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH') {
    return new DeliveryError(`Máy chủ thư từ chối đăng nhập (kiểm tra tài khoản trong SMTP_URL): ${detail}`, { serverDown: true });
  }
  if (e.code && CONNECTION_CODES.has(e.code)) {
    return new DeliveryError(`Không kết nối được máy chủ thư điện tử: ${detail}`, { serverDown: true });
  }
  if (e.code === 'EENVELOPE' && e.responseCode && e.responseCode >= 500 && e.command === 'RCPT TO') {
    return new DeliveryError(`Máy chủ thư từ chối địa chỉ người nhận: ${detail}`, { permanent: true });
  }
  return new DeliveryError(`Gửi thư điện tử không thành công: ${detail}`);
}

export function createMailSender(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): MailSender | null {
  if (!config.smtpUrl) return null;
  const transport = nodemailer.createTransport({
    url: config.smtpUrl,
    // Bounded waits: a worker's claim on a message (its lease) outlasts any single conversation.
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  const from = senderOf(config);
  return {
    async send(m) {
      try {
        await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, ...(m.html ? { html: m.html } : {}) });
      } catch (err) {
        throw explain(err);
      }
    },
    close() {
      transport.close();
    },
  };
}
