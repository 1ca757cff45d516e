import type { FastifyInstance } from 'fastify';
import { type LoggedIn, loginAs } from './login.ts';

/** Shared steps for the cases API tests: demo users, a report from the grid worker's grid, actions. */
export interface Users {
  gridworker: LoggedIn;
  community_op: LoggedIn;
  street_op: LoggedIn;
  district_op: LoggedIn;
  urban_handler: LoggedIn;
  housing_handler: LoggedIn;
  police_handler: LoggedIn;
  leader: LoggedIn;
  admin: LoggedIn;
  hexi_op: LoggedIn;
}

export async function loginAll(app: FastifyInstance): Promise<Users> {
  const names = [
    'gridworker',
    'community_op',
    'street_op',
    'district_op',
    'urban_handler',
    'housing_handler',
    'police_handler',
    'leader',
    'admin',
    'hexi_op',
  ] as const;
  const users = await Promise.all(names.map((n) => loginAs(app, n)));
  return Object.fromEntries(names.map((n, i) => [n, users[i]])) as unknown as Users;
}

/** The grid the demo grid worker works in (the last code of their post's path). */
export function gridOf(user: LoggedIn): string {
  const path = user.regionPaths[0] ?? '';
  return path.split('/').filter(Boolean).at(-1) ?? '';
}

export const neighbourDispute = (gridCode: string) => ({
  kind: 'dispute',
  category: 'dispute.neighbour',
  attributes: { parties_count: 2, risk_level: 'medium' },
  description: '楼上住户装修噪声和漏水，与楼下住户多次争吵',
  gridCode,
  reporter: { name: '张三', phone: '13812345678' },
  channel: 'field',
});

let clientSeq = 0;

export async function report(
  app: FastifyInstance,
  user: LoggedIn,
  body: Record<string, unknown>,
  key?: string,
) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { ...user.headers, ...(key ? { 'idempotency-key': key } : {}) },
    payload: body,
  });
}

export async function act(
  app: FastifyInstance,
  user: LoggedIn,
  caseId: number | string,
  action: string,
  payload: Record<string, unknown> = {},
  extra: { clientId?: string; version?: number } = {},
) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/actions`,
    headers: user.headers,
    payload: {
      action,
      clientId: extra.clientId ?? `test-${++clientSeq}`,
      payload,
      ...(extra.version ? { version: extra.version } : {}),
    },
  });
}

export async function read(app: FastifyInstance, user: LoggedIn, caseId: number | string) {
  return app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: user.headers });
}
