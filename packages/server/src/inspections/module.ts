import { sql } from 'kysely';
import type { Module } from '../context.ts';
import { onClockAdvance } from '../lib/clock.ts';
import { rebuildBoard } from './board-counters.ts';
import { hazardKind } from './hazard-kind.ts';
import { campaignRoutes } from './routes-campaigns.ts';
import { placeRoutes } from './routes-places.ts';
import { workRoutes } from './routes-work.ts';
import { seedInspections } from './seed.ts';
import { createInspectionsService, type InspectionsService } from './service.ts';
import { sweepHazards } from './service-hazards.ts';

declare module '../context.ts' {
  interface Services {
    inspections: InspectionsService;
  }
}

const SWEEP_MS = 60_000;
const timers = new WeakMap<object, NodeJS.Timeout>();

/**
 * Inspections and hazards (隐患排查整治): places under supervision, versioned checklists, visits,
 * hazards opened as cases of kind hazard with rectification and re-check, campaigns with their
 * board, risk sources and the risk map.
 */
export const inspectionsModule: Module = {
  name: 'inspections',
  start(ctx) {
    ctx.services.inspections = createInspectionsService(ctx);
    ctx.services.caseKinds.register(hazardKind);
    ctx.services.regions.onMove(async (trx, move) => {
      // what lies in the moved subtree keeps its place under the new path (and district)
      for (const table of ['place', 'inspection', 'hazard', 'risk_source', 'campaign'])
        await sql`update ${sql.table(table)} set region_path = ${move.toPath} || substr(region_path, ${move.fromPath.length + 1})
          where region_path like ${`${move.fromPath}%`}`.execute(trx);
      await sql`update place set district_code = split_part(region_path, '/', 2) where region_path like ${`${move.toPath}%`}`.execute(
        trx,
      );
      // the boards' ancestors changed: recount them from the rows (a rare, city administrator's change)
      await rebuildBoard(trx);
    });
    const sweep = async () => {
      await sweepHazards(ctx).catch((err) => ctx.log.warn({ err }, 'hazard sweep failed'));
    };
    onClockAdvance(ctx, sweep);
    const timer = setInterval(sweep, SWEEP_MS);
    timer.unref();
    timers.set(ctx, timer);
  },
  async routes(app, ctx) {
    await placeRoutes(app, ctx);
    await workRoutes(app, ctx);
    await campaignRoutes(app, ctx);
  },
  stop(ctx) {
    clearInterval(timers.get(ctx));
  },
  seedDemo: seedInspections,
};
