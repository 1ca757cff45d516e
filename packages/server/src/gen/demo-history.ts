import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { rebuildRollups } from '../dashboard/index.ts';
import { serverNow } from '../lib/clock.ts';
import { seedStreetDisputes, seedStreetInspections, seedTodaysReports } from './demo-today.ts';
import { generateCases } from './generate.ts';
import { loadCategories, loadGrids, loadUnits } from './world.ts';

const HISTORY_KEY = 'demo_history';
/** The share of the history in the demo users' street. */
const STREET_SHARE = 0.15;
/** Disputes of the demo street beside its cases (a share of them). */
const DISPUTE_SHARE = 0.1;
/** Places under supervision in the demo street (a share of its cases). */
const PLACE_SHARE = 0.1;

export interface DemoHistoryOptions {
  /** How many cases (0: none). */
  cases: number;
  /** Over how many days before now. */
  days: number;
  seed?: number;
  /** The PostgreSQL the COPY goes to when it is not config.databaseUrl (a test's own database). */
  databaseUrl?: string;
  onProgress?(done: number, total: number): void;
}

/** The number of history cases the first start seeds: `DEMO_CASES` (0 skips), 20,000 by default. */
export function demoCasesFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DEMO_CASES;
  if (raw === undefined || raw.trim() === '') return 20_000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`DEMO_CASES must be a whole number ≥ 0 (got "${raw}")`);
  return n;
}

export async function isDemoHistorySeeded(ctx: AppContext): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('app_meta')
    .select('key')
    .where('key', '=', HISTORY_KEY)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A lived-in demo: a realistic history of `cases` cases over the last `days` days on the seeded
 * demo city (every state, ratings, summonses, red cards), walked by the generator, then the
 * dashboard rollups rebuilt from it. Once per database: later calls do nothing. Returns the
 * cases written.
 */
export async function seedDemoHistory(ctx: AppContext, o: DemoHistoryOptions): Promise<number> {
  if (o.cases <= 0 || (await isDemoHistorySeeded(ctx))) return 0;
  const db = ctx.db;
  const world = {
    grids: await loadGrids(db),
    categories: await loadCategories(db),
    units: await loadUnits(db),
  };
  if (world.grids.length === 0) return 0;
  const started = Date.now();
  // The demo users work in one street: a share of the history happens there, so their inboxes,
  // lists and figures are as busy as a real street's (the rest spreads over the whole city).
  const street = await demoStreet(ctx);
  const streetGrids = world.grids.filter((g) => g.street === street);
  const local = streetGrids.length ? Math.round(o.cases * STREET_SHARE) : 0;
  const run = (grids: typeof world.grids, cases: number, seed: number) =>
    generateCases(
      ctx.database,
      { ...world, grids },
      {
        cases,
        years: o.days / 365,
        seed,
        batch: 5_000,
        now: serverNow(ctx),
        ...(ctx.database.kind === 'postgres' ? { databaseUrl: o.databaseUrl ?? ctx.config.databaseUrl } : {}),
        ...(o.onProgress ? { onProgress: o.onProgress } : {}),
      },
    );
  const city = await run(world.grids, o.cases - local, o.seed ?? 2026);
  const mine = local ? await run(streetGrids, local, (o.seed ?? 2026) + 1) : { cases: 0, actions: 0 };
  const result = { cases: city.cases + mine.cases, actions: city.actions + mine.actions };
  // the street's disputes (the mediator's ledger), then the figures of everything written
  const url = ctx.database.kind === 'postgres' ? (o.databaseUrl ?? ctx.config.databaseUrl) : undefined;
  const streetWorld = { grids: streetGrids, units: world.units };
  const over = { days: o.days, seed: o.seed ?? 2026, ...(url ? { databaseUrl: url } : {}) };
  const disputes = await seedStreetDisputes(ctx, streetWorld, {
    disputes: Math.round(local * DISPUTE_SHARE),
    ...over,
  });
  // its places under supervision, their inspections and hazards (cases of kind hazard)
  const inspections = await seedStreetInspections(ctx, streetWorld, {
    places: Math.round(local * PLACE_SHARE),
    ...over,
  });
  await rebuildRollups(db, { postgres: ctx.database.kind === 'postgres' });
  await sql`analyze`.execute(db);
  // this morning's reports, through the real intake and routing (every unit a report reaches has work)
  const others = world.grids.filter((g) => g.district !== streetGrids[0]?.district);
  const today = streetGrids[0]
    ? await seedTodaysReports(ctx, {
        demo: (await demoGrid(ctx)) ?? streetGrids[0].code,
        other: [...new Map(others.map((g) => [g.district, g.code])).values()],
      })
    : 0;
  await db
    .insertInto('app_meta')
    .values({
      key: HISTORY_KEY,
      value: JSON.stringify({ cases: result.cases, days: o.days, at: serverNow(ctx).toISOString() }),
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  ctx.log.info(
    {
      cases: result.cases,
      actions: result.actions,
      disputes,
      ...inspections,
      today,
      ms: Date.now() - started,
    },
    'demo history seeded',
  );
  return result.cases;
}

/** The demo grid worker's post's region path (README, "Demo users"). */
async function gridWorkerPath(ctx: AppContext): Promise<string | null> {
  const post = await ctx.db
    .selectFrom('user_post')
    .innerJoin('app_user', 'app_user.id', 'user_post.user_id')
    .select('user_post.region_path')
    .where('app_user.username', '=', 'gridworker')
    .where('user_post.retired_at', 'is', null)
    .executeTakeFirst();
  return post?.region_path ?? null;
}

/** The demo grid worker's grid. */
async function demoGrid(ctx: AppContext): Promise<string | null> {
  return (await gridWorkerPath(ctx))?.split('/')[4] ?? null;
}

/** The street of the demo grid worker's grid, else the first street. */
async function demoStreet(ctx: AppContext): Promise<string | null> {
  const path = await gridWorkerPath(ctx);
  if (path) return path.split('/')[2] ?? null;
  const first = await ctx.db
    .selectFrom('region')
    .select('code')
    .where('level', '=', 'street')
    .orderBy('code')
    .executeTakeFirst();
  return first?.code ?? null;
}
