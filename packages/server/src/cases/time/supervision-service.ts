import type { Selectable, Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { conflict, forbidden, notFound } from '../../http/problem.ts';
import type { Actor } from '../../identity/index.ts';
import { serverNow } from '../../lib/clock.ts';
import { addWorkingTime } from '../domain/calendar.ts';
import { notifyUnits, notifyUsers } from '../notifications/notifications-service.ts';
import { enqueueWebhook } from '../notifications/webhooks-service.ts';
import { retryWhileMoving } from '../workflow/system-writer.ts';
import { appendCaseAction } from './supervision-history.ts';
import { findCaseInScope } from './time-case-access.ts';
import type { CaseSupervisionTable } from './time-tables.ts';

const HOUR = 3_600_000;

export interface SupervisionView {
  id: number;
  caseId: number;
  kind: 'auto' | 'manual';
  step: string | null;
  reason: string;
  byUserId: number | null;
  targetUnitId: number | null;
  replyDueAt: string | null;
  reply: string | null;
  repliedBy: number | null;
  repliedAt: string | null;
  createdAt: string;
}

type SupervisionRow = Selectable<CaseSupervisionTable>;

function selectSupervisions(trx: Transaction<DB> | AppContext['db'], caseId: number) {
  return trx.selectFrom('case_supervision').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function supervisionView(r: SupervisionRow): SupervisionView {
  return {
    id: Number(r.id),
    caseId: Number(r.case_id),
    kind: r.kind,
    step: r.step,
    reason: r.reason,
    byUserId: r.by_user_id === null ? null : Number(r.by_user_id),
    targetUnitId: r.target_unit_id === null ? null : Number(r.target_unit_id),
    replyDueAt: iso(r.reply_due_at),
    reply: r.reply,
    repliedBy: r.replied_by === null ? null : Number(r.replied_by),
    repliedAt: iso(r.replied_at),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export function createSupervisionService(ctx: AppContext) {
  return {
    async list(actor: Actor, idOrNumber: string): Promise<SupervisionView[]> {
      const c = await findCaseInScope(ctx.db, actor, idOrNumber, ctx.services.caseKinds);
      return (await selectSupervisions(ctx.db, c.id)).map(supervisionView);
    },

    /** Supervision still waiting for a reply from one of the actor's units. */
    async openForMe(actor: Actor): Promise<SupervisionView[]> {
      if (actor.unitIds.length === 0) return [];
      const rows = await ctx.db
        .selectFrom('case_supervision')
        .selectAll()
        .where('target_unit_id', 'in', actor.unitIds)
        .where('replied_at', 'is', null)
        .orderBy('reply_due_at')
        .limit(500)
        .execute();
      return rows.map(supervisionView);
    },

    /** A leader supervises a case by hand; the responsible unit must reply within the time given. */
    async supervise(
      actor: Actor,
      idOrNumber: string,
      input: { reason: string; replyWithinWorkingHours: number },
    ) {
      if (!actor.roles.includes('leader')) throw forbidden('only a leader may supervise a case');
      const now = serverNow(ctx);
      return retryWhileMoving(() =>
        ctx.db.transaction().execute(async (trx) => {
          const c = await findCaseInScope(trx, actor, idOrNumber, ctx.services.caseKinds);
          if (c.closed_at !== null) throw conflict('the case is closed', { status: c.status });
          const replyDueAt = addWorkingTime(
            ctx.services.calendar.current(),
            now,
            input.replyWithinWorkingHours * HOUR,
          );
          const s = await trx
            .insertInto('case_supervision')
            .values({
              city_code: c.city_code,
              case_id: c.id,
              kind: 'manual',
              reason: input.reason,
              by_user_id: actor.userId,
              target_unit_id: c.current_unit_id,
              reply_due_at: replyDueAt,
              created_at: now,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          await appendCaseAction(trx, c, {
            action: 'supervise',
            actor,
            payload: {
              kind: 'manual',
              supervisionId: Number(s.id),
              reason: input.reason,
              replyDueAt: replyDueAt.toISOString(),
            },
            at: now,
          });
          await notifyUnits(trx, [c.current_unit_id], {
            kind: 'supervision',
            caseId: c.id,
            caseNumber: c.number,
            titleKey: 'supervision',
            subject: `${c.number} ${c.title}`,
            body: input.reason,
          });
          await enqueueWebhook(
            trx,
            'case.supervised',
            { caseId: c.id, number: c.number, kind: 'manual', supervisionId: Number(s.id) },
            now,
          );
          return supervisionView(s);
        }),
      );
    },

    /** The supervised unit replies (once). */
    async reply(actor: Actor, idOrNumber: string, supervisionId: number, text: string) {
      const now = serverNow(ctx);
      return retryWhileMoving(() =>
        ctx.db.transaction().execute(async (trx) => {
          const c = await findCaseInScope(trx, actor, idOrNumber, ctx.services.caseKinds);
          const s = await trx
            .selectFrom('case_supervision')
            .selectAll()
            .where('id', '=', supervisionId)
            .where('case_id', '=', c.id)
            .executeTakeFirst();
          if (!s) throw notFound(`supervision ${supervisionId}`);
          if (s.target_unit_id === null || !actor.unitIds.includes(Number(s.target_unit_id))) {
            throw forbidden('only the supervised unit may reply');
          }
          if (s.replied_at !== null)
            throw conflict('this supervision has been replied to', { repliedAt: iso(s.replied_at) });
          const updated = await trx
            .updateTable('case_supervision')
            .set({ reply: text, replied_by: actor.userId, replied_at: now })
            .where('id', '=', s.id)
            .returningAll()
            .executeTakeFirstOrThrow();
          await appendCaseAction(trx, c, {
            action: 'supervision_reply',
            actor,
            actorUnitId: Number(s.target_unit_id),
            payload: { supervisionId: Number(s.id), reply: text },
            at: now,
          });
          if (s.by_user_id !== null) {
            await notifyUsers(trx, [Number(s.by_user_id)], {
              kind: 'supervision_reply',
              caseId: c.id,
              caseNumber: c.number,
              titleKey: 'supervision_reply',
              subject: c.number,
              body: text,
            });
          }
          await enqueueWebhook(
            trx,
            'case.supervision_replied',
            { caseId: c.id, number: c.number, supervisionId: Number(s.id) },
            now,
          );
          return supervisionView(updated);
        }),
      );
    },
  };
}

export type SupervisionService = ReturnType<typeof createSupervisionService>;
