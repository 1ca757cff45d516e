import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { DEMO_USERS } from '../../packages/server/src/identity/seed.ts';
import { type LoggedIn, loginAs } from '../../packages/server/test/login.ts';

/** Each demo user logged in once, and who holds a post on which unit. */
export async function demoStaff(app: FastifyInstance) {
  const users = await Promise.all(DEMO_USERS.map((u) => loginAs(app, u.username)));
  const byUnit = new Map<number, LoggedIn[]>();
  for (const u of users) for (const unit of u.unitIds) byUnit.set(unit, [...(byUnit.get(unit) ?? []), u]);
  return { users, byUnit, byName: new Map(users.map((u) => [u.username, u])) };
}
export type DemoStaff = Awaited<ReturnType<typeof demoStaff>>;

interface CaseRead {
  id: number;
  status: string;
  currentUnit: { id: number; name: string } | null;
  centreUnit: { id: number; name: string } | null;
  allowedActions: string[];
}

/**
 * One resident's report from the portal API walked to a rated close by the demo users alone: each
 * step is taken by a demo user holding a post on the unit the case is with (from their inbox),
 * the check by the coordinating centre's operator, the rating by the resident. Returns the
 * unit each step was taken by, for the caller to compare.
 */
export async function residentLoop(
  app: FastifyInstance,
  staff: DemoStaff,
  report: { category: string; attributes: Record<string, unknown>; address: string; description: string },
  /** The resident's own address (the portal limits reports per address). */
  remoteAddress: string,
) {
  const made = await app.inject({
    method: 'POST',
    url: '/api/v1/portal/reports',
    remoteAddress,
    payload: { ...report, anonymous: true },
  });
  expect(made.statusCode, made.body).toBe(201);
  const { number, secret } = made.json() as { number: string; secret: string };
  const read = async (as: LoggedIn) => {
    const res = await app.inject({ url: `/api/v1/cases/${number}`, headers: as.headers });
    expect(res.statusCode, `${as.username} reads ${number}: ${res.body}`).toBe(200);
    return res.json() as CaseRead;
  };
  const act = async (as: LoggedIn, id: number, action: string, payload: Record<string, unknown>) => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/actions`,
      headers: as.headers,
      payload: { action, clientId: `loop-${number}-${action}-${as.username}`, payload },
    });
    expect(res.statusCode, `${as.username} ${action} on ${number}: ${res.body}`).toBe(200);
  };
  const admin = staff.byName.get('admin') as LoggedIn;
  const holders: string[] = [];
  const payloads: Record<string, Record<string, unknown>> = {
    accept: { comment: '已受理' },
    start: {},
    resolve: { result: '已处理完毕' },
  };
  // whoever holds it takes it on: accept, start, resolve (at most a few steps)
  for (let step = 0; step < 4; step++) {
    const c = await read(admin);
    if (c.status === 'resolved') break;
    const unit = c.currentUnit;
    expect(unit, `${number} (${report.category}) is with no unit`).not.toBeNull();
    const people = staff.byUnit.get(unit?.id as number) ?? [];
    expect(people.length, `nobody in the demo works at ${unit?.name} (${report.category})`).toBeGreaterThan(
      0,
    );
    const who = people[0] as LoggedIn;
    const inbox = await app.inject({ url: '/api/v1/cases/inbox', headers: who.headers });
    expect((inbox.json() as { items: { number: string }[] }).items.map((i) => i.number)).toContain(number);
    const mine = await read(who);
    const next = ['accept', 'start', 'resolve'].find((a) => mine.allowedActions.includes(a));
    expect(next, `${who.username} may ${mine.allowedActions.join(', ')}`).toBeDefined();
    holders.push(`${who.username}:${next}`);
    await act(who, mine.id, next as string, payloads[next as string] as Record<string, unknown>);
  }
  const resolved = await read(admin);
  expect(resolved.status).toBe('resolved');
  // the centre coordinating it checks the result
  const checker = (staff.byUnit.get(resolved.centreUnit?.id as number) ?? []).find((u) =>
    u.roles.includes('centre_operator'),
  );
  expect(checker, `nobody checks at ${resolved.centreUnit?.name}`).toBeDefined();
  await act(checker as LoggedIn, resolved.id, 'verify_pass', { comment: '回访确认' });
  holders.push(`${checker?.username}:verify_pass`);
  // and the resident rates it from the tracking link
  const rated = await app.inject({
    method: 'POST',
    url: `/api/v1/portal/cases/${number}/rating`,
    remoteAddress,
    headers: { 'x-portal-secret': secret },
    payload: { rating: 'satisfied' },
  });
  expect(rated.statusCode, rated.body).toBeLessThan(300);
  const view = (
    await app.inject({ url: `/api/v1/portal/cases/${number}`, headers: { 'x-portal-secret': secret } })
  ).json() as { status: string; rating: string | null };
  expect(view).toMatchObject({ status: 'closed', rating: 'satisfied' });
  return holders;
}
