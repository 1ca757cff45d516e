import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { caseForActor } from '../cases/index.ts';
import type { AppContext } from '../context.ts';
import { unauthorized } from '../http/problem.ts';
import { toUnit, type Unit, UnitSchema } from '../identity/index.ts';

export const TARGET_ACTIONS = ['dispatch', 'summon', 'copy_notify'] as const;
type TargetAction = (typeof TARGET_ACTIONS)[number];

/** Every ancestor path of a region path, itself included: '1/2/3/' → ['1/', '1/2/', '1/2/3/']. */
export function ancestorPaths(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `${parts.slice(0, i + 1).join('/')}/`);
}

/**
 * The units a case can be sent to by this action, for the console's pickers. The same rules the
 * action itself enforces (cases/action-prepare.ts): dispatch goes to the current unit's
 * jurisdiction; summons go to departments covering the case's place; a copy to either. Empty
 * when the caller may not take the action now. The action still checks everything.
 */
async function targetsFor(
  ctx: AppContext,
  action: TargetAction,
  row: { current_unit_id: number | null; region_path: string | null },
) {
  const jurisdiction = async () =>
    row.current_unit_id ? await ctx.services.identity.unitsInJurisdiction(row.current_unit_id) : [];
  const covering = async (): Promise<Unit[]> => {
    const paths = row.region_path ? ancestorPaths(row.region_path) : [];
    if (!paths.length) return [];
    const rows = await ctx.db
      .selectFrom('unit')
      .selectAll()
      .where('kind', '!=', 'centre')
      .where('retired_at', 'is', null)
      .where('region_path', 'in', paths)
      .orderBy('region_path', 'desc') // the nearest departments first
      .orderBy('code')
      .execute();
    return rows.map(toUnit);
  };
  if (action === 'dispatch') return jurisdiction();
  if (action === 'summon') return covering();
  const all = [...(await jurisdiction()), ...(await covering())];
  return all.filter((u, i) => all.findIndex((x) => x.id === u.id) === i);
}

export function targetRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get(
    '/api/v1/console/cases/:id/targets',
    {
      schema: {
        tags: ['console'],
        summary: 'Units the case may be dispatched, summoned or copied to by you now (for pickers)',
        params: Type.Object({ id: Type.String({ pattern: '^([0-9]{1,15}|[0-9]{6}-[0-9]{4}-[0-9]{6,})$' }) }),
        querystring: Type.Object({ action: Type.Union(TARGET_ACTIONS.map((a) => Type.Literal(a))) }),
        response: { 200: Type.Object({ items: Type.Array(UnitSchema) }) },
      },
    },
    async (request) => {
      const actor = request.actor;
      if (actor?.kind !== 'staff') throw unauthorized();
      const { id } = request.params as { id: string };
      const { action } = request.query as { action: TargetAction };
      const found = await caseForActor(ctx, actor, id);
      if (!found.allowed.includes(action)) return { items: [] };
      const units = await targetsFor(ctx, action, {
        current_unit_id: found.row.current_unit_id === null ? null : Number(found.row.current_unit_id),
        region_path: found.row.region_path,
      });
      return { items: units.filter((u) => u.id !== Number(found.row.current_unit_id)) };
    },
  );
}
