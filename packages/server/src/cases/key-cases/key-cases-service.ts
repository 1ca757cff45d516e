import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import { conflict, forbidden, notFound } from '../../http/problem.ts';
import type { Actor } from '../../identity/index.ts';
import { serverNow } from '../../lib/clock.ts';
import { notifyUsers } from '../notifications/notifications-service.ts';
import { enqueueWebhook } from '../notifications/webhooks-service.ts';
import { appendCaseAction } from '../time/supervision-history.ts';
import { findCaseInScope } from '../time/time-case-access.ts';
import { retryWhileMoving } from '../workflow/system-writer.ts';
import {
  checkPeople,
  type KeyCaseInput,
  type KeyCaseView,
  loadKeyCase,
  requireManager,
  writeTeamAndPlan,
} from './key-cases-rows.ts';

export type { KeyCaseInput, KeyCaseView } from './key-cases-rows.ts';

export function createKeyCasesService(ctx: AppContext) {
  return {
    async get(actor: Actor, idOrNumber: string): Promise<KeyCaseView> {
      const c = await findCaseInScope(ctx.db, actor, idOrNumber, ctx.services.caseKinds);
      const view = await loadKeyCase(ctx.db, c.id);
      if (!view) throw notFound(`key case ${idOrNumber}`);
      return view;
    },

    /** Mark a case as key/backlog with its owning leader (包案), team (专班) and plan. */
    async mark(actor: Actor, idOrNumber: string, input: KeyCaseInput): Promise<KeyCaseView> {
      requireManager(actor);
      const now = serverNow(ctx);
      return retryWhileMoving(() =>
        ctx.db.transaction().execute(async (trx) => {
          const c = await findCaseInScope(trx, actor, idOrNumber, ctx.services.caseKinds);
          const existing = await trx
            .selectFrom('key_case')
            .select(['unmarked_at'])
            .where('case_id', '=', c.id)
            .executeTakeFirst();
          if (existing && existing.unmarked_at === null) throw conflict('the case is already a key case');
          await checkPeople(trx, input, actor, c.region_path);
          const values = {
            city_code: c.city_code,
            district_code: c.district_code,
            region_path: c.region_path,
            kind: input.kind,
            reason: input.reason,
            leader_user_id: input.leaderUserId,
            marked_by: actor.userId,
            marked_at: now,
            unmarked_at: null,
          };
          if (existing) {
            await trx
              .updateTable('key_case')
              .set({ ...values, version: sql`version + 1` })
              .where('case_id', '=', c.id)
              .execute();
          } else {
            await trx
              .insertInto('key_case')
              .values({ case_id: c.id, ...values })
              .execute();
          }
          await writeTeamAndPlan(trx, c.id, input);
          await appendCaseAction(trx, c, {
            action: 'mark_key',
            actor,
            set: { is_key: true },
            payload: {
              kind: input.kind,
              reason: input.reason,
              leaderUserId: input.leaderUserId,
              team: input.team.map((m) => m.userId),
            },
            at: now,
          });
          await notifyUsers(trx, [input.leaderUserId, ...input.team.map((m) => m.userId)], {
            kind: 'key_case',
            caseId: c.id,
            caseNumber: c.number,
            titleKey: input.kind === 'key' ? 'key_case' : 'backlog_case',
            subject: `${c.number} ${c.title}`,
            body: input.reason,
          });
          await enqueueWebhook(
            trx,
            'case.key_marked',
            { caseId: c.id, number: c.number, kind: input.kind },
            now,
          );
          return (await loadKeyCase(trx, c.id)) as KeyCaseView;
        }),
      );
    },

    /** Change the leader, team or plan (the fields given replace the old ones); `version` guards races. */
    async update(
      actor: Actor,
      idOrNumber: string,
      input: Partial<Omit<KeyCaseInput, 'kind'>> & { version: number },
    ): Promise<KeyCaseView> {
      requireManager(actor);
      return retryWhileMoving(() =>
        ctx.db.transaction().execute(async (trx) => {
          const c = await findCaseInScope(trx, actor, idOrNumber, ctx.services.caseKinds);
          const current = await loadKeyCase(trx, c.id);
          if (!current) throw notFound(`key case ${idOrNumber}`);
          if (current.version !== input.version)
            throw conflict('the key case changed meanwhile', { current });
          const merged = {
            leaderUserId: input.leaderUserId ?? current.leader.userId,
            team: input.team ?? current.team.map((m) => ({ userId: m.userId, duty: m.duty })),
            plan:
              input.plan ??
              current.plan.map((s) => ({ title: s.title, dueDate: s.dueDate, ownerUserId: s.ownerUserId })),
          };
          const kept = new Set([
            ...(input.leaderUserId === undefined ? [current.leader.userId] : []),
            ...(input.team === undefined ? current.team.map((m) => m.userId) : []),
            ...(input.plan === undefined ? current.plan.flatMap((p) => p.ownerUserId ?? []) : []),
          ]);
          await checkPeople(trx, merged, actor, c.region_path, kept);
          await trx
            .updateTable('key_case')
            .set({
              reason: input.reason ?? current.reason,
              leader_user_id: merged.leaderUserId,
              version: sql`version + 1`,
            })
            .where('case_id', '=', c.id)
            .execute();
          if (input.team || input.plan) await writeTeamAndPlan(trx, c.id, merged);
          await appendCaseAction(trx, c, {
            action: 'update_key',
            actor,
            payload: { changed: Object.keys(input).filter((k) => k !== 'version') },
            at: serverNow(ctx),
          });
          return (await loadKeyCase(trx, c.id)) as KeyCaseView;
        }),
      );
    },

    /** The leader or a team member reports a plan step done. */
    async completeStep(actor: Actor, idOrNumber: string, seq: number, note: string): Promise<KeyCaseView> {
      return retryWhileMoving(() =>
        ctx.db.transaction().execute(async (trx) => {
          const c = await findCaseInScope(trx, actor, idOrNumber, ctx.services.caseKinds);
          const current = await loadKeyCase(trx, c.id);
          if (!current) throw notFound(`key case ${idOrNumber}`);
          const onTeam =
            current.leader.userId === actor.userId || current.team.some((m) => m.userId === actor.userId);
          if (!onTeam) throw forbidden('only the owning leader or the team reports plan steps');
          const step = current.plan.find((s) => s.seq === seq);
          if (!step) throw notFound(`plan step ${seq}`);
          if (step.doneAt !== null) throw conflict('this plan step is already done', { doneAt: step.doneAt });
          const now = serverNow(ctx);
          await trx
            .updateTable('key_case_plan_step')
            .set({ done_at: now, note })
            .where('case_id', '=', c.id)
            .where('seq', '=', seq)
            .execute();
          await trx
            .updateTable('key_case')
            .set({ version: sql`version + 1` })
            .where('case_id', '=', c.id)
            .execute();
          await appendCaseAction(trx, c, {
            action: 'key_plan_step_done',
            actor,
            payload: { seq, note },
            at: now,
          });
          return (await loadKeyCase(trx, c.id)) as KeyCaseView;
        }),
      );
    },

    async unmark(actor: Actor, idOrNumber: string, reason: string): Promise<void> {
      requireManager(actor);
      await retryWhileMoving(() =>
        ctx.db.transaction().execute(async (trx) => {
          const c = await findCaseInScope(trx, actor, idOrNumber, ctx.services.caseKinds);
          const r = await trx
            .updateTable('key_case')
            .set({ unmarked_at: serverNow(ctx), version: sql`version + 1` })
            .where('case_id', '=', c.id)
            .where('unmarked_at', 'is', null)
            .executeTakeFirst();
          if (Number(r.numUpdatedRows) === 0) throw notFound(`key case ${idOrNumber}`);
          await appendCaseAction(trx, c, {
            action: 'unmark_key',
            actor,
            set: { is_key: false },
            payload: { reason },
            at: serverNow(ctx),
          });
        }),
      );
    },
  };
}

export type KeyCasesService = ReturnType<typeof createKeyCasesService>;
