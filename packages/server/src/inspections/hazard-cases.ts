import { type PreparedKindCase, prepareKindCase } from '../cases/index.ts';
import type { AppContext } from '../context.ts';
import type { Actor } from '../identity/index.ts';
import type { ChecklistItem } from './domain/checklist.ts';
import { caseAttributeOf, isPlaceType } from './domain/places.ts';

/**
 * The case (kind hazard) a failed item opens: checked and routed by the cases module's intake
 * before the visit's transaction, written inside it (`writeKindCases`), so the visit, its
 * hazards and their cases commit together or not at all.
 */
export function prepareHazardCase(
  ctx: AppContext,
  actor: Actor,
  place: { name: string; place_type: string; address: string | null; grid_code: string },
  item: ChecklistItem,
  now: Date,
): Promise<PreparedKindCase> {
  return prepareKindCase(
    ctx,
    actor,
    {
      kind: 'hazard',
      category: item.category,
      attributes: {
        place_type: isPlaceType(place.place_type) ? caseAttributeOf(place.place_type) : 'enterprise',
      },
      title: `${place.name}：${item.textZh}`.slice(0, 200),
      description: `检查发现隐患（${item.severity}）：${item.textZh}`,
      gridCode: place.grid_code,
      ...(place.address ? { address: place.address } : {}),
      channel: 'field',
      priority: item.severity === 'major' ? 'urgent' : 'normal',
    },
    { now },
  );
}
