import type { FastifyInstance } from 'fastify';
import type { Role } from '../src/identity/actor.ts';
import { DEMO_PASSWORD } from '../src/identity/seed.ts';

export interface LoggedIn {
  /** Send these with every request: the session cookie and the CSRF token. */
  headers: Record<string, string>;
  cookie: string;
  csrfToken: string;
  userId: number;
  username: string;
  roles: Role[];
  regionPaths: string[];
  unitIds: number[];
}

/** Log in as a demo user (password `Demo@2026` unless given) through the real API. */
export async function loginAs(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<LoggedIn> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
  const set = res.cookies.find((c) => c.name === 'cg_session');
  if (!set) throw new Error(`login as ${username} set no session cookie`);
  const body = res.json() as {
    user: { id: number; username: string };
    roles: Role[];
    regionPaths: string[];
    units: { id: number }[];
    csrfToken: string;
  };
  const cookie = `cg_session=${set.value}`;
  return {
    headers: { cookie, 'x-csrf-token': body.csrfToken },
    cookie,
    csrfToken: body.csrfToken,
    userId: body.user.id,
    username: body.user.username,
    roles: body.roles,
    regionPaths: body.regionPaths,
    unitIds: body.units.map((u) => u.id),
  };
}
