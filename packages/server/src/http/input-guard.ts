import type { FastifyInstance } from 'fastify';
import { badRequest } from './problem.ts';

/** How deep a request's objects and lists may nest (GeoJSON needs about 8). */
export const MAX_DEPTH = 64;

export interface BadInput {
  field: string;
  message: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function badText(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text))
    return 'must be valid Unicode text (a lone surrogate such as \\uD800 is not)';
  return null;
}

/**
 * The first thing in a parsed request part that no column can hold: a string (or key) with the
 * NUL character or a lone UTF-16 surrogate (PostgreSQL refuses both in text and JSON), or
 * nesting deeper than MAX_DEPTH. Walked with an explicit stack, so a body nested 5,000 deep is
 * refused rather than overflowing the call stack.
 */
export function findBadInput(value: unknown, path: string): BadInput | null {
  const stack: [unknown, string, number][] = [[value, path, 0]];
  while (stack.length) {
    const [v, at, depth] = stack.pop() as [unknown, string, number];
    if (typeof v === 'string') {
      const message = badText(v);
      if (message) return { field: at, message };
      continue;
    }
    if (!v || typeof v !== 'object' || Buffer.isBuffer(v)) continue;
    if (depth >= MAX_DEPTH) return { field: at, message: `must not nest deeper than ${MAX_DEPTH} levels` };
    const entries = Array.isArray(v) ? v.map((item, i) => [String(i), item] as const) : Object.entries(v);
    // Pushed in reverse so the first bad field in reading order is the one named.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i] as readonly [string, unknown];
      const keyMessage = badText(key);
      if (keyMessage) return { field: `${at}.${key}`, message: keyMessage };
      stack.push([item, `${at}.${key}`, depth + 1]);
    }
  }
  return null;
}

/** Refuse (400, naming the field) any request whose parameters, query or body hold such input. */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const found =
      findBadInput(request.params, 'params') ??
      findBadInput(request.query, 'query') ??
      findBadInput(request.body, 'body');
    if (found) throw badRequest(found.field, found.message);
  });
}
