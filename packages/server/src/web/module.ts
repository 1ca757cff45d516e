import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Module } from '../context.ts';
import { notFound } from '../http/problem.ts';
import { isApiPath, notBuiltPage } from './pages.ts';
import { targetRoutes } from './targets.ts';

/** Where `npm run build -w @civicgrid/web` puts the console. WEB_DIST overrides it. */
export function webDistDir(): string {
  return process.env.WEB_DIST ?? resolve(import.meta.dirname, '../../../web/dist');
}

/**
 * The web console: the built files of packages/web under `/`, and index.html for any other
 * GET that is not the API (the console's own routes: /inbox, /cases/…). Registered last so
 * every API route wins; unknown API paths still answer problem+json 404.
 */
export const webModule: Module = {
  name: 'web',
  async routes(app, ctx) {
    targetRoutes(app, ctx);
    const root = webDistDir();
    const built = existsSync(join(root, 'index.html'));
    if (built) {
      await app.register(fastifyStatic, {
        root,
        // no route per file (the fallback below serves them, rebuilt ones too), so the routes
        // the server answers are the same whether or not the console is built
        serve: false,
        index: false,
        // hashed assets never change; index.html must always be fetched anew
        setHeaders(reply, path) {
          reply.header(
            'cache-control',
            path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    }
    const indexHtml = () => readFileSync(join(root, 'index.html'), 'utf8');
    const fallback = async (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (isApiPath(path)) throw notFound(`route ${request.method} ${path}`);
      // files added to dist after start-up (a rebuild) are served too
      const file = join(root, safeDecode(path));
      if (built && file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile())
        return reply.sendFile(file.slice(root.length + 1));
      // a missing asset is a 404, not the console
      if (path.startsWith('/assets/')) throw notFound(`file ${path}`);
      if (!built || !existsSync(join(root, 'index.html')))
        return reply
          .status(503)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-cache')
          .send(notBuiltPage());
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml());
    };
    app.get('/', { schema: { hide: true } }, fallback);
    app.get('/*', { schema: { hide: true } }, fallback);
  },
};

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
