import { conflict, unprocessable } from '../../http/problem.ts';
import type { ActionPayload } from './action-payloads.ts';
import type { ActionFacts, CaseRow, Decided } from './reducer-types.ts';

const time = (d: Date | string) => new Date(d).getTime();

/**
 * Summons (吹哨报到): a street-or-higher centre summons departments with a report-in deadline;
 * each reports in, acts and reports done; the centre rates each response. The case cannot be
 * resolved while a summons is open (see resolve in workflow-reducer.ts). Pure: decided from the
 * case's summonses read with it.
 */
export function decideSummons(
  row: CaseRow,
  action: 'summon' | 'summons_report_in' | 'summons_done' | 'rate_summons',
  payload: Record<string, unknown>,
  f: ActionFacts,
): Decided {
  const open = f.summonses.filter((s) => s.doneAt === null);
  switch (action) {
    case 'summon': {
      const p = payload as ActionPayload<'summon'>;
      const units = f.targetUnits ?? [];
      const i = units.findIndex((u) => open.some((s) => s.unitId === u.id));
      if (i >= 0)
        throw unprocessable(`body.payload.unitIds.${i}`, 'this department is already summoned to the case');
      const due = new Date(f.now.getTime() + p.reportInHours * 3_600_000);
      const by = f.actorUnitId ?? (row.current_unit_id as number);
      return {
        set: row.status === 'accepted' ? { handler_user_id: f.actor.userId } : {},
        detail: { units: units.map((u) => ({ id: u.id, name: u.name })), reportInDueAt: due.toISOString() },
        relatedUnitIds: units.map((u) => u.id),
        writes: [
          {
            kind: 'summons.insert',
            rows: units.map((u) => ({
              unitId: u.id,
              summonedByUnitId: by,
              summonedAt: f.now,
              reportInDueAt: due,
            })),
          },
        ],
      };
    }
    case 'summons_report_in':
    case 'summons_done': {
      const mine = open.filter((s) => f.actor.unitIds.includes(s.unitId));
      const pending = action === 'summons_report_in' ? mine.filter((s) => s.reportedInAt === null) : mine;
      if (pending.length === 0) throw conflict('your unit has already reported in', { status: row.status });
      const done = action === 'summons_done' ? (payload as ActionPayload<'summons_done'>).result : null;
      const units = pending.map((s) => s.unitId);
      return {
        set: {},
        detail: { unitIds: units },
        relatedUnitIds: units,
        writes: [{ kind: 'summons.report', ids: pending.map((s) => s.id), at: f.now, done }],
      };
    }
    case 'rate_summons': {
      const p = payload as ActionPayload<'rate_summons'>;
      const latest = f.summonses
        .filter((s) => s.unitId === p.unitId)
        .sort((a, b) => time(b.summonedAt) - time(a.summonedAt))[0];
      if (!latest) throw unprocessable('body.payload.unitId', 'this unit was not summoned to the case');
      if (!latest.doneAt) throw conflict('the department has not reported done yet', { status: row.status });
      if (latest.ratedAt) throw conflict('this response is already rated', { status: row.status });
      return {
        set: {},
        relatedUnitIds: [p.unitId],
        writes: [
          { kind: 'summons.rate', id: latest.id, rating: p.score, comment: p.comment ?? null, at: f.now },
        ],
      };
    }
  }
}
