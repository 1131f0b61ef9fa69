import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { AppContext } from '../context.ts';
import { generatePassword, isEmpty, loadDemo } from '../demo/load.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../demo/province.ts';
import { buildApp } from '../http/app.ts';
import { errors } from '../http/errors.ts';
import { zNewUser, zUser } from '../modules/users/schemas.ts';
import { createUser } from '../modules/users/service.ts';
import { findAgency } from '../modules/agencies/repo.ts';
import { importProcedureRecords } from '../modules/procedures/import.ts';
import { startWorker } from '../jobs/worker.ts';
import { verifyEventChains } from '../modules/dossiers/verify.ts';
import { dossierImportControlRoute } from './import-dossiers.ts';
import { acquireLock, updateLock } from './lock.ts';
import { openContext } from './open.ts';
import { buildWeb, webBuildStale } from './web-build.ts';

export type Role = 'web' | 'worker' | 'all';

export const adminPasswordFile = (config: Config) => path.join(config.dataDir, 'admin-password.txt');

/** Loads the demo province into an empty database; returns the admin password when it was just set. */
export async function ensureDemo(ctx: AppContext): Promise<string | null> {
  if (!(await isEmpty(ctx))) return null;
  const password = ctx.config.adminPassword ?? generatePassword();
  await loadDemo(ctx, password);
  if (!ctx.config.adminPassword) writeFileSync(adminPasswordFile(ctx.config), `${password}\n`, { mode: 0o600 });
  return password;
}

/** Routes only the local CLI can use, authenticated by the token in the data folder's lock file. */
function controlRoutes(app: FastifyInstance, ctx: AppContext, token: string) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const check = (header: unknown) => {
    const given = Buffer.from(String(header ?? ''));
    const want = Buffer.from(token);
    if (given.length !== want.length || !timingSafeEqual(given, want)) throw errors.forbidden();
  };
  r.post(
    '/api/v1/internal/users',
    { schema: { hide: true, body: zNewUser, response: { 201: zUser } } },
    async (req, reply) => {
      check(req.headers['x-motcua-control']);
      // The CLI may name agencies by their electronic identifier.
      const grants = [];
      for (const g of req.body.grants) {
        const a = g.agencyId ? await findAgency(ctx.db, g.agencyId) : null;
        if (g.agencyId && !a) throw errors.validation([{ path: 'agency', message: `Không tìm thấy cơ quan "${g.agencyId}".` }]);
        grants.push({ role: g.role, agencyId: a?.id ?? null });
      }
      return reply.status(201).send(await createUser(ctx, null, { ...req.body, grants }, '127.0.0.1'));
    },
  );
  // `motcua audit verify`: the event chains, checked by the process that holds the data folder.
  r.post(
    '/api/v1/internal/audit/verify',
    { onRequest: async (req) => check(req.headers['x-motcua-control']), schema: { hide: true } },
    async () => verifyEventChains(ctx),
  );
  // `motcua import procedures FILE`: the CLI reads the file (CSV or XLSX) and sends its rows.
  r.post(
    '/api/v1/internal/procedures/import',
    {
      bodyLimit: 64 * 1024 * 1024,
      // Refuse before reading a large body.
      onRequest: async (req) => check(req.headers['x-motcua-control']),
      schema: {
        hide: true,
        body: z.object({
          records: z.array(z.array(z.string().max(100_000)).max(1000)).max(100_000),
          dryRun: z.boolean().optional(),
          source: z.string().max(300).optional(),
        }),
        response: { 200: z.object({ created: z.number(), updated: z.number(), fields: z.number(), newFields: z.number() }) },
      },
    },
    async (req) => importProcedureRecords(ctx, req.body.records, { dryRun: req.body.dryRun, source: req.body.source }),
  );
  // `motcua import dossiers FILE`: the server reads the file (same machine) and streams its progress back.
  dossierImportControlRoute(app, ctx, check);
}

export interface Running {
  app: FastifyInstance | null;
  url: string | null;
  stop: () => Promise<void>;
}

export async function startServer(config: Config, opts: { role: Role; build: boolean; quiet?: boolean }): Promise<Running> {
  const started = Date.now();
  const log = opts.quiet ? () => {} : (s: string) => console.log(s);
  const controlToken = randomBytes(24).toString('base64url');
  let release: () => void = () => {};
  if (!config.databaseUrl) {
    release = acquireLock(config.dataDir, { pid: process.pid, port: null, controlToken, startedAt: new Date().toISOString() });
  }
  let ctx: AppContext;
  try {
    if (opts.build && opts.role !== 'worker' && webBuildStale()) buildWeb(log);
    ctx = await openContext(config);
  } catch (err) {
    release();
    throw err;
  }
  const fresh = await ensureDemo(ctx);
  let app: FastifyInstance | null = null;
  let url: string | null = null;
  if (opts.role !== 'worker') {
    app = await buildApp(ctx, { logger: { level: config.logLevel } });
    controlRoutes(app, ctx, controlToken);
    await app.listen({ port: config.port, host: config.host });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    url = `http://localhost:${port}`;
    if (!config.databaseUrl) updateLock(config.dataDir, { pid: process.pid, port, controlToken, startedAt: new Date().toISOString() });
  }
  const worker = opts.role !== 'web' ? startWorker(ctx) : null;

  const adminPw = fresh ?? config.adminPassword ?? readAdminPassword(config);
  log('');
  log(`motcua ${ctx.version} — ${ctx.database.kind === 'pglite' ? `PGlite, dữ liệu tại ${config.dataDir}` : 'PostgreSQL'} — vai trò: ${opts.role}`);
  if (url) {
    log(`Địa chỉ:      ${url}`);
    log(`Tài liệu API: ${url}/api/docs`);
    log('');
    log('Tài khoản demo:');
    log(`  admin                  mật khẩu: ${adminPw ?? '(đã được đổi)'}   Quản trị hệ thống`);
    for (const u of DEMO_USERS) log(`  ${u.username.padEnd(22)} mật khẩu: ${DEMO_PASSWORD}   ${u.fullName}`);
  }
  log('');
  log(`Sẵn sàng sau ${((Date.now() - started) / 1000).toFixed(1)} giây.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await worker?.stop();
    await app?.close();
    await ctx.database.close();
    release();
  };
  return { app, url, stop };
}

function readAdminPassword(config: Config): string | null {
  const f = adminPasswordFile(config);
  return existsSync(f) ? readFileSync(f, 'utf8').trim() : null;
}

export const zRole = z.enum(['web', 'worker', 'all']);
