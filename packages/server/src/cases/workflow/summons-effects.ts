import { conflict, unprocessable } from '../../http/problem.ts';
import type { ActionPayload } from '../domain/action-payloads.ts';
import type { Effect, EffectInput } from './effect-types.ts';

/**
 * Summons (吹哨报到): a street-or-higher centre summons departments with a report-in deadline;
 * each reports in, acts and reports done; the centre rates each response. The case cannot be
 * resolved while a summons is open (see resolve in action-effects.ts).
 */
export async function summonsEffect(e: EffectInput): Promise<Effect> {
  const { trx, row, now, actor } = e;
  switch (e.action) {
    case 'summon': {
      const p = e.payload as ActionPayload<'summon'>;
      const units = e.prepared.targetUnits ?? [];
      const open = await trx
        .selectFrom('case_summons')
        .select('unit_id')
        .where('case_id', '=', row.id)
        .where('done_at', 'is', null)
        .where(
          'unit_id',
          'in',
          units.map((u) => u.id),
        )
        .execute();
      if (open.length) {
        const i = units.findIndex((u) => u.id === Number(open[0]?.unit_id));
        throw unprocessable(`body.payload.unitIds.${i}`, 'this department is already summoned to the case');
      }
      const due = new Date(now.getTime() + p.reportInHours * 3_600_000);
      await trx
        .insertInto('case_summons')
        .values(
          units.map((u) => ({
            city_code: row.city_code,
            case_id: row.id,
            unit_id: u.id,
            summoned_by_unit_id: e.actorUnitId ?? (row.current_unit_id as number),
            summoned_at: now,
            report_in_due_at: due,
          })),
        )
        .execute();
      return {
        set: row.status === 'accepted' ? { handler_user_id: actor.userId } : {},
        detail: { units: units.map((u) => ({ id: u.id, name: u.name })), reportInDueAt: due.toISOString() },
        relatedUnitIds: units.map((u) => u.id),
      };
    }
    case 'summons_report_in':
    case 'summons_done': {
      const mine = await trx
        .selectFrom('case_summons')
        .select(['id', 'unit_id', 'reported_in_at'])
        .where('case_id', '=', row.id)
        .where('done_at', 'is', null)
        .where('unit_id', 'in', actor.unitIds.length ? actor.unitIds : [-1])
        .execute();
      const pending = e.action === 'summons_report_in' ? mine.filter((s) => s.reported_in_at === null) : mine;
      if (pending.length === 0) throw conflict('your unit has already reported in', { status: row.status });
      const ids = pending.map((s) => Number(s.id));
      const result = e.action === 'summons_done' ? (e.payload as ActionPayload<'summons_done'>).result : null;
      await trx
        .updateTable('case_summons')
        .set((eb) => ({
          reported_in_at: eb.fn.coalesce('reported_in_at', eb.val(now)),
          ...(result !== null ? { done_at: now, done_note: result } : {}),
        }))
        .where('id', 'in', ids)
        .execute();
      const units = pending.map((s) => Number(s.unit_id));
      return { set: {}, detail: { unitIds: units }, relatedUnitIds: units };
    }
    case 'rate_summons': {
      const p = e.payload as ActionPayload<'rate_summons'>;
      const summons = await trx
        .selectFrom('case_summons')
        .select(['id', 'done_at', 'rated_at'])
        .where('case_id', '=', row.id)
        .where('unit_id', '=', p.unitId)
        .orderBy('summoned_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!summons) throw unprocessable('body.payload.unitId', 'this unit was not summoned to the case');
      if (!summons.done_at)
        throw conflict('the department has not reported done yet', { status: row.status });
      if (summons.rated_at) throw conflict('this response is already rated', { status: row.status });
      await trx
        .updateTable('case_summons')
        .set({ rating: p.score, rating_comment: p.comment ?? null, rated_at: now })
        .where('id', '=', Number(summons.id))
        .execute();
      return { set: {}, relatedUnitIds: [p.unitId] };
    }
    default:
      throw new Error(`not a summons action: ${e.action}`);
  }
}
