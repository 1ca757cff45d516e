import { expect } from 'vitest';
import { B, type caller } from './disputes-helpers.ts';
import type { LoggedIn } from './login.ts';

/**
 * Both parties of a dispute (with an agreement drafted and two sessions held) through their secret
 * portal links: the first sees the schedule without the other's data, uploads evidence, confirms
 * the first session's record and the agreement; the second confirms the agreement, which takes effect.
 */
export async function partiesConfirmOnline(
  call: ReturnType<typeof caller>,
  mediator: LoggedIn,
  id: number,
  partyIds: number[],
) {
  const links = [];
  for (const p of partyIds)
    links.push(
      (await call(mediator, 'POST', `/api/v1/disputes/${id}/parties/${p}/link`)).body.token as string,
    );
  const view = await call(null, 'GET', `/api/v1/portal/mediation/${links[0]}`);
  expect(view.status).toBe(200);
  expect(view.body.sessions).toHaveLength(2);
  for (const secret of [B.name, B.phone, B.idNumber, B.address])
    expect(JSON.stringify(view.body)).not.toContain(secret);
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
  expect(
    (
      await call(null, 'POST', `/api/v1/portal/mediation/${links[0]}/evidence`, {
        filename: '漏水照片.png',
        contentType: 'image/png',
        data: png,
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await call(null, 'POST', `/api/v1/portal/mediation/${links[0]}/confirm`, {
        what: 'record',
        sessionId: view.body.sessions[0].id,
      })
    ).status,
  ).toBe(200);
  expect(
    (await call(null, 'POST', `/api/v1/portal/mediation/${links[0]}/confirm`, { what: 'agreement' })).body,
  ).toEqual({ status: 'mediating', effective: false });
  expect(
    (await call(null, 'POST', `/api/v1/portal/mediation/${links[1]}/confirm`, { what: 'agreement' })).body,
  ).toEqual({ status: 'agreed', effective: true });
  expect(
    (await call(null, 'GET', '/api/v1/portal/mediation/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status,
  ).toBe(404);
}
