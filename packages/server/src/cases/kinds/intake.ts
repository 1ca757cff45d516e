import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../identity/index.ts';
import { intakeJob } from '../intake/intake-service.ts';
import type { IntakeInput, IntakeResult } from '../intake/intake-types.ts';
import { type IntakeJob, writeIntakes } from '../intake/intake-write.ts';
import { publishCaseEvent } from '../notifications/event-publishing.ts';
import { type CaseRow, findCase } from '../workflow/case-history.ts';

/** A new case of a kind, checked, located and routed before the module's transaction opens. */
export interface PreparedKindCase {
  readonly job: IntakeJob;
}

/**
 * Check, locate and route a kind's new case (reads only, no transaction): call it before the
 * module's transaction opens (on PGlite a read outside an open transaction waits for it).
 */
export async function prepareKindCase(
  ctx: AppContext,
  actor: Actor,
  input: IntakeInput,
  options: { idempotencyKey?: string | null; now?: Date } = {},
): Promise<PreparedKindCase> {
  return { job: await intakeJob(ctx, actor, input, options) };
}

/**
 * Write prepared cases inside the module's own transaction (the visit that found the hazards,
 * say): the cases, their numbers, history and rollups commit or roll back with the module's rows.
 * A key used before answers the case it made. Call `published()` after the commit: it announces
 * the new cases on `caseEvents`, like intake does.
 */
export async function writeKindCases(
  trx: Transaction<DB>,
  ctx: AppContext,
  prepared: readonly PreparedKindCase[],
): Promise<{ results: IntakeResult[]; published(): void }> {
  if (prepared.length === 0) return { results: [], published() {} };
  const outcomes = await writeIntakes(
    trx,
    ctx,
    prepared.map((p) => p.job),
  );
  const made: { row: CaseRow; actor: Actor }[] = [];
  const results: IntakeResult[] = [];
  for (const [i, outcome] of outcomes.entries()) {
    if ('refused' in outcome) throw outcome.refused;
    if ('replayOf' in outcome) {
      const prior = (await findCase(trx, outcome.replayOf)) as CaseRow;
      results.push({ caseId: prior.id, number: prior.number, created: false });
      continue;
    }
    made.push({ row: outcome.row, actor: (prepared[i] as PreparedKindCase).job.actor });
    results.push({ caseId: outcome.row.id, number: outcome.row.number, created: true });
  }
  return {
    results,
    published() {
      for (const { row, actor } of made)
        publishCaseEvent(ctx, 'case.created', row, {
          action: 'report',
          actionId: null,
          fromStatus: null,
          actor,
          payload: {},
        });
    },
  };
}
