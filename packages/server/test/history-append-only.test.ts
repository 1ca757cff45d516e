import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, gridOf, loginAll, neighbourDispute, report, type Users } from './cases-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { registerTipScreening } from './kinds/tip-screening-kind.ts';

/** History and ledgers are append-only in the database itself (migration 0331), whoever asks. */
describe('append-only history', () => {
  let t: TestApp;
  let u: Users;
  let caseId: number;
  beforeAll(async () => {
    t = await createTestApp({}, registerTipScreening);
    u = await loginAll(t.app);
    const c = await report(t.app, u.gridworker, neighbourDispute(gridOf(u.gridworker)));
    caseId = JSON.parse(c.body).id;
    expect(
      (await act(t.app, u.community_op, caseId, 'accept', {}, { clientId: 'append-only-1' })).statusCode,
    ).toBe(200);
    const tip = await report(t.app, u.community_op, {
      kind: 'tip',
      category: 'tip.other_tip',
      description: '线索',
      gridCode: gridOf(u.gridworker),
      channel: 'phone',
    });
    expect(
      (await act(t.app, u.community_op, JSON.parse(tip.body).id, 'tip.screen', { credible: true }))
        .statusCode,
    ).toBe(200);
  });
  afterAll(() => t.close());
  beforeAll(async () => {
    // inserting is what history is for: a region's change, as the regions service records it
    await sql`insert into region_history (region_code, action, payload)
      select code, 'update', '{"name": "test"}'::jsonb from region where level = 'city' limit 1`.execute(
      t.ctx.db,
    );
  });

  const refused = (statement: ReturnType<typeof sql>) =>
    expect(statement.execute(t.ctx.db)).rejects.toThrow(/append-only/);
  const count = async (table: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.ctx.db)).rows[0]
      ?.n;

  it('refuses to change or remove a case’s history, on the table and on its partitions', async () => {
    const before = await count('case_action');
    const [partition] = (
      await sql<{
        p: string;
      }>`select tableoid::regclass::text as p from case_action where case_id = ${caseId} limit 1`.execute(
        t.ctx.db,
      )
    ).rows;
    await refused(sql`update case_action set payload = '{}'::jsonb where case_id = ${caseId}`);
    await refused(sql`delete from case_action where case_id = ${caseId}`);
    await refused(sql`update ${sql.table(partition?.p ?? '')} set action = 'note' where case_id = ${caseId}`);
    await refused(sql`delete from ${sql.table(partition?.p ?? '')} where case_id = ${caseId}`);
    await refused(sql`truncate case_action`);
    await refused(sql`truncate ${sql.table(partition?.p ?? '')}`);
    expect(await count('case_action')).toBe(before);
    const history = await sql<{
      action: string;
    }>`select action from case_action where case_id = ${caseId} order by seq`.execute(t.ctx.db);
    expect(history.rows.map((r) => r.action)).toEqual(['report', 'accept']);
  });

  it('refuses the same for retried-action ids, region history and kind figures', async () => {
    for (const table of ['case_action_client', 'region_history', 'case_kind_figure']) {
      const before = await count(table);
      expect(before, table).toBeGreaterThan(0);
      await refused(sql`delete from ${sql.table(table)}`);
      await refused(sql`truncate ${sql.table(table)}`);
      expect(await count(table), table).toBe(before);
    }
    await refused(sql`update case_action_client set client_id = 'x' where case_id = ${caseId}`);
    await refused(sql`update region_history set action = 'x'`);
    await refused(sql`update case_kind_figure set value = 0`);
  });

  it('still appends: an action after the refusals is recorded with the next number', async () => {
    expect((await act(t.app, u.community_op, caseId, 'note', { text: '跟进' })).statusCode).toBe(200);
    const last = await sql<{ seq: number; action: string }>`
      select seq, action from case_action where case_id = ${caseId} order by seq desc limit 1`.execute(
      t.ctx.db,
    );
    expect(last.rows[0]).toEqual({ seq: 3, action: 'note' });
  });
});
