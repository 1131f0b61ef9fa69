/**
 * Test harness: a real database for every test file. PGlite in memory by default;
 * with TEST_DATABASE_URL, a fresh PostgreSQL schema that is dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config.ts';
import { makeContext, type AppContext } from '../context.ts';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { loadDemo } from '../demo/load.ts';
import { buildApp } from '../http/app.ts';

export const ADMIN_PASSWORD = 'Admin@12345';

export interface TestEnv {
  ctx: AppContext;
  app: FastifyInstance;
  /** Moves the clock the services see. */
  setNow: (d: Date) => void;
  advance: (ms: number) => void;
  login: (username: string, password?: string) => Promise<string>;
  close: () => Promise<void>;
}

export async function testEnv(opts: { demo?: boolean; catalogue?: boolean } = {}): Promise<TestEnv> {
  const url = process.env.TEST_DATABASE_URL;
  let schema: string | undefined;
  let dropSchema = async () => {};
  if (url) {
    schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = await openDatabase({ url, poolSize: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    await admin.close();
    dropSchema = async () => {
      const a = await openDatabase({ url, poolSize: 1 });
      await a.exec(`DROP SCHEMA ${schema} CASCADE`);
      await a.close();
    };
  }
  const database = await openDatabase({ url: url ?? null, dataDir: null, searchPath: schema, poolSize: 5 });
  await migrate(database);
  let now = new Date('2026-03-02T02:00:00Z'); // Monday 09:00 in Vietnam
  const filesDir = await mkdtemp(path.join(tmpdir(), 'motcua-files-'));
  const config = { ...loadConfig({}), logLevel: 'silent', filesDir };
  const ctx = makeContext(database, config, () => now);
  if (opts.demo !== false) await loadDemo(ctx, ADMIN_PASSWORD, { catalogue: opts.catalogue ?? false });
  const app = await buildApp(ctx, { serveWeb: false });
  await app.ready();
  const env: TestEnv = {
    ctx,
    app,
    setNow: (d) => {
      now = d;
    },
    advance: (ms) => {
      now = new Date(now.getTime() + ms);
    },
    login: async (username, password) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: password ?? (username === 'admin' ? ADMIN_PASSWORD : 'Demo@2026') },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      return (res.json() as { token: string }).token;
    },
    close: async () => {
      await app.close();
      await database.close();
      await dropSchema();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
  return env;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
