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
  /** Largest file accepted for upload, in bytes. */
  maxUploadBytes: number;
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
    maxUploadBytes: positive(env.MAX_UPLOAD_MB, 20) * 1024 * 1024,
  };
}

function positive(v: string | undefined, fallback: number): number {
  const n = Number(v);
  return v !== undefined && v.trim() !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
}
