import { newDispute, thisMonth } from '../disputes-helpers.ts';
import { ledgerEntries } from './disputes-ledger.ts';
import {
  answers,
  CITY_USERS,
  each,
  type MatrixFixture,
  type MatrixModule,
  type MatrixUser,
} from './types.ts';

/**
 * Disputes: who reads a dispute (grid workers, centre operators, mediators, leaders and
 * administrators whose scope holds it; not department handlers, inspectors or the auditor), who
 * screens (grid workers and centre operators), who keeps the registry (centre operators and
 * administrators), who mediates (centre operators and mediators), who sees figures. Outside a
 * user's scope: 404. The parties' portal pages answer anyone holding the secret link.
 */
const side = (f: MatrixFixture, inside: boolean) => (inside ? f.inside : f.outside);
const key = (inside: boolean, what: string) => `disputes_${inside ? 'in' : 'out'}_${what}`;
const tokens: Record<string, string> = {};

async function setupSide(f: MatrixFixture, inside: boolean) {
  const who = inside ? f.sessions.gridworker : f.sessions.hexi_op;
  const op = inside ? f.sessions.district_op : f.sessions.hexi_op;
  const made = await f.t.app.inject({
    method: 'POST',
    url: '/api/v1/disputes',
    headers: who?.headers,
    payload: newDispute(side(f, inside).grid.code),
  });
  const id = (made.json() as { caseId: number }).caseId;
  f.ids[key(inside, 'dispute')] = id;
  const detail = await f.t.app.inject({ method: 'GET', url: `/api/v1/disputes/${id}`, headers: op?.headers });
  const party = (detail.json() as { parties: { id: number }[] }).parties[0]?.id as number;
  f.ids[key(inside, 'party')] = party;
  // the link entry reissues the other party's link (a new link stops the earlier one)
  f.ids[key(inside, 'party2')] = (detail.json() as { parties: { id: number }[] }).parties[1]?.id as number;
  const link = await f.t.app.inject({
    method: 'POST',
    url: `/api/v1/disputes/${id}/parties/${party}/link`,
    headers: op?.headers,
  });
  tokens[key(inside, 'token')] = (link.json() as { token: string }).token;
  const org = await f.t.app.inject({
    method: 'POST',
    url: '/api/v1/mediation-orgs',
    headers: f.sessions.admin?.headers,
    payload: {
      name: `矩阵调委会${f.unique()}`,
      type: 'people_community',
      regionCode: side(f, inside).community.code,
      kinds: [],
    },
  });
  const orgId = (org.json() as { id: number }).id;
  f.ids[key(inside, 'org')] = orgId;
  const m = await f.t.app.inject({
    method: 'POST',
    url: '/api/v1/mediators',
    headers: f.sessions.admin?.headers,
    payload: { orgId, name: '矩阵调解员', specialties: [] },
  });
  f.ids[key(inside, 'mediator')] = (m.json() as { id: number }).id;
}

const get = (url: (f: MatrixFixture, inside: boolean) => string) => ({
  inside: (f: MatrixFixture) => ({ method: 'GET' as const, url: url(f, true) }),
  outside: (f: MatrixFixture) => ({ method: 'GET' as const, url: url(f, false) }),
});
const post = (
  url: (f: MatrixFixture, inside: boolean) => string,
  payload: (f: MatrixFixture, inside: boolean, who: MatrixUser) => unknown,
) => ({
  inside: (f: MatrixFixture, who: MatrixUser) => ({
    method: 'POST' as const,
    url: url(f, true),
    payload: payload(f, true, who),
  }),
  outside: (f: MatrixFixture, who: MatrixUser) => ({
    method: 'POST' as const,
    url: url(f, false),
    payload: payload(f, false, who),
  }),
});
const dispute = (f: MatrixFixture, inside: boolean) => `/api/v1/disputes/${f.ids[key(inside, 'dispute')]}`;

const NOT_READERS: MatrixUser[] = [
  'urban_handler',
  'housing_handler',
  'police_handler',
  'inspector',
  'auditor',
];
/** Readers of 和平区 disputes inside, city users both sides, 河西区's operator outside only. */
const read = (ok: number | 'some', no: 404 | 'none' = 404) =>
  answers([ok, no], {
    ...each(NOT_READERS, [no, no]),
    ...each(CITY_USERS, [ok, ok]),
    auditor: [no, no],
    hexi_op: [no, ok],
  });
const screeners = (ok: number) =>
  answers([404, 404], {
    ...each(['gridworker', 'community_op', 'street_op', 'district_op'], [ok, 404]),
    hexi_op: [404, ok],
  });
/** Who registers a dispute: the screeners, and a mediator it is brought to (来访). */
const registrars = (ok: number) =>
  answers([404, 404], {
    ...each(['gridworker', 'community_op', 'street_op', 'district_op', 'mediator'], [ok, 404]),
    hexi_op: [404, ok],
  });
const mediating = (ok: number) =>
  answers([404, 404], {
    ...each(['community_op', 'street_op', 'district_op', 'mediator'], [ok, 404]),
    hexi_op: [404, ok],
  });
const registry = (ok: number) =>
  answers([404, 404], {
    ...each(['community_op', 'street_op', 'district_op', 'district_admin'], [ok, 404]),
    admin: [ok, ok],
    hexi_op: [404, ok],
  });
let months = 0;

export const disputesMatrix: MatrixModule = {
  name: 'disputes',
  async setup(f) {
    await setupSide(f, true);
    await setupSide(f, false);
  },
  entries: [
    {
      route: 'POST /api/v1/disputes',
      ...post(
        () => '/api/v1/disputes',
        (f, inside) => newDispute(side(f, inside).grid.code),
      ),
      expect: registrars(201),
    },
    {
      route: 'GET /api/v1/disputes',
      ...get((f, inside) => `/api/v1/disputes?region=${side(f, inside).grid.code}`),
      expect: read('some', 'none'),
    },
    { route: 'GET /api/v1/disputes/{id}', ...get(dispute), expect: read(200) },
    {
      route: 'POST /api/v1/disputes/{id}/actions',
      ...post(
        (f, inside) => `${dispute(f, inside)}/actions`,
        () => ({ action: 'follow_up', payload: { note: '回访', satisfied: true } }),
      ),
      expect: read(409),
    },
    {
      route: 'GET /api/v1/disputes/{id}/mediator-suggestions',
      ...get((f, i) => `${dispute(f, i)}/mediator-suggestions`),
      expect: read(200),
    },
    {
      route: 'GET /api/v1/disputes/{id}/agreement.docx',
      ...get((f, i) => `${dispute(f, i)}/agreement.docx`),
      expect: read(409),
    },
    {
      route: 'GET /api/v1/disputes/{id}/judicial-application.docx',
      ...get((f, i) => `${dispute(f, i)}/judicial-application.docx`),
      expect: read(409),
    },
    {
      route: 'POST /api/v1/disputes/{id}/parties/{partyId}/link',
      ...post(
        (f, i) => `${dispute(f, i)}/parties/${f.ids[key(i, 'party2')]}/link`,
        () => undefined,
      ),
      expect: mediating(200),
    },
    {
      route: 'GET /api/v1/mediation-orgs',
      ...get((f, i) => `/api/v1/mediation-orgs?region=${side(f, i).district.code}`),
      expect: read('some', 'none'),
    },
    {
      route: 'POST /api/v1/mediation-orgs',
      ...post(
        () => '/api/v1/mediation-orgs',
        (f, i) => ({
          name: `调委会${f.unique()}`,
          type: 'people_community',
          regionCode: side(f, i).community.code,
          kinds: [],
        }),
      ),
      expect: registry(201),
    },
    {
      route: 'GET /api/v1/mediation-orgs/{id}/mediators',
      ...get((f, i) => `/api/v1/mediation-orgs/${f.ids[key(i, 'org')]}/mediators`),
      expect: read(200),
    },
    {
      route: 'POST /api/v1/mediators',
      ...post(
        () => '/api/v1/mediators',
        (f, i) => ({ orgId: f.ids[key(i, 'org')], name: '调解员', specialties: ['neighbour'] }),
      ),
      expect: registry(201),
    },
    {
      route: 'POST /api/v1/mediators/{id}/conflicts',
      ...post(
        (f, i) => `/api/v1/mediators/${f.ids[key(i, 'mediator')]}/conflicts`,
        () => ({ orgName: '某物业公司', note: '曾任职' }),
      ),
      expect: registry(201),
    },
    {
      route: 'POST /api/v1/screening/reports',
      ...post(
        () => '/api/v1/screening/reports',
        (f, i) => ({ gridCode: side(f, i).grid.code, period: thisMonth(), found: 0 }),
      ),
      expect: screeners(200),
    },
    {
      route: 'GET /api/v1/screening/board',
      ...get((f, i) => `/api/v1/screening/board?region=${side(f, i).grid.code}&period=${thisMonth()}`),
      expect: read(200),
    },
    {
      route: 'POST /api/v1/screening/street-reports',
      ...post(
        () => '/api/v1/screening/street-reports',
        (f, i) => ({
          streetCode: side(f, i).street.code,
          month: `${1900 + ++months}-01`,
          summary: '排查完毕',
        }),
      ),
      expect: answers([404, 404], { ...each(['street_op', 'district_op'], [201, 404]), hexi_op: [404, 201] }),
    },
    {
      route: 'GET /api/v1/screening/street-board',
      ...get(
        (f, i) => `/api/v1/screening/street-board?district=${side(f, i).district.code}&month=${thisMonth()}`,
      ),
      expect: { ...read(200), gridworker: [404, 404], community_op: [404, 404], street_op: [404, 404] },
    },
    {
      route: 'GET /api/v1/disputes-figures',
      ...get(
        (f, i) =>
          `/api/v1/disputes-figures?region=${side(f, i).street.code}&from=${thisMonth()}&to=${thisMonth()}`,
      ),
      expect: { ...read(200), gridworker: [404, 404], community_op: [404, 404] },
    },
    {
      route: 'POST /api/v1/disputes-figures/rebuild',
      inside: () => ({ method: 'POST', url: '/api/v1/disputes-figures/rebuild' }),
      expect: answers([403], { admin: [200] }),
    },
    {
      route: 'GET /api/v1/portal/mediation/{token}',
      ...get((_f, i) => `/api/v1/portal/mediation/${tokens[key(i, 'token')]}`),
      expect: answers([200, 200], { anonymous: [200, 200] }),
    },
    {
      route: 'POST /api/v1/portal/mediation/{token}/evidence',
      ...post(
        (_f, i) => `/api/v1/portal/mediation/${tokens[key(i, 'token')]}/evidence`,
        () => ({ filename: 'a.pdf', contentType: 'application/pdf', data: 'JVBERi0xLjQK' }),
      ),
      expect: answers([201, 201], { anonymous: [201, 201] }),
    },
    {
      route: 'POST /api/v1/portal/mediation/{token}/confirm',
      ...post(
        (_f, i) => `/api/v1/portal/mediation/${tokens[key(i, 'token')]}/confirm`,
        () => ({ what: 'agreement' }),
      ),
      expect: answers([409, 409], { anonymous: [409, 409] }),
    },
    ...ledgerEntries,
  ],
};
