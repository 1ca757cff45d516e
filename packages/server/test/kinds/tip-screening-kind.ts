import { sql } from 'kysely';
import { Type } from 'typebox';
import { type CaseKindDefinition, type KindSeenRow, kindAction } from '../../src/cases/kinds/contract.ts';
import type { AppContext } from '../../src/context.ts';
import { conflict } from '../../src/http/problem.ts';

/**
 * A small kind used in tests to prove the extension contract: tips (线索) are screened (credible
 * or not, a figure each), a credible tip must be answered to the tipster within 15 days (a kind
 * deadline), and a tip can be dismissed at once (a kind action that changes the state).
 * A tip may be referred to another unit (`tip.refer`): the kind's `seenBy` shows the case to it,
 * and its staff add what they learn (`tip.add_lead`, open to whoever sees the case).
 * Its own tables `test_tip_screening` and `test_tip_referral` are joined to the case by (city_code, case_id).
 */
const OPEN = ['reported', 'accepted', 'dispatched', 'handling'] as const;

export const tipScreeningKind: CaseKindDefinition = {
  kind: 'tip',
  module: 'test-tips',
  tables: ['test_tip_screening'],
  actions: {
    'tip.screen': kindAction({
      payload: Type.Object(
        { credible: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 2000 })) },
        { additionalProperties: false },
      ),
      from: OPEN,
      to: 'same',
      by: ['centre', 'assignee'],
      async apply({ trx, case: c, payload, now }) {
        const done =
          await sql`select 1 from test_tip_screening where city_code = ${c.cityCode} and case_id = ${c.id}`.execute(
            trx,
          );
        if (done.rows.length) throw conflict('the tip is already screened', { status: c.status });
        await sql`insert into test_tip_screening (city_code, case_id, credible, note, at)
          values (${c.cityCode}, ${c.id}, ${payload.credible}, ${payload.note ?? ''}, ${now})`.execute(trx);
        return { detail: { credible: payload.credible } };
      },
      figures: (p) => ({ screened: 1, credible: p.credible ? 1 : 0 }),
    }),
    'tip.answer_tipster': kindAction({
      payload: Type.Object(
        { answer: Type.String({ minLength: 1, maxLength: 2000 }) },
        { additionalProperties: false },
      ),
      from: [...OPEN, 'resolved'],
      to: 'same',
      by: ['centre', 'assignee', 'coordinator'],
      figures: () => ({ answered: 1 }),
    }),
    'tip.refer': kindAction({
      payload: Type.Object({ unitId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
      from: OPEN,
      to: 'same',
      by: ['centre'],
      async apply({ trx, case: c, payload }) {
        await sql`insert into test_tip_referral (city_code, case_id, unit_id)
          values (${c.cityCode}, ${c.id}, ${payload.unitId}) on conflict do nothing`.execute(trx);
        return { relatedUnitIds: [payload.unitId] };
      },
    }),
    'tip.add_lead': kindAction({
      payload: Type.Object(
        { text: Type.String({ minLength: 1, maxLength: 2000 }) },
        { additionalProperties: false },
      ),
      from: OPEN,
      to: 'same',
      by: ['centre', 'assignee', 'observer'],
      figures: () => ({ leads: 1 }),
    }),
    'tip.dismiss': kindAction({
      payload: Type.Object(
        { reason: Type.String({ minLength: 1, maxLength: 2000 }) },
        { additionalProperties: false },
      ),
      from: ['reported'],
      to: 'rejected',
      by: ['centre'],
    }),
  },
  deadlines: [
    {
      name: 'answer_tipster',
      startedBy: ['tip.screen'],
      stoppedBy: ['tip.answer_tipster'],
      limit: { value: 15, unit: 'days' },
    },
  ],
  // a relation over the kind's own table (raw SQL works as well as a query builder)
  seenBy: () => sql<KindSeenRow>`select case_id, unit_id from test_tip_referral`,
  async detail(db, c) {
    const r = await sql<{ credible: boolean; note: string }>`
      select credible, note from test_tip_screening where city_code = ${c.cityCode} and case_id = ${c.id}`.execute(
      db,
    );
    return { screening: r.rows[0] ?? null };
  },
};

/** createTestApp's setup: the kind's table (a module's migration would make it) and its registration. */
export async function registerTipScreening(ctx: AppContext) {
  await sql`create table if not exists test_tip_screening (
    city_code text not null, case_id bigint not null, credible boolean not null,
    note text not null default '', at timestamptz not null, primary key (city_code, case_id))`.execute(
    ctx.db,
  );
  await sql`create table if not exists test_tip_referral (
    city_code text not null, case_id bigint not null, unit_id bigint not null,
    primary key (city_code, case_id, unit_id))`.execute(ctx.db);
  ctx.services.caseKinds.register(tipScreeningKind);
}
