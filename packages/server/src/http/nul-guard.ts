import type { FastifyInstance } from 'fastify';
import { badRequest } from './problem.ts';

/**
 * Where the first string holding the NUL character (U+0000) sits in a parsed request part, as a
 * field path (`body.reporter.name`), or null. PostgreSQL stores no NUL in text or JSON, so such
 * input would fail deep in a query; it is refused at the door instead.
 */
export function nulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulPath(item, `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      const found = key.includes('\u0000') ? `${path}.${key}` : nulPath(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** Refuse (400, naming the field) any request whose parameters, query or body hold a NUL character. */
export function installNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const found =
      nulPath(request.params, 'params') ?? nulPath(request.query, 'query') ?? nulPath(request.body, 'body');
    if (found) throw badRequest(found, 'must not contain the NUL character (U+0000)');
  });
}
