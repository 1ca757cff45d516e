import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { modules } from '../modules.ts';
import { frameworkErrors, installErrorHandler } from './error-handler.ts';
import { installInputGuard } from './input-guard.ts';
import { recordRoutes } from './route-registry.ts';
import { installSchemaBounds } from './schema-bounds.ts';
import { installValidators } from './validation.ts';

export interface BuildOptions {
  /** Pino logger options, or false to be silent (tests). */
  logger?: boolean | Record<string, unknown>;
  bodyLimit?: number;
}

/** Fastify's form of the TRUST_PROXY setting: a hop count becomes "believe that many hops". */
function trustProxyOption(trust: false | number | string[]) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

/** The HTTP application: OpenAPI at /api/docs, problem+json errors, every module's routes. */
export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 2 * 1024 * 1024,
    // X-Forwarded-For only from the proxy the configuration names (TRUST_PROXY); off by default
    trustProxy: trustProxyOption(ctx.config.trustProxy ?? false),
    // Path segments up to what the schemas allow (longer ones are a 400 naming the field).
    routerOptions: { maxParamLength: 1000 },
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>();
  recordRoutes(app);
  installErrorHandler(app);
  installValidators(app);
  installSchemaBounds(app);
  installInputGuard(app);
  await app.register(formbody);
  // gzip/brotli for text a phone downloads (console assets, JSON); never the live event stream,
  // photos or Excel files (already compressed). Brotli at a moderate level: it runs per request.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    customTypes: COMPRESSIBLE,
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'CivicGrid API',
        version: '0.1.0',
        description: 'Grid-based community governance platform',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  for (const m of modules) if (m.routes) await m.routes(app, ctx);
  await app.ready();
  return app;
}

const COMPRESSIBLE =
  /^(text\/(html|css|plain|xml|javascript|csv)|application\/(json|problem\+json|geo\+json|javascript|xml|manifest\+json)|image\/svg\+xml)/;

export async function startModules(ctx: AppContext) {
  for (const m of modules) if (m.start) await m.start(ctx);
}

export async function stopModules(ctx: AppContext) {
  for (const m of [...modules].reverse()) if (m.stop) await m.stop(ctx);
}
