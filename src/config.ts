import path from 'node:path';

/** Runtime configuration, read once at the edge from the environment. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  adminPassword: string | null;
  filesDir: string;
  cookieSecure: boolean;
  logLevel: string;
  sessionTtlHours: number;
  /** Officers are warned this many working hours before a due date (default one working day). */
  dueSoonWorkingHours: number;
  /** Dossiers the demo province gets (loaded by the worker in the background). */
  demoDossiers: number;
  /** Largest file accepted for upload, in bytes. */
  maxUploadBytes: number;
  /** Public address of the site (printed in QR codes on slips); null: the request's own origin. */
  publicUrl: string | null;
  /** SMTP server for e-mails to citizens (smtp://user:pass@host:587, smtps://…); null: e-mails wait in the outbox. */
  smtpUrl: string | null;
  /** Sender of those e-mails; null: derived from the SMTP account. */
  mailFrom: string | null;
  /** How text messages leave: `log` (written to the server log) or `http` (a generic gateway). */
  smsDriver: 'log' | 'http';
  smsHttpUrl: string | null;
  smsHttpToken: string | null;
  /** Whether the SMS gateway takes Vietnamese with diacritics (Unicode); otherwise messages are sent accent-free. */
  smsUnicode: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT không hợp lệ: ${env.PORT}`);
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL : null,
    adminPassword: env.ADMIN_PASSWORD ?? null,
    filesDir: path.resolve(env.FILES_DIR ?? path.join(dataDir, 'files')),
    cookieSecure: env.COOKIE_SECURE === 'true',
    logLevel: env.LOG_LEVEL ?? 'warn',
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 12),
    dueSoonWorkingHours: positive(env.DUE_SOON_WORKING_HOURS, 8),
    demoDossiers: env.DEMO_DOSSIERS !== undefined && /^\d+$/.test(env.DEMO_DOSSIERS.trim()) ? Number(env.DEMO_DOSSIERS) : 3000,
    maxUploadBytes: positive(env.MAX_UPLOAD_MB, 20) * 1024 * 1024,
    publicUrl: publicUrl(env.PUBLIC_URL),
    ...notificationConfig(env),
  };
}

function notificationConfig(env: NodeJS.ProcessEnv) {
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());
  const smtpUrl = blank(env.SMTP_URL);
  if (smtpUrl && !/^smtps?:\/\/[^\s]+$/.test(smtpUrl)) throw new Error('SMTP_URL phải có dạng smtp://người-dùng:mật-khẩu@máy-chủ:587 hoặc smtps://…');
  const smsDriver = blank(env.SMS_DRIVER) ?? 'log';
  if (smsDriver !== 'log' && smsDriver !== 'http') throw new Error(`SMS_DRIVER không hợp lệ: ${env.SMS_DRIVER} (log hoặc http)`);
  const smsHttpUrl = blank(env.SMS_HTTP_URL);
  if (smsDriver === 'http' && !smsHttpUrl) throw new Error('SMS_DRIVER=http cần SMS_HTTP_URL (địa chỉ nhận tin nhắn của nhà cung cấp).');
  if (smsHttpUrl && !/^https?:\/\//.test(smsHttpUrl)) throw new Error(`SMS_HTTP_URL phải bắt đầu bằng http:// hoặc https://: ${smsHttpUrl}`);
  return {
    smtpUrl,
    mailFrom: blank(env.MAIL_FROM),
    smsDriver: smsDriver as 'log' | 'http',
    smsHttpUrl,
    smsHttpToken: blank(env.SMS_HTTP_TOKEN),
    smsUnicode: smsDriver === 'log' ? env.SMS_UNICODE !== 'false' : env.SMS_UNICODE === 'true',
  };
}

function positive(v: string | undefined, fallback: number): number {
  const n = Number(v);
  return v !== undefined && v.trim() !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
}

function publicUrl(v: string | undefined): string | null {
  if (v === undefined || v.trim() === '') return null;
  let u: URL;
  try {
    u = new URL(v.trim());
  } catch {
    throw new Error(`PUBLIC_URL không hợp lệ: ${v}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`PUBLIC_URL phải bắt đầu bằng http:// hoặc https://: ${v}`);
  return `${u.origin}${u.pathname}`.replace(/\/+$/, '');
}
