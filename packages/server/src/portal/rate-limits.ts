import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Problem } from '../http/problem.ts';
import { type BucketOptions, TokenBuckets } from './domain/token-bucket.ts';

/**
 * Abuse controls for the portal: a token bucket per client address and kind of request, kept in
 * this server process's memory (several processes each keep their own). The address is the
 * request's IP as Fastify sees it (X-Forwarded-For is trusted: run behind a proxy that sets it).
 */
export const PORTAL_LIMITS: Readonly<Record<'report' | 'write' | 'read', BucketOptions>> = {
  report: { capacity: 5, refillPerMinute: 10 / 60 },
  write: { capacity: 20, refillPerMinute: 1 },
  read: { capacity: 120, refillPerMinute: 120 },
};

function kindOf(request: FastifyRequest): keyof typeof PORTAL_LIMITS {
  if (request.method === 'GET' || request.method === 'HEAD') return 'read';
  return request.url.split('?')[0]?.endsWith('/portal/reports') ? 'report' : 'write';
}

/** Refuse a client over its limit with 429 and Retry-After; count every portal request. */
export function installPortalRateLimits(scope: FastifyInstance, limits = PORTAL_LIMITS) {
  const buckets = {
    report: new TokenBuckets(limits.report),
    write: new TokenBuckets(limits.write),
    read: new TokenBuckets(limits.read),
  };
  scope.addHook('onRequest', async (request, reply) => {
    const kind = kindOf(request);
    const answer = buckets[kind].take(request.ip, Date.now());
    if (answer.allowed) return;
    reply.header('retry-after', String(answer.retryAfterSeconds));
    throw new Problem(
      429,
      'Too Many Requests',
      `too many ${kind} requests from this address: try again later`,
      [],
      {
        retryAfterSeconds: answer.retryAfterSeconds,
      },
    );
  });
}
