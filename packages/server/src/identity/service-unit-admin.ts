import type { Kysely } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { conflict, notFound, unprocessable } from '../http/problem.ts';
import type { Actor } from './actor.ts';
import { can, scopeOf } from './domain/policy.ts';
import { unitCode } from './domain/unit-catalog.ts';
import type { AuditService } from './service-audit.ts';
import { toUnit, type Unit, type UnitsService } from './service-units.ts';
import type { UnitKind, UnitLevel } from './tables.ts';

export interface UnitQuery {
  q?: string;
  kind?: UnitKind;
  departmentType?: string;
  region?: string;
  level?: UnitLevel;
  includeRetired?: boolean;
  limit?: number;
  offset?: number;
}

export interface NewUnit {
  name: string;
  kind: UnitKind;
  departmentType?: string | null;
  regionCode: string;
  parentId?: number | null;
  phone?: string | null;
}

export interface UnitChanges {
  name?: string;
  parentId?: number | null;
  phone?: string | null;
}

const LEVELS: readonly string[] = ['city', 'district', 'street', 'community'];

/** Units as people see and manage them: listed and read in scope, created, changed and retired by administrators. */
export function createUnitAdmin(
  db: Db,
  audit: AuditService,
  lookups: UnitsService,
  credentialsChanged: () => void = () => {},
) {
  /** After a unit changed: routing reads units afresh; the retired unit's people lose their posts. */
  const unitsChanged = () => {
    lookups.forgetDirectory();
    credentialsChanged();
  };
  const { unitById, pathOf } = lookups;

  async function inScope(actor: Actor, id: number): Promise<Unit> {
    const unit = await unitById(id);
    if (!unit || !can(actor, 'unit.read', { regionPath: unit.regionPath, unitId: unit.id }))
      throw notFound('unit');
    return unit;
  }

  async function regionFor(code: string, field: string) {
    const region = await db
      .selectFrom('region')
      .select(['code', 'path', 'level', 'retired_at'])
      .where('code', '=', code)
      .executeTakeFirst();
    if (!region || region.retired_at) throw unprocessable(field, `no active region ${code}`);
    if (!LEVELS.includes(region.level))
      throw unprocessable(field, 'units sit at city, district, street or community level');
    return region;
  }

  return {
    /** Units in the actor's scope. */
    async list(actor: Actor, q: UnitQuery): Promise<{ items: Unit[]; total: number }> {
      const scope = scopeOf(actor, 'unit.read');
      if (scope.regionPaths.length === 0 && scope.unitIds.length === 0) return { items: [], total: 0 };
      let query = db
        .selectFrom('unit')
        .where((eb) =>
          eb.or([
            ...scope.regionPaths.map((p) => eb('region_path', 'like', `${p}%`)),
            ...(scope.unitIds.length ? [eb('id', 'in', scope.unitIds)] : []),
          ]),
        );
      if (!q.includeRetired) query = query.where('retired_at', 'is', null);
      if (q.kind) query = query.where('kind', '=', q.kind);
      if (q.departmentType) query = query.where('department_type', '=', q.departmentType);
      if (q.level) query = query.where('level', '=', q.level);
      if (q.q) query = query.where('name', 'like', `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      if (q.region) {
        const path = await pathOf(q.region);
        query = query.where('region_path', 'like', `${path ?? '\u0000'}%`);
      }
      const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await query
        .selectAll()
        .orderBy('region_path')
        .orderBy('kind')
        .orderBy('code')
        .limit(Math.min(q.limit ?? 50, 500))
        .offset(q.offset ?? 0)
        .execute();
      return { items: rows.map(toUnit), total: Number(total.n) };
    },

    get: inScope,

    async create(actor: Actor, input: NewUnit, ip?: string): Promise<Unit> {
      const region = await regionFor(input.regionCode, 'body.regionCode');
      if (!can(actor, 'unit.manage', { regionPath: region.path })) throw notFound('region');
      if ((input.kind === 'centre') !== !input.departmentType)
        throw unprocessable(
          'body.departmentType',
          'required for departments, stations and mediation; none for centres',
        );
      if (input.parentId != null) await inScope(actor, input.parentId);
      const code = unitCode(
        input.kind === 'centre' ? 'centre' : (input.departmentType as string),
        region.code,
      );
      const created = await db.transaction().execute(async (trx) => {
        const clash = await trx
          .selectFrom('unit')
          .select('id')
          .where('code', '=', code)
          .where('retired_at', 'is', null)
          .executeTakeFirst();
        if (clash) throw conflict(`an active unit ${code} already exists`, { unitId: Number(clash.id) });
        const row = await trx
          .insertInto('unit')
          .values({
            code: await freeCode(trx, code),
            name: input.name,
            kind: input.kind,
            department_type: input.kind === 'centre' ? null : (input.departmentType ?? null),
            level: region.level as UnitLevel,
            region_code: region.code,
            region_path: region.path,
            parent_id: input.parentId ?? null,
            phone: input.phone ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.record(trx, {
          actor,
          action: 'unit.create',
          objectType: 'unit',
          objectId: row.id,
          regionPath: row.region_path,
          ip,
          detail: { code: row.code, name: row.name },
        });
        return toUnit(row);
      });
      unitsChanged();
      return created;
    },

    async update(actor: Actor, id: number, changes: UnitChanges, ip?: string): Promise<Unit> {
      const unit = await inScope(actor, id);
      if (!can(actor, 'unit.manage', { regionPath: unit.regionPath })) throw notFound('unit');
      if (changes.parentId != null) {
        if (changes.parentId === id) throw unprocessable('body.parentId', 'a unit cannot be its own parent');
        await inScope(actor, changes.parentId);
      }
      const updated = await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('unit')
          .set({
            ...(changes.name !== undefined ? { name: changes.name } : {}),
            ...(changes.parentId !== undefined ? { parent_id: changes.parentId } : {}),
            ...(changes.phone !== undefined ? { phone: changes.phone } : {}),
            updated_at: new Date(),
            version: (eb) => eb('version', '+', 1),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.record(trx, {
          actor,
          action: 'unit.update',
          objectType: 'unit',
          objectId: id,
          regionPath: unit.regionPath,
          ip,
          detail: { ...changes },
        });
        return toUnit(row);
      });
      unitsChanged();
      return updated;
    },

    /** Retire (never delete): the unit keeps its history, stops receiving work; its posts end. */
    async retire(actor: Actor, id: number, reason: string | undefined, ip?: string): Promise<Unit> {
      const unit = await inScope(actor, id);
      if (!can(actor, 'unit.manage', { regionPath: unit.regionPath })) throw notFound('unit');
      if (unit.retiredAt) throw conflict('the unit is already retired');
      const retired = await db.transaction().execute(async (trx) => {
        const now = new Date();
        const row = await trx
          .updateTable('unit')
          .set({ retired_at: now, updated_at: now, version: (eb) => eb('version', '+', 1) })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('user_post')
          .set({ retired_at: now })
          .where('unit_id', '=', id)
          .where('retired_at', 'is', null)
          .execute();
        await audit.record(trx, {
          actor,
          action: 'unit.retire',
          objectType: 'unit',
          objectId: id,
          regionPath: unit.regionPath,
          ip,
          reason: reason ?? null,
        });
        return toUnit(row);
      });
      unitsChanged();
      return retired;
    },
  };
}

/** A retired unit keeps its code; a new one at the same place gets `code#2`, `code#3`, … */
/** The code itself, or `code#2`, `#3`, … when units (retired ones too) hold it already: codes are never reused. */
export async function freeCode(trx: Kysely<DB>, code: string): Promise<string> {
  const taken = await trx.selectFrom('unit').select('code').where('code', 'like', `${code}%`).execute();
  const set = new Set(taken.map((t) => t.code));
  if (!set.has(code)) return code;
  for (let i = 2; ; i++) if (!set.has(`${code}#${i}`)) return `${code}#${i}`;
}
