import type { AppContext } from '../context.ts';
import type { Database } from '../db/database.ts';
import type { Actor } from '../identity/index.ts';
import { generateDisputes } from './disputes.ts';
import { generateInspections } from './inspections.ts';
import type { GenGrid, GenUnits } from './world.ts';

/**
 * The disputes (issue 14) and inspections (issue 15) parts of `npm run gen`, after the cases.
 * "tianjin" sizes: ≈ 1 M disputes over three years (Tianjin screened 149,916 in five months);
 * 100,000 places and ≈ 1 M visits over three years — both scaled by --years.
 */
export interface ContractSizes {
  disputes: number;
  places: number;
  visits: number;
}

export function contractSizes(
  values: { disputes?: string; places?: string; visits?: string },
  years: number,
): ContractSizes {
  const size = (v: string | undefined, tianjin: number) => {
    if (v === 'tianjin') return Math.round((tianjin * years) / 3);
    const n = Number(v ?? 0);
    if (!Number.isFinite(n) || n < 0) throw new Error(`not a size: ${v} (a number or "tianjin")`);
    return Math.round(n);
  };
  const places = values.places === 'tianjin' ? 100_000 : size(values.places, 100_000);
  return { disputes: size(values.disputes, 1_000_000), places, visits: size(values.visits, 1_000_000) };
}

export async function generateContracts(
  database: Database,
  world: { grids: GenGrid[]; units: GenUnits },
  sizes: ContractSizes,
  o: { years: number; seed: number; batch: number; now: Date; databaseUrl?: string },
): Promise<void> {
  const started = Date.now();
  const progress = (what: string) => (done: number, total: number) =>
    process.stdout.write(
      `\r${done}/${total} ${what}  ${Math.round(done / ((Date.now() - started) / 1000))}/s   `,
    );
  if (sizes.disputes > 0) {
    const r = await generateDisputes(database, world, {
      ...o,
      disputes: sizes.disputes,
      onProgress: progress('disputes'),
    });
    console.log(
      `\nloaded ${r.disputes} disputes (${r.parties} parties, ${r.sessions} sessions, ${r.agreements} agreements, ${r.actions} case actions) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  if (sizes.places > 0) {
    const at = Date.now();
    const r = await generateInspections(database, world, {
      ...o,
      places: sizes.places,
      visits: sizes.visits,
      onProgress: progress('visits'),
    });
    console.log(
      `\nloaded ${r.places} places, ${r.visits} visits, ${r.hazards} hazards (${r.recurrences} recurrences, ${r.actions} case actions), ${r.campaigns} campaigns in ${((Date.now() - at) / 1000).toFixed(1)} s`,
    );
  }
}

/** A city administrator for the rebuild (the figures' rebuild is theirs). */
function cityAdmin(cityPath: string): Actor {
  return {
    kind: 'staff',
    userId: null,
    username: 'gen',
    displayName: 'npm run gen',
    posts: [{ id: 0, role: 'admin', unitId: null, regionCode: null, regionPath: cityPath, gridCodes: [] }],
    roles: ['admin'],
    regionPaths: [cityPath],
    unitIds: [],
    via: 'token',
  };
}

/** Rebuild the disputes' figures from the rows written (their rollups are kept change by change). */
export async function rebuildContractFigures(ctx: AppContext, sizes: ContractSizes): Promise<void> {
  if (sizes.disputes === 0) return;
  const city = await ctx.db
    .selectFrom('region')
    .select('path')
    .where('level', '=', 'city')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const started = Date.now();
  const r = await ctx.services.disputes.figures.rebuild(cityAdmin(city.path));
  console.log(
    `disputes figures rebuilt: ${r.rows} rows, ${r.mediatorRows} mediator rows in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
