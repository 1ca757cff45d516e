import { type Kysely, sql } from 'kysely';
import type { AppContext } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { notFound, unprocessable } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { allowed, pathsFor } from './domain/access.ts';
import { isDisputeType, type OrgType } from './domain/dispute-facts.ts';
import { rankMediators } from './domain/suggestions.ts';

export interface OrgInput {
  name: string;
  type: OrgType;
  regionCode: string;
  kinds: string[];
  unitId?: number | null;
  phone?: string | null;
}
export interface MediatorInput {
  orgId: number;
  name: string;
  specialties: string[];
  userId?: number | null;
  phone?: string | null;
}

const orgView = (o: {
  id: number | string;
  name: string;
  type: string;
  region_code: string;
  kinds: string[];
  unit_id: number | null;
  phone: string | null;
  retired_at: Date | null;
}) => ({
  id: Number(o.id),
  name: o.name,
  type: o.type,
  regionCode: o.region_code,
  kinds: o.kinds,
  unitId: o.unit_id === null ? null : Number(o.unit_id),
  phone: o.phone,
  retired: o.retired_at !== null,
});

function checkKinds(kinds: string[], field: string) {
  const bad = kinds.find((k) => !isDisputeType(k));
  if (bad) throw unprocessable(field, `unknown dispute type ${bad}`);
}

/** Open caseload per mediator: mediations they hold that are assigned or in progress. */
async function caseloads(ctx: AppContext, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('dispute')
    .select((eb) => [eb.fn<number>('unnest', ['mediator_ids']).as('m')])
    .where('status', 'in', ['assigned', 'mediating'])
    .execute();
  const load = new Map<number, number>(ids.map((i) => [i, 0]));
  for (const r of rows) if (load.has(Number(r.m))) load.set(Number(r.m), (load.get(Number(r.m)) ?? 0) + 1);
  return load;
}

export function createRegistry(ctx: AppContext) {
  async function orgFor(actor: Actor, id: number, access: 'read' | 'manage_registry' = 'read') {
    const o = await ctx.db.selectFrom('mediation_org').selectAll().where('id', '=', id).executeTakeFirst();
    const where = o && { regionPath: o.region_path, unitId: o.unit_id === null ? null : Number(o.unit_id) };
    // an organisation is visible to those whose scope it lies in, or whose area lies in its area
    const visible =
      where &&
      (allowed(actor, access, where) ||
        (access === 'read' && pathsFor(actor, 'read').some((p) => p.startsWith(where.regionPath))));
    if (!o || !visible) throw notFound('mediation organisation');
    return o;
  }

  return {
    orgFor,
    async listOrgs(actor: Actor, q: { kind?: string; region?: string }) {
      const paths = pathsFor(actor, 'read');
      if (paths.length === 0) return { items: [] };
      let query = ctx.db
        .selectFrom('mediation_org')
        .selectAll()
        .where((eb) =>
          eb.or(
            paths.flatMap((p) => [
              eb('region_path', 'like', `${p}%`),
              sql<boolean>`${p} like mediation_org.region_path || '%'`,
            ]),
          ),
        );
      if (q.kind)
        query = query.where(
          sql<boolean>`(${q.kind} = any(mediation_org.kinds) or mediation_org.kinds = '{}')`,
        );
      if (q.region) {
        const r = await ctx.services.regions.find(q.region);
        if (!r) throw notFound('region');
        query = query.where('region_path', 'like', `${r.path}%`);
      }
      const rows = await query.orderBy('region_path').orderBy('name').execute();
      return { items: rows.map(orgView) };
    },
    async createOrg(actor: Actor, input: OrgInput) {
      checkKinds(input.kinds, 'body.kinds');
      const region = await ctx.services.regions.find(input.regionCode);
      if (!region || !allowed(actor, 'manage_registry', { regionPath: region.path }))
        throw notFound('region');
      const row = await ctx.db
        .insertInto('mediation_org')
        .values({
          city_code: region.path.split('/')[0] as string,
          name: input.name,
          type: input.type,
          region_code: region.code,
          region_path: region.path,
          kinds: input.kinds,
          unit_id: input.unitId ?? null,
          phone: input.phone ?? null,
        })
        .onConflict((oc) => oc.columns(['city_code', 'name']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) throw unprocessable('body.name', `an organisation named ${input.name} exists`);
      return orgView(row);
    },
    async listMediators(actor: Actor, orgId: number) {
      await orgFor(actor, orgId);
      const rows = await ctx.db
        .selectFrom('mediator')
        .selectAll()
        .where('org_id', '=', orgId)
        .orderBy('id')
        .execute();
      const load = await caseloads(
        ctx,
        rows.map((r) => Number(r.id)),
      );
      const conflicts = await ctx.db
        .selectFrom('mediator_conflict')
        .select(['mediator_id', 'note', 'org_name', 'declared_at'])
        .where('mediator_id', 'in', rows.length ? rows.map((r) => Number(r.id)) : [0])
        .execute();
      return {
        items: rows.map((m) => ({
          id: Number(m.id),
          orgId: Number(m.org_id),
          name: m.name,
          specialties: m.specialties,
          userId: m.user_id === null ? null : Number(m.user_id),
          caseload: load.get(Number(m.id)) ?? 0,
          conflicts: conflicts
            .filter((c) => Number(c.mediator_id) === Number(m.id))
            .map((c) => ({
              note: c.note,
              orgName: c.org_name,
              declaredAt: new Date(c.declared_at).toISOString(),
            })),
        })),
      };
    },
    async createMediator(actor: Actor, input: MediatorInput) {
      checkKinds(input.specialties, 'body.specialties');
      const org = await orgFor(actor, input.orgId, 'manage_registry');
      const row = await ctx.db
        .insertInto('mediator')
        .values({
          org_id: Number(org.id),
          name: input.name,
          specialties: input.specialties,
          user_id: input.userId ?? null,
          phone: input.phone ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: Number(row.id) };
    },
    /** A declared conflict: related to a person (by phone, kept only as a keyed hash) or an organisation. */
    async declareConflict(
      actor: Actor,
      mediatorId: number,
      input: { phone?: string; orgName?: string; note: string },
    ) {
      const m = await ctx.db
        .selectFrom('mediator')
        .selectAll()
        .where('id', '=', mediatorId)
        .executeTakeFirst();
      if (!m) throw notFound('mediator');
      await orgFor(actor, Number(m.org_id), 'manage_registry');
      if (!input.phone && !input.orgName)
        throw unprocessable('body.phone', 'name the related person (phone) or organisation (orgName)');
      const row = await ctx.db
        .insertInto('mediator_conflict')
        .values({
          mediator_id: mediatorId,
          phone_hash: input.phone ? ctx.services.identity.persons.phoneHash(input.phone) : null,
          org_name: input.orgName ?? null,
          note: input.note,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: Number(row.id) };
    },
    /** Mediators of the organisations covering the dispute, ranked by kind, area and load; conflicted ones flagged. */
    async suggestions(actor: Actor, dispute: { caseId: number; type: string; regionPath: string }) {
      const orgs = await ctx.db
        .selectFrom('mediation_org')
        .selectAll()
        .where('retired_at', 'is', null)
        .where(sql<boolean>`${dispute.regionPath} like mediation_org.region_path || '%'`)
        .execute();
      if (orgs.length === 0) return { items: [] };
      const mediators = await ctx.db
        .selectFrom('mediator')
        .selectAll()
        .where('retired_at', 'is', null)
        .where(
          'org_id',
          'in',
          orgs.map((o) => Number(o.id)),
        )
        .execute();
      const load = await caseloads(
        ctx,
        mediators.map((m) => Number(m.id)),
      );
      const conflicted = await conflictedMediators(
        ctx.db,
        dispute.caseId,
        mediators.map((m) => Number(m.id)),
      );
      void actor;
      return {
        items: rankMediators(
          dispute,
          orgs.map((o) => ({
            id: Number(o.id),
            name: o.name,
            type: o.type,
            regionPath: o.region_path,
            kinds: o.kinds,
          })),
          mediators.map((m) => ({
            id: Number(m.id),
            orgId: Number(m.org_id),
            name: m.name,
            specialties: m.specialties,
            caseload: load.get(Number(m.id)) ?? 0,
            conflicted: conflicted.has(Number(m.id)),
          })),
        ),
      };
    },
  };
}

/** Mediators (of those given) with a declared conflict with a party of the dispute. */
export async function conflictedMediators(
  db: Kysely<DB>,
  caseId: number,
  ids: number[],
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('mediator_conflict as c')
    .select('c.mediator_id')
    .where('c.mediator_id', 'in', ids)
    .where((eb) =>
      eb.or([
        eb(
          'c.phone_hash',
          'in',
          eb
            .selectFrom('dispute_party as p')
            .innerJoin('person', 'person.id', 'p.person_id')
            .select('person.phone_hash')
            .where('p.case_id', '=', caseId)
            .where('person.phone_hash', 'is not', null),
        ),
        eb(
          'c.org_name',
          'in',
          eb
            .selectFrom('dispute_party')
            .select('org_name')
            .where('case_id', '=', caseId)
            .where('org_name', 'is not', null),
        ),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => Number(r.mediator_id)));
}

export type Registry = ReturnType<typeof createRegistry>;
