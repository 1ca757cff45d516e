import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import { LookupCache } from '../lib/lookup-cache.ts';
import { codesOfPath } from './domain/unit-catalog.ts';
import type { UnitKind, UnitLevel, UnitTable } from './tables.ts';

export interface Unit {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  departmentType: string | null;
  level: UnitLevel;
  regionCode: string;
  regionPath: string;
  parentId: number | null;
  phone: string | null;
  retiredAt: string | null;
}

export function toUnit(r: Selectable<UnitTable>): Unit {
  return {
    id: Number(r.id),
    code: r.code,
    name: r.name,
    kind: r.kind,
    departmentType: r.department_type,
    level: r.level,
    regionCode: r.region_code,
    regionPath: r.region_path,
    parentId: r.parent_id === null ? null : Number(r.parent_id),
    phone: r.phone,
    retiredAt: r.retired_at ? r.retired_at.toISOString() : null,
  };
}

/** Unit look-ups other modules route and dispatch with: who covers a place, whom a unit escalates or dispatches to. */
export function createUnitsService(db: Db) {
  const active = () => db.selectFrom('unit').selectAll().where('retired_at', 'is', null);

  async function unitById(id: number): Promise<Unit | undefined> {
    const r = await db.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toUnit(r);
  }

  async function pathOf(gridOrRegion: string): Promise<string | undefined> {
    if (gridOrRegion.includes('/')) return gridOrRegion;
    const r = await db
      .selectFrom('region')
      .select('path')
      .where('code', '=', gridOrRegion)
      .executeTakeFirst();
    return r?.path;
  }

  /**
   * Every active unit in memory, by region, so routing needs no query (kept for
   * DIRECTORY_TTL_MS; unit changes made through this process forget it at once).
   */
  const directory = new LookupCache<Map<string, Unit[]>>(DIRECTORY_TTL_MS, 1);
  const loadDirectory = async () => {
    const byRegion = new Map<string, Unit[]>();
    for (const r of await active().execute()) {
      const unit = toUnit(r);
      byRegion.set(unit.regionCode, [...(byRegion.get(unit.regionCode) ?? []), unit]);
    }
    return byRegion;
  };
  /** Units with at least one active user in a working post (they can act on a case). */
  const staffed = new LookupCache<Set<number>>(DIRECTORY_TTL_MS, 1);
  const loadStaffed = async () => {
    const rows = await db
      .selectFrom('user_post')
      .innerJoin('app_user', 'app_user.id', 'user_post.user_id')
      .select('user_post.unit_id')
      .distinct()
      .where('user_post.retired_at', 'is', null)
      .where('app_user.disabled_at', 'is', null)
      .where('user_post.unit_id', 'is not', null)
      .where('user_post.role', 'in', STAFF_ROLES)
      .execute();
    return new Set(rows.map((r) => Number(r.unit_id)));
  };

  /**
   * The nearest active unit of a type ('centre' or a department type) covering a place (a region
   * code or path): the deepest region first, then centres before departments, stations, mediation.
   */
  async function responsibleUnit(type: string, gridOrRegion: string): Promise<Unit | undefined> {
    const path = await pathOf(gridOrRegion);
    if (!path) return undefined;
    const byRegion = await directory.get('all', loadDirectory);
    const candidates = codesOfPath(path)
      .flatMap((code) => byRegion.get(code) ?? [])
      .filter((u) => (type === 'centre' ? u.kind === 'centre' : u.departmentType === type));
    return candidates.sort(
      (a, b) => b.regionPath.length - a.regionPath.length || kindRank(a.kind) - kindRank(b.kind),
    )[0];
  }

  /**
   * Where a case routed to this unit lands so that somebody can act on it: the unit itself when it
   * has active staff, else the nearest governance centre with staff at its level or above (the
   * unit itself when nobody anywhere above is staffed: an empty deployment).
   */
  async function staffedOrCentre(unit: Unit): Promise<Unit> {
    const withStaff = await staffed.get('all', loadStaffed);
    if (withStaff.has(unit.id)) return unit;
    const byRegion = await directory.get('all', loadDirectory);
    for (const code of codesOfPath(unit.regionPath).reverse()) {
      const centre = (byRegion.get(code) ?? []).find((u) => u.kind === 'centre' && withStaff.has(u.id));
      if (centre) return centre;
    }
    return unit;
  }

  return {
    unitById,
    pathOf,
    responsibleUnit,
    staffedOrCentre,

    /** Units or their staff changed: read them afresh. */
    forgetDirectory: () => {
      directory.clear();
      staffed.clear();
    },

    /** The governance centre of a region (for a grid: its community's centre). */
    centreFor: (regionCode: string) => responsibleUnit('centre', regionCode),

    /** Where a case escalated from this unit goes: a centre's parent-region centre; others: their region's centre. */
    async parentCentre(unitId: number): Promise<Unit | undefined> {
      const unit = await unitById(unitId);
      if (!unit) return undefined;
      const codes = codesOfPath(unit.regionPath);
      const target = unit.kind === 'centre' ? codes.at(-2) : codes.at(-1);
      if (!target) return undefined;
      const r = await active()
        .where('kind', '=', 'centre')
        .where('region_code', '=', target)
        .executeTakeFirst();
      return r && toUnit(r);
    },

    /**
     * Units a unit dispatches to: for a centre, the centres of the regions directly below and the
     * departments, stations and mediation organisations at its own region or directly below (a
     * community centre: its street's stations); for a department, its stations.
     */
    async unitsInJurisdiction(unitId: number): Promise<Unit[]> {
      const unit = await unitById(unitId);
      if (!unit) return [];
      if (unit.kind !== 'centre') {
        const rows = await active().where('parent_id', '=', unit.id).orderBy('code').execute();
        return rows.map(toUnit);
      }
      const children = await db
        .selectFrom('region')
        .select('code')
        .where('parent_code', '=', unit.regionCode)
        .where('retired_at', 'is', null)
        .execute();
      const childCodes = children.map((c) => c.code);
      // a community has no units of its own below its centre: it dispatches to its street's stations
      const parentCode = unit.level === 'community' ? codesOfPath(unit.regionPath).at(-2) : undefined;
      const rows = await active()
        .where((eb) =>
          eb.or([
            eb.and([eb('region_code', '=', unit.regionCode), eb('kind', '!=', 'centre')]),
            ...(childCodes.length ? [eb('region_code', 'in', childCodes)] : []),
            ...(parentCode ? [eb.and([eb('region_code', '=', parentCode), eb('kind', '=', 'station')])] : []),
          ]),
        )
        .orderBy('kind')
        .orderBy('code')
        .execute();
      return rows.map(toUnit);
    },
  };
}

const DIRECTORY_TTL_MS = 60_000;
/** Roles that work cases at their unit (the workflow's assignees). */
const STAFF_ROLES = ['centre_operator', 'department_handler', 'mediator'] as const;

/** Centres before departments before stations before mediation, at the same level. */
function kindRank(kind: UnitKind): number {
  return ['centre', 'department', 'station', 'mediation'].indexOf(kind);
}

export type UnitsService = ReturnType<typeof createUnitsService>;
