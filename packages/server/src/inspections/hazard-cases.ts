import type { AppContext } from '../context.ts';
import type { Actor } from '../identity/index.ts';
import { caseAttributeOf, isPlaceType } from './domain/places.ts';

/**
 * Open the case (kind hazard) of each hazard that has none yet, through the cases module's
 * intake, and link it. The idempotency key is the hazard's id, so a retry (after a failure, or
 * from the sweep) never opens a second case for one hazard.
 */
export async function openHazardCases(ctx: AppContext, actor: Actor, hazardIds: readonly number[]) {
  if (hazardIds.length === 0) return;
  const rows = await ctx.db
    .selectFrom('hazard')
    .innerJoin('place', 'place.id', 'hazard.place_id')
    .select([
      'hazard.id',
      'hazard.category',
      'hazard.item_text',
      'hazard.severity',
      'hazard.grid_code',
      'place.name',
      'place.place_type',
      'place.address',
      'place.lon',
      'place.lat',
    ])
    .where('hazard.id', 'in', [...hazardIds])
    .where('hazard.case_id', 'is', null)
    .execute();
  for (const h of rows) {
    try {
      const made = await ctx.services.cases.intake(
        ctx,
        actor,
        {
          kind: 'hazard',
          category: h.category,
          attributes: {
            place_type: isPlaceType(h.place_type) ? caseAttributeOf(h.place_type) : 'enterprise',
          },
          title: `${h.name}：${h.item_text}`.slice(0, 200),
          description: `检查发现隐患（${h.severity}）：${h.item_text}`,
          gridCode: h.grid_code,
          address: h.address,
          channel: 'field',
          priority: h.severity === 'major' ? 'urgent' : 'normal',
        },
        { idempotencyKey: `hazard:${h.id}` },
      );
      await ctx.db
        .updateTable('hazard')
        .set({ case_id: made.caseId, case_number: made.number })
        .where('id', '=', h.id)
        .execute();
    } catch (error) {
      // the hazard stands without its case; the sweep opens it later with the same key
      ctx.log.warn({ err: error, hazard: Number(h.id) }, 'hazard case not opened yet');
    }
  }
}
