import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RollupCase } from '../src/dashboard/domain/rollup-contribution.ts';
import { applyCaseDelta } from '../src/dashboard/rollups.ts';
import { CITY, HEPING, HEXI } from '../src/identity/seed.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

let t: TestApp;
let cityLeader: LoggedIn;
let hepingLeader: LoggedIn;
let hepingGrids: string[];
let hexiGrid: string;
const PERIOD = 'from=2021-03-01&to=2021-03-30';

interface Seed {
  grid: string;
  kind?: string;
  category?: string;
  reported: string;
  closed?: string;
  card?: string;
  rating?: string;
}

/** A case as the cases service would leave it, with its rollups kept in the same transaction. */
async function addCase(s: Seed, n: number) {
  const path = (await sql<{ path: string }>`select path from region where code = ${s.grid}`.execute(t.ctx.db))
    .rows[0]?.path as string;
  const [city, district, street, community] = path.split('/') as string[];
  const c: RollupCase = {
    city_code: city as string,
    district_code: district as string,
    street_code: street as string,
    community_code: community as string,
    kind: s.kind ?? 'request',
    category_code: s.category ?? 'request.noise',
    card: s.card ?? 'none',
    ratings_satisfied: s.rating === 'satisfied' ? 1 : 0,
    ratings_basically_satisfied: s.rating === 'basically_satisfied' ? 1 : 0,
    ratings_unsatisfied: s.rating === 'unsatisfied' ? 1 : 0,
    reported_at: s.reported,
    accepted_at: s.reported,
    resolved_at: s.closed ?? null,
    closed_at: s.closed ?? null,
  };
  await t.ctx.db.transaction().execute(async (trx) => {
    await sql`insert into cases (city_code, district_code, street_code, community_code, grid_code, region_path, number, kind,
        category_code, title, channel, status, level, card, rating, ratings_satisfied, ratings_basically_satisfied,
        ratings_unsatisfied, reported_at, accepted_at, resolved_at, closed_at, due_at)
      values (${c.city_code}, ${c.district_code}, ${c.street_code}, ${c.community_code}, ${s.grid}, ${path}, ${`DASH-${n}`}, ${c.kind},
        ${c.category_code}, ${`dashboard test ${n}`}, 'phone', ${s.closed ? 'closed' : 'handling'}, 'community', ${c.card}, ${s.rating ?? null},
        ${c.ratings_satisfied}, ${c.ratings_basically_satisfied}, ${c.ratings_unsatisfied}, ${s.reported}, ${s.reported}, ${c.resolved_at}, ${c.closed_at}, ${s.reported})`.execute(
      trx,
    );
    await applyCaseDelta(trx, null, c);
  });
}

const get = async (who: LoggedIn | null, url: string) => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/dashboard/${url}`,
    headers: who?.headers ?? {},
  });
  return { status: res.statusCode, body: res.json() };
};

beforeAll(async () => {
  t = await createTestApp();
  const grids = (prefix: string) =>
    sql<{
      code: string;
    }>`select code from region where level = 'grid' and path like ${`${CITY}/${prefix}/%`} order by code limit 2`.execute(
      t.ctx.db,
    );
  hepingGrids = (await grids(HEPING)).rows.map((g) => g.code);
  hexiGrid = (await grids(HEXI)).rows[0]?.code as string;
  const [g1, g2] = hepingGrids as [string, string];
  const seeds: Seed[] = [
    { grid: g1, reported: '2021-03-02T02:00:00Z', closed: '2021-03-03T02:00:00Z', rating: 'satisfied' },
    {
      grid: g1,
      reported: '2021-03-02T03:00:00Z',
      closed: '2021-03-09T03:00:00Z',
      card: 'red',
      rating: 'unsatisfied',
    },
    { grid: g2, reported: '2021-03-10T03:00:00Z', card: 'red', kind: 'hazard', category: 'hazard.fire' },
    { grid: g2, reported: '2021-03-29T17:00:00Z', kind: 'dispute', category: 'dispute.family' }, // CST: 2021-03-30
    { grid: hexiGrid, reported: '2021-03-05T03:00:00Z' },
    { grid: g1, reported: '2021-02-10T03:00:00Z', closed: '2021-02-11T03:00:00Z' }, // previous period
    { grid: g1, reported: '2021-03-31T03:00:00Z' }, // after the period
  ];
  for (const [i, s] of seeds.entries()) await addCase(s, i);
  cityLeader = await loginAs(t.app, 'city_leader');
  hepingLeader = await loginAs(t.app, 'leader');
});
afterAll(() => t.close());

describe('dashboard key figures', () => {
  it('gives a district’s figures for a period with the change against the previous period', async () => {
    const { status, body } = await get(cityLeader, `summary?region=${HEPING}&${PERIOD}`);
    expect(status).toBe(200);
    expect(body.region).toMatchObject({ code: HEPING, level: 'district' });
    expect(body.previousPeriod).toEqual({ from: '2021-01-30', to: '2021-02-28' });
    expect(body.figures).toMatchObject({
      received: 4,
      accepted: 4,
      closed: 2,
      closed_on_time: 1,
      overdue: 2,
      overdue_open: 1,
      satisfied: 1,
      unsatisfied: 1,
      rated: 2,
      on_time_rate: 0.5,
      closure_rate: 0.5,
      satisfaction_rate: 0.5,
    });
    expect(body.previous).toMatchObject({ received: 1, closed: 1 });
    expect(body.change.received).toEqual({ delta: 3, ratio: 3 });
  });

  it('filters by kind and category', async () => {
    const { body } = await get(cityLeader, `summary?region=${HEPING}&${PERIOD}&kind=hazard`);
    expect(body.figures).toMatchObject({ received: 1, overdue_open: 1 });
  });

  it('answers for a single grid from the cases themselves', async () => {
    const { status, body } = await get(cityLeader, `summary?region=${hepingGrids[0]}&${PERIOD}`);
    expect(status).toBe(200);
    expect(body.figures).toMatchObject({
      received: 2,
      closed: 2,
      closed_on_time: 1,
      closed_minutes: 1440 + 7 * 1440,
    });
  });
});

describe('dashboard trend, breakdown and children', () => {
  it('gives every day of the period, days counted in China Standard Time', async () => {
    const { body } = await get(cityLeader, `trend?region=${HEPING}&${PERIOD}`);
    expect(body.days).toHaveLength(30);
    const byDay = Object.fromEntries(
      body.days.map((d: { day: string; received: number }) => [d.day, d.received]),
    );
    expect(byDay).toMatchObject({ '2021-03-02': 2, '2021-03-10': 1, '2021-03-30': 1, '2021-03-15': 0 });
  });

  it('breaks the figures down by kind and category', async () => {
    const { body } = await get(cityLeader, `breakdown?region=${HEPING}&${PERIOD}`);
    expect(
      body.kinds.map((k: { kind: string; figures: { received: number } }) => [k.kind, k.figures.received]),
    ).toEqual([
      ['request', 2],
      ['dispute', 1],
      ['hazard', 1],
    ]);
    expect(
      body.categories.find((c: { category: string }) => c.category === 'hazard.fire').figures.overdue,
    ).toBe(1);
  });

  it('ranks the children of the city by any figure', async () => {
    const { body } = await get(cityLeader, `children?region=${CITY}&${PERIOD}&figure=received&limit=3`);
    expect(body.items).toHaveLength(3);
    expect(body.items[0]).toMatchObject({ code: HEPING, value: 4 });
    expect(body.items[1]).toMatchObject({ code: HEXI, value: 1 });
    const overdue = await get(
      cityLeader,
      `children?region=${CITY}&${PERIOD}&figure=overdue_open&order=desc&limit=1`,
    );
    expect(overdue.body.items[0]).toMatchObject({ code: HEPING, value: 1 });
  });

  it('ranks a community’s grids from the cases', async () => {
    const community = (
      await sql<{
        parent_code: string;
      }>`select parent_code from region where code = ${hepingGrids[0]}`.execute(t.ctx.db)
    ).rows[0]?.parent_code;
    const { status, body } = await get(cityLeader, `children?region=${community}&${PERIOD}`);
    expect(status).toBe(200);
    expect(body.items.find((i: { code: string }) => i.code === hepingGrids[0]).figures.received).toBe(2);
  });
});

describe('dashboard overdue list', () => {
  it('lists the open red-card cases of the subtree, not the closed ones', async () => {
    const { body } = await get(hepingLeader, 'overdue');
    expect(body.region.code).toBe(HEPING);
    const numbers = body.items.map((i: { number: string }) => i.number);
    expect(numbers).toContain('DASH-2');
    expect(numbers).not.toContain('DASH-1');
    expect(body.total).toBeGreaterThanOrEqual(1);
  });
});

describe('dashboard scope and bad input', () => {
  it('defaults to the caller’s own subtree', async () => {
    const { body } = await get(hepingLeader, `summary?${PERIOD}`);
    expect(body.region.code).toBe(HEPING);
    expect(body.figures.received).toBe(4);
  });

  it('answers 404 for a region outside the caller’s scope, and 401 without a session', async () => {
    for (const url of [
      `summary?region=${HEXI}`,
      `children?region=${CITY}`,
      `overdue?region=${HEXI}`,
      'trend?region=999999999999',
    ]) {
      const { status, body } = await get(hepingLeader, url);
      expect(status, url).toBe(404);
      expect(body.status).toBe(404);
    }
    expect((await get(null, `summary?region=${CITY}`)).status).toBe(401);
  });

  it('refuses malformed periods and unknown figures, naming the field', async () => {
    const cases: [string, RegExp][] = [
      ['summary?from=2021-02-30', /query\.from/],
      ['summary?to=yesterday', /query\.to/],
      ['trend?from=2021-03-10&to=2021-03-01', /query\.from/],
      ['summary?from=2010-01-01&to=2021-01-01', /query\.from/],
      ['children?figure=happiness', /query\.figure/],
      ['overdue?limit=0', /query(string)?\.limit/],
    ];
    for (const [url, field] of cases) {
      const { status, body } = await get(cityLeader, url);
      expect(status, url).toBe(400);
      expect(body.errors.map((e: { field: string }) => e.field).join(' '), url).toMatch(field);
    }
  });
});
