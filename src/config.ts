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
  };
}
