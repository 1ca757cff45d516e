import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, Problem, unauthorized } from '../http/problem.ts';
import { type Actor, ANONYMOUS, type Role } from './actor.ts';
import { type AuthService, SESSION_COOKIE, SESSION_HOURS } from './service-auth.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking: set for every request from the session cookie or the bearer token. */
    actor: Actor;
    /** The CSRF token of the request's session (null without a session). */
    csrfToken: string | null;
    /** The session's user was given a one-time password and must change it before anything else. */
    mustChangePassword: boolean;
  }
}

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Unsafe requests that need no CSRF token even with a session cookie (logging in starts a new session). */
const CSRF_EXEMPT = new Set(['/api/v1/auth/login']);
/** What a user who must change their password may still do: see who they are, change it, log out. */
const BEFORE_PASSWORD_CHANGE = new Set([
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/password',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/login',
]);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Parse cookies, and set `request.actor` on every request (anonymous when no credentials). */
export async function installActorHook(app: FastifyInstance, auth: AuthService) {
  await app.register(cookie);
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('mustChangePassword', false);
  app.addHook('onRequest', async (request) => {
    request.actor = ANONYMOUS;
    request.csrfToken = null;
    request.mustChangePassword = false;
    const header = request.headers.authorization;
    if (header?.toLowerCase().startsWith('bearer ')) {
      const actor = await auth.fromToken(header.slice(7).trim());
      if (!actor) throw unauthorized('the API token is unknown, expired or revoked');
      request.actor = actor;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await auth.fromSession(token);
    if (!session) return;
    request.actor = session.actor;
    request.csrfToken = session.csrfToken;
    request.mustChangePassword = session.mustChangePassword;
    const path = request.url.split('?')[0] ?? '';
    if (!SAFE_METHODS.has(request.method) && !CSRF_EXEMPT.has(path)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken))
        throw new Problem(403, 'Forbidden', 'missing or invalid CSRF token', [
          { field: `header.${CSRF_HEADER}`, message: 'must be the csrfToken of the session' },
        ]);
    }
    if (
      session.mustChangePassword &&
      path.startsWith('/api/') &&
      !BEFORE_PASSWORD_CHANGE.has(`${request.method} ${path}`)
    )
      throw new Problem(
        403,
        'Forbidden',
        'change your one-time password first (POST /api/v1/auth/password)',
        [{ field: 'body.newPassword', message: 'a new password of your own is needed before anything else' }],
      );
  });
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: SESSION_HOURS * 3600,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
  });
}

/** The staff actor of a request, or 401. */
export function requireStaff(request: FastifyRequest): Actor {
  if (request.actor.kind !== 'staff') throw unauthorized();
  return request.actor;
}

/** The actor holds at least one of the roles (somewhere), or 403. Scope is checked on the record. */
export function requireRole(actor: Actor, ...roles: Role[]): Actor {
  if (actor.kind !== 'staff') throw unauthorized();
  if (!actor.roles.some((r) => roles.includes(r)))
    throw forbidden(`needs one of the roles: ${roles.join(', ')}`);
  return actor;
}
