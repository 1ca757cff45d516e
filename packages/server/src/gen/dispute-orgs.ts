import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { WalkOrg } from './domain/dispute-walk.ts';
import type { GenGrid } from './world.ts';

/** The generator's mediation organisations and what each step adds to the dispute kind's figures. */

/** What each step adds to the dispute kind's figures (as disputes/kind-actions.ts counts them). */
export const STEP_FIGURES: Record<string, Record<string, number>> = {
  accept: { mediations: 1 },
  record_session: { sessions: 1 },
  fail: { failures: 1 },
  judicial_apply: { judicial_applications: 1 },
  close: { closed: 1 },
  follow_up: { follow_ups: 1 },
};

export interface Org extends WalkOrg {
  type: string;
  path: string;
  kinds: string[];
}

export async function loadOrgs(database: Database): Promise<Org[]> {
  const orgs = await sql<{ id: number; type: string; region_path: string; kinds: string[] }>`
    select id, type, region_path, kinds from mediation_org where retired_at is null order by id`.execute(
    database.db,
  );
  const meds = await sql<{ id: number; org_id: number }>`
    select id, org_id from mediator where retired_at is null order by id`.execute(database.db);
  const byOrg = new Map<number, number[]>();
  for (const m of meds.rows)
    byOrg.set(Number(m.org_id), [...(byOrg.get(Number(m.org_id)) ?? []), Number(m.id)]);
  return orgs.rows
    .map((o) => ({
      id: Number(o.id),
      type: o.type,
      path: o.region_path,
      kinds: o.kinds ?? [],
      mediators: byOrg.get(Number(o.id)) ?? [],
    }))
    .filter((o) => o.mediators.length > 0);
}

/** The organisations that may take a dispute of this type in this grid, the most local first. */
export function orgsFor(all: Org[], grid: GenGrid, type: string): Org[] {
  const fits = all.filter(
    (o) => grid.path.startsWith(o.path) && (o.kinds.length === 0 || o.kinds.includes(type)),
  );
  return fits.sort((a, b) => b.path.length - a.path.length);
}
