import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { Problem } from '../http/problem.ts';
import { type BucketOptions, TokenBuckets } from './domain/token-bucket.ts';

/**
 * Abuse controls for the portal: token buckets kept in this server process's memory (several
 * processes each keep their own), per client address and kind of request, and for reports also
 * per reporter (the contact phone given), so neither a new address nor a new phone number buys
 * more reports. The address is the connection's, unless TRUST_PROXY names the proxy in front
 * (http/app.ts): X-Forwarded-For from anyone else is ignored. Each answer says the limit and what
 * is left (RateLimit-Limit, RateLimit-Remaining); a refusal is 429 with Retry-After.
 */
export type LimitKind = 'report' | 'write' | 'read' | 'reporter';
export const PORTAL_LIMITS: Readonly<Record<LimitKind, BucketOptions>> = {
  report: { capacity: 5, refillPerMinute: 10 / 60 },
  write: { capacity: 20, refillPerMinute: 1 },
  read: { capacity: 120, refillPerMinute: 120 },
  reporter: { capacity: 3, refillPerMinute: 6 / 60 },
};

/** The limits in force: the defaults, with any the configuration sets (RATE_LIMIT_<KIND>=burst/perHour). */
export function portalLimits(config: Pick<Config, 'rateLimits'>): Record<LimitKind, BucketOptions> {
  return { ...PORTAL_LIMITS, ...(config.rateLimits ?? {}) };
}

function kindOf(request: FastifyRequest): Exclude<LimitKind, 'reporter'> {
  if (request.method === 'GET' || request.method === 'HEAD') return 'read';
  return request.url.split('?')[0]?.endsWith('/portal/reports') ? 'report' : 'write';
}

/** The reporter of a portal report, as far as it says: its contact phone, digits only. */
function reporterOf(request: FastifyRequest): string | null {
  const body = request.body as { contact?: { phone?: unknown } } | undefined;
  const phone = typeof body?.contact?.phone === 'string' ? body.contact.phone.replace(/\D/g, '') : '';
  return phone.length >= 5 ? phone : null;
}

function tooMany(retryAfterSeconds: number, what: string) {
  return new Problem(429, 'Too Many Requests', `too many ${what}: try again in ${retryAfterSeconds} s`, [], {
    retryAfterSeconds,
  });
}

/** Refuse a client over its limit with 429 and Retry-After; count every portal request. */
export function installPortalRateLimits(
  scope: FastifyInstance,
  limits: Record<LimitKind, BucketOptions> = PORTAL_LIMITS,
) {
  const buckets = {
    report: new TokenBuckets(limits.report),
    write: new TokenBuckets(limits.write),
    read: new TokenBuckets(limits.read),
    reporter: new TokenBuckets(limits.reporter),
  };
  scope.addHook('onRequest', async (request, reply) => {
    const kind = kindOf(request);
    const answer = buckets[kind].take(request.ip, Date.now());
    reply.header('ratelimit-limit', String(limits[kind].capacity));
    if (answer.allowed) {
      reply.header('ratelimit-remaining', String(answer.remaining));
      return;
    }
    reply.header('ratelimit-remaining', '0');
    reply.header('retry-after', String(answer.retryAfterSeconds));
    throw tooMany(answer.retryAfterSeconds, `${kind} requests from this address`);
  });
  // after the body is read: the same reporter from many addresses is still one reporter
  scope.addHook('preHandler', async (request, reply) => {
    if (kindOf(request) !== 'report') return;
    const reporter = reporterOf(request);
    if (reporter === null) return;
    const answer = buckets.reporter.take(reporter, Date.now());
    if (answer.allowed) return;
    reply.header('retry-after', String(answer.retryAfterSeconds));
    throw tooMany(answer.retryAfterSeconds, 'reports from this reporter');
  });
}
