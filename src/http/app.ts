import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { agencyRoutes } from '../modules/agencies/routes.ts';
import { auditRoutes } from '../modules/audit/routes.ts';
import { calendarRoutes } from '../modules/calendar/routes.ts';
import { citizenRoutes } from '../modules/citizen/routes.ts';
import { procedureRoutes } from '../modules/procedures/routes.ts';
import { dossierRoutes } from '../modules/dossiers/routes.ts';
import { reportRoutes } from '../modules/reports/routes.ts';
import { slipRoutes } from '../modules/slips/routes.ts';
import { notificationRoutes } from '../modules/notifications/routes.ts';
import { authRoutes, SESSION_COOKIE } from '../modules/auth/routes.ts';
import { resolveSession } from '../modules/auth/service.ts';
import { systemRoutes } from '../modules/system/routes.ts';
import { userRoutes } from '../modules/users/routes.ts';
import { errorBody, installErrorHandling } from './errors.ts';
import { installVietnameseZod } from './zod-vi.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface BuildOptions {
  logger?: boolean | { level: string };
  serveWeb?: boolean;
}

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  installVietnameseZod();
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: true,
    // Never leak the framework's own error shapes.
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'motcua API',
        description: 'API của hệ thống thông tin giải quyết thủ tục hành chính motcua.',
        version: ctx.version,
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Who is asking: a Bearer token (API clients) or the session cookie (browser).
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req) => {
    const auth = req.headers.authorization;
    let token: string | undefined;
    if (auth?.startsWith('Bearer ')) token = auth.slice(7).trim();
    else token = req.cookies[SESSION_COOKIE];
    req.principal = token ? await resolveSession(ctx, token) : null;
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'same-origin');
    return payload;
  });

  await app.register(
    async (api) => {
      await api.register(systemRoutes(ctx));
      await api.register(authRoutes(ctx));
      await api.register(agencyRoutes(ctx));
      await api.register(userRoutes(ctx));
      await api.register(auditRoutes(ctx));
      await api.register(procedureRoutes(ctx));
      await api.register(calendarRoutes(ctx));
      await api.register(dossierRoutes(ctx));
      await api.register(citizenRoutes(ctx));
      await api.register(reportRoutes(ctx));
      await api.register(slipRoutes(ctx));
      await api.register(notificationRoutes(ctx));
    },
    { prefix: '/api/v1' },
  );

  const serveWeb = opts.serveWeb !== false && existsSync(path.join(WEB_DIST, 'index.html'));
  if (serveWeb) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  // Client-side routes fall back to the web app; unknown API paths stay JSON 404s.
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0];
    // A path ending in a file extension (.js, .png) is a missing asset; /thu-tuc/1.001193 is a page.
    const asset = /^\.[a-z][a-z0-9]{0,7}$/i.test(path.extname(url));
    if (serveWeb && req.method === 'GET' && !url.startsWith('/api/') && !asset) {
      return reply.type('text/html').sendFile('index.html');
    }
    // An asset built after the server started (a rebuilt web app) is served too.
    if (serveWeb && asset && req.method === 'GET' && !url.includes('..')) {
      let rel = url;
      try {
        rel = decodeURIComponent(url);
      } catch {
        /* a malformed escape is just a missing file */
      }
      rel = rel.replace(/^\/+/, '');
      if (!rel.includes('..') && existsSync(path.join(WEB_DIST, rel))) return reply.sendFile(rel);
    }
    return reply.status(404).send(errorBody('NOT_FOUND', `Không tìm thấy đường dẫn ${req.method} ${url}.`));
  });
  return app;
}
