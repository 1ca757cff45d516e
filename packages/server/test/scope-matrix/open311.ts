import { intakeCase } from '../../src/cases/intake/intake-service.ts';
import { residentActor } from '../../src/identity/residents.ts';
import { insertFixtureCategories } from '../open311-fixtures.ts';
import { answers, type MatrixEntry, type MatrixFixture, type MatrixModule, type Probe } from './types.ts';

/** Open311 and the portal are public: every caller, signed in or not, gets the same answer. */
const everyone = (inside: number, outside?: number) =>
  answers(outside === undefined ? [inside] : [inside, outside], {
    anonymous: outside === undefined ? [inside] : [inside, outside],
  });

const numbers = { inside: '', outside: '' };
let address = 0;
/** Each portal probe from its own client address, so the per-client limits stay out of the way. */
const client = () => ({ 'x-forwarded-for': `10.77.${Math.floor(++address / 250)}.${address % 250}` });
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function setup(f: MatrixFixture) {
  await insertFixtureCategories(f.t.ctx);
  for (const side of ['inside', 'outside'] as const) {
    const made = await intakeCase(f.t.ctx, residentActor(800_000 + (side === 'inside' ? 1 : 2)), {
      kind: 'request',
      category: 't311.pothole',
      description: `scope matrix ${side}`,
      gridCode: f[side].grid.code,
      channel: 'open311',
    });
    numbers[side] = made.number;
    await f.t.ctx.db
      .insertInto('open311_request')
      .values({ token: `matrix-${side}`, request_hash: side, case_id: made.caseId, case_number: made.number })
      .execute();
  }
}

const get = (
  url: (f: MatrixFixture, side: 'inside' | 'outside') => string,
): Pick<MatrixEntry, 'inside' | 'outside'> => ({
  inside: (f) => ({ method: 'GET', url: url(f, 'inside'), headers: client() }),
  outside: (f) => ({ method: 'GET', url: url(f, 'outside'), headers: client() }),
});

const suffixes = ['', '.json', '.xml'];
const formatted = (path: string, build: (url: string) => Omit<MatrixEntry, 'route'>) =>
  suffixes.map((s) => ({
    route: `${path.split(' ')[0]} ${path.split(' ')[1]}${s}`,
    ...build(`${path.split(' ')[1]}${s}`),
  }));

/** A POST without api_key: refused (403) whoever is signed in. */
const withoutKey = (url: string, fields: (f: MatrixFixture, side: 'inside' | 'outside') => string) => ({
  inside: (f: MatrixFixture): Probe => ({ method: 'POST', url, payload: fields(f, 'inside'), headers: FORM }),
  outside: (f: MatrixFixture): Probe => ({
    method: 'POST',
    url,
    payload: fields(f, 'outside'),
    headers: FORM,
  }),
  expect: everyone(403, 403),
});

const open311Entries: MatrixEntry[] = [
  ...formatted('GET /open311/v2/discovery', (url) => ({
    inside: () => ({ method: 'GET', url }),
    expect: everyone(200),
  })),
  ...formatted('GET /open311/v2/services', (url) => ({
    inside: () => ({ method: 'GET', url }),
    expect: everyone(200),
  })),
  {
    route: 'GET /open311/v2/services/{resource}',
    inside: () => ({ method: 'GET', url: '/open311/v2/services/t311.lamp.json' }),
    expect: everyone(200),
  },
  ...formatted('GET /open311/v2/requests', (url) => ({ ...get(() => url), expect: everyone(200, 200) })),
  {
    route: 'GET /open311/v2/requests/{resource}',
    ...get((_f, side) => `/open311/v2/requests/${numbers[side]}.json`),
    expect: everyone(200, 200),
  },
  {
    route: 'GET /open311/v2/tokens/{resource}',
    ...get((_f, side) => `/open311/v2/tokens/matrix-${side}.xml`),
    expect: everyone(200, 200),
  },
  ...formatted('GET /open311/v2/servicerequestupdates', (url) => ({
    inside: () => ({ method: 'GET', url }),
    expect: everyone(200),
  })),
  ...formatted('POST /open311/v2/requests', (url) =>
    withoutKey(
      url,
      (f, side) => `service_code=t311.pothole&address_id=${f[side].grid.code}&description=matrix`,
    ),
  ),
  ...formatted('POST /open311/v2/servicerequestupdates', (url) =>
    withoutKey(
      url,
      (_f, side) => `service_request_id=${numbers[side]}&update_id=m1&status=OPEN&description=matrix`,
    ),
  ),
];

const portalPost = (
  url: (side: 'inside' | 'outside') => string,
  payload: (f: MatrixFixture, side: 'inside' | 'outside') => unknown,
) => ({
  inside: (f: MatrixFixture): Probe => ({
    method: 'POST',
    url: url('inside'),
    payload: payload(f, 'inside'),
    headers: client(),
  }),
  outside: (f: MatrixFixture): Probe => ({
    method: 'POST',
    url: url('outside'),
    payload: payload(f, 'outside'),
    headers: client(),
  }),
});

const BOUNDARY = 'matrixboundary';
const photoProbe = (side: 'inside' | 'outside'): Probe => ({
  method: 'POST',
  url: `/api/v1/portal/cases/${numbers[side]}/photos`,
  // a real photo: only the missing secret can refuse it
  payload: Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
      'base64',
    ),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]),
  headers: { ...client(), 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
});

async function communityName(f: MatrixFixture, side: 'inside' | 'outside') {
  const r = await f.t.ctx.db
    .selectFrom('region')
    .select('name')
    .where('code', '=', f[side].community.code)
    .executeTakeFirstOrThrow();
  return r.name;
}

const portalEntries: MatrixEntry[] = [
  {
    route: 'GET /api/v1/portal/categories',
    inside: () => ({ method: 'GET', url: '/api/v1/portal/categories', headers: client() }),
    expect: everyone(200),
  },
  {
    route: 'GET /api/v1/portal/nearby',
    inside: () => ({
      method: 'GET',
      url: '/api/v1/portal/nearby?category=t311.pothole&lon=117.2&lat=39.12',
      headers: client(),
    }),
    expect: everyone(200),
  },
  {
    route: 'POST /api/v1/portal/reports',
    inside: async (f) => ({
      method: 'POST',
      url: '/api/v1/portal/reports',
      payload: {
        category: 't311.pothole',
        description: '矩阵测试报告',
        address: await communityName(f, 'inside'),
        anonymous: true,
      },
      headers: client(),
    }),
    outside: async (f) => ({
      method: 'POST',
      url: '/api/v1/portal/reports',
      payload: {
        category: 't311.pothole',
        description: '矩阵测试报告',
        address: await communityName(f, 'outside'),
        anonymous: true,
      },
      headers: client(),
    }),
    expect: everyone(201, 201),
  },
  {
    route: 'GET /api/v1/portal/cases/{number}',
    ...get((_f, side) => `/api/v1/portal/cases/${numbers[side]}`),
    expect: everyone(200, 200),
  },
  {
    // a public case's photos are public (its tracking page, Open311 media_url); a photo it does not have is 404
    route: 'GET /api/v1/portal/cases/{number}/photos/{sha256}',
    ...get((_f, side) => `/api/v1/portal/cases/${numbers[side]}/photos/${'0'.repeat(64)}`),
    expect: everyone(404, 404),
  },
  {
    // without the report's secret nobody adds photos (not staff either: they attach through the cases API)
    route: 'POST /api/v1/portal/cases/{number}/photos',
    inside: () => photoProbe('inside'),
    outside: () => photoProbe('outside'),
    expect: everyone(422, 422),
  },
  {
    route: 'POST /api/v1/portal/cases/{number}/rating',
    ...portalPost(
      (side) => `/api/v1/portal/cases/${numbers[side]}/rating`,
      () => ({ rating: 'satisfied' }),
    ),
    expect: everyone(422, 422),
  },
  {
    route: 'POST /api/v1/portal/cases/{number}/reopen',
    ...portalPost(
      (side) => `/api/v1/portal/cases/${numbers[side]}/reopen`,
      () => ({ reason: '没有解决' }),
    ),
    expect: everyone(422, 422),
  },
  {
    route: 'POST /api/v1/portal/cases/{number}/follow',
    ...portalPost(
      (side) => `/api/v1/portal/cases/${numbers[side]}/follow`,
      () => ({}),
    ),
    expect: everyone(201, 201),
  },
];

export const open311Matrix: MatrixModule = { name: 'open311', setup, entries: open311Entries };
export const portalMatrix: MatrixModule = { name: 'portal', entries: portalEntries };
