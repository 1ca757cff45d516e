import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIGURES,
  ROLLUP_CASE_COLUMNS,
  type RollupCase,
} from '../src/dashboard/domain/rollup-contribution.ts';
import { applyCaseDelta, rebuildRollups } from '../src/dashboard/rollups.ts';
import type { Db } from '../src/db/database.ts';
import { seededRandom } from '../src/gen/domain/random.ts';
import { demoCommunity, insertReportedCase } from './cases-time-fixtures.ts';
import { createTestApp, type TestApp } from './harness.ts';

const COLUMNS = ROLLUP_CASE_COLUMNS;
const CATEGORIES = [
  ['request', 'request.noise'],
  ['request', 'request.roads'],
  ['dispute', 'dispute.family'],
  ['hazard', 'hazard.fire'],
] as const;

let t: TestApp;
let db: Db;
beforeAll(async () => {
  t = await createTestApp();
  db = t.ctx.db;
  await rebuildRollups(db); // start from rollups that match whatever the demo seeded
});
afterAll(() => t.close());

async function rollupRows() {
  const r = await sql<Record<string, unknown>>`
    select city_code, level, region_code, parent_code, to_char(day, 'YYYY-MM-DD') as day, kind, category_code,
      ${sql.raw(FIGURES.map((f) => `${f}::float8 as ${f}`).join(', '))}
    from case_rollup_daily where ${sql.raw(FIGURES.map((f) => `${f} <> 0`).join(' or '))}
    order by city_code, region_code, day, kind, category_code`.execute(db);
  return r.rows;
}

/** Read the case, change it and keep the rollups, all in one transaction (as the cases service does). */
async function changeCase(id: number, change: (c: RollupCase) => Partial<RollupCase>) {
  await db.transaction().execute(async (trx) => {
    const r =
      await sql<RollupCase>`select ${sql.raw(COLUMNS.join(', '))} from cases where id = ${id} for update`.execute(
        trx,
      );
    const before = r.rows[0] as RollupCase;
    const after = { ...before, ...change(before) };
    await sql`update cases set ${sql.join(COLUMNS.map((c) => sql`${sql.ref(c)} = ${after[c]}`))} where id = ${id}`.execute(
      trx,
    );
    await applyCaseDelta(trx, before, after);
  });
}

describe('rollups kept change by change equal the rollups rebuilt from the cases', () => {
  it('after a random workload of intakes, acceptances, closes, cards, ratings, reopenings and moves', async () => {
    const random = seededRandom(42);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
    const grids = await sql<{
      path: string;
    }>`select path from region where level = 'grid' order by code limit 40`.execute(db);
    const places = grids.rows.length
      ? grids.rows.map((g) => g.path.split('/'))
      : [['990000000000', '990100000000', '990100001000', '990100001001']];
    const at = (base: number, hours: number) => new Date(base + hours * 3_600_000).toISOString();
    const ids: number[] = [];
    for (let i = 0; i < 120; i++) {
      const [city, district, street, community, grid] = pick(places) as string[];
      const [kind, category] = pick(CATEGORIES);
      const reported = Date.parse('2026-01-01T00:00:00Z') + Math.floor(random() * 90 * 24) * 3_600_000;
      const c: RollupCase = {
        city_code: city as string,
        district_code: district as string,
        street_code: street ?? null,
        community_code: community ?? null,
        kind,
        category_code: category,
        card: 'none',
        ratings_satisfied: 0,
        ratings_basically_satisfied: 0,
        ratings_unsatisfied: 0,
        reported_at: at(reported, 0),
        accepted_at: null,
        resolved_at: null,
        closed_at: null,
      };
      await db.transaction().execute(async (trx) => {
        const r = await sql<{ id: number }>`
          insert into cases (city_code, district_code, street_code, community_code, grid_code, number, kind, category_code, title, channel, status, level, reported_at)
          values (${c.city_code}, ${c.district_code}, ${c.street_code}, ${c.community_code}, ${grid ?? null}, ${`T-${i}`}, ${kind}, ${category}, 'test', 'phone', 'reported', 'community', ${c.reported_at})
          returning id`.execute(trx);
        ids.push(Number(r.rows[0]?.id));
        await applyCaseDelta(trx, null, c);
      });
    }
    const changes: ((c: RollupCase) => Partial<RollupCase>)[] = [
      (c) => ({ accepted_at: at(Date.parse(String(c.reported_at)), 1) }),
      (c) => ({ resolved_at: at(Date.parse(String(c.reported_at)), 30) }),
      (c) => ({ closed_at: at(Date.parse(String(c.reported_at)), 20 + random() * 200) }),
      () => ({ card: pick(['yellow', 'red', 'red']) }),
      (c) => {
        const counter = pick([
          'ratings_satisfied',
          'ratings_basically_satisfied',
          'ratings_unsatisfied',
        ] as const);
        return { [counter]: c[counter] + 1 };
      },
      () => ({ closed_at: null, resolved_at: null }),
      () => {
        const [kind, category] = pick(CATEGORIES);
        return { kind, category_code: category };
      },
      () => {
        const [city, district, street, community] = pick(places) as string[];
        return {
          city_code: city as string,
          district_code: district as string,
          street_code: street ?? null,
          community_code: community ?? null,
        };
      },
    ];
    // groups of changes run concurrently (on PostgreSQL they race for the same rollup rows)
    for (let round = 0; round < 60; round++)
      await Promise.all(Array.from({ length: 8 }, () => changeCase(pick(ids), pick(changes))));

    const kept = await rollupRows();
    const rebuilt = await rebuildRollups(db);
    expect(rebuilt).toBeGreaterThan(0);
    expect(await rollupRows()).toEqual(kept);
    const total = await sql<{
      n: number;
    }>`select sum(received)::int as n from case_rollup_daily where level = 'city' and kind = '*'`.execute(db);
    const cases = await sql<{ n: number }>`select count(*)::int as n from cases`.execute(db);
    expect(Number(total.rows[0]?.n)).toBe(Number(cases.rows[0]?.n));
  });
  it('after the sweeper shows yellow and red cards (red is overdue on the dashboard at once)', async () => {
    const centre = await db
      .selectFrom('unit')
      .select('id')
      .where('kind', '=', 'centre')
      .where('level', '=', 'community')
      .where('retired_at', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const place = await demoCommunity(t.ctx, Number(centre.id));
    const start = new Date('2026-11-23T09:00:00+08:00');
    const made = [];
    for (let i = 0; i < 3; i++)
      made.push(await insertReportedCase(t.ctx, place, { start, number: `120101-2026-95100${i}` }));
    await rebuildRollups(db); // the fixture writes the cases directly: start from matching rollups
    const first = made[0] as (typeof made)[number];
    const overdue = async () =>
      Number(
        (
          await sql<{ n: number }>`select coalesce(sum(overdue), 0)::int as n from case_rollup_daily
            where level = 'city' and kind = '*'`.execute(db)
        ).rows[0]?.n,
      );
    const before = await overdue();
    for (const at of [first.warnAt, first.dueAt]) {
      await t.ctx.services.sweeper.sweep({ now: new Date(at.getTime() + 60_000) });
      const kept = await rollupRows();
      await rebuildRollups(db);
      expect(await rollupRows()).toEqual(kept);
    }
    expect(await overdue()).toBe(before + made.length);
  });
});
