import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/context.ts';
import { conflict } from '../src/http/problem.ts';
import { A, caller, newDispute } from './disputes-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

const FAIL = '【写入失败】';

/**
 * The test's fault: the dispute kind's intake part fails after it has written the dispute, its
 * parties and figures, when the matter carries the marker.
 */
function failingDisputePart(ctx: AppContext) {
  const def = ctx.services.caseKinds.kind('dispute');
  const intake = def?.intake;
  if (!def || !intake) throw new Error('the disputes module registers no dispute intake');
  def.intake = {
    async apply(input) {
      const effect = await intake.apply(input);
      if (String(input.data.matter).includes(FAIL)) throw conflict('the dispute part failed');
      return effect;
    },
  };
}

/** Registering a dispute is one transaction through the case engine's kind extension. */
describe('registering a dispute (case kind extension)', () => {
  let t: TestApp;
  let call: ReturnType<typeof caller>;
  let worker: LoggedIn;
  let grid: string;
  const count = async (table: 'cases' | 'dispute' | 'dispute_party' | 'person' | 'dispute_figure_rollup') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const screenedTotal = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('dispute_figure_rollup')
          .select((eb) => eb.fn.coalesce(eb.fn.sum('screened'), eb.lit(0)).as('n'))
          .where('level', '=', 'city')
          .where('type', '=', '*')
          .where('org_id', '=', -1)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp({}, failingDisputePart);
    call = caller(t);
    worker = await loginAs(t.app, 'gridworker');
    grid = (worker.regionPaths[0] ?? '').split('/').filter(Boolean).pop() as string;
  });
  afterAll(() => t.close());

  it('writes the case, the dispute, its parties and its history together', async () => {
    const made = await call(worker, 'POST', '/api/v1/disputes', newDispute(grid));
    expect(made.status).toBe(201);
    const id = made.body.caseId as number;
    const parties = await t.ctx.db
      .selectFrom('dispute_party')
      .selectAll()
      .where('case_id', '=', id)
      .execute();
    expect(parties.map((p) => p.side)).toEqual(['applicant', 'respondent']);
    const history = await t.ctx.db
      .selectFrom('case_action')
      .select(['action', 'payload'])
      .where('case_id', '=', id)
      .orderBy('seq')
      .execute();
    // the report row carries the kind's part; no second transaction, no second row
    expect(history).toHaveLength(1);
    expect(history[0]?.action).toBe('report');
    expect(history[0]?.payload).toMatchObject({ kind: { type: 'neighbour', riskLevel: 'medium' } });
    const page = await call(worker, 'GET', `/api/v1/cases/${id}`);
    expect(page.body.kindData).toMatchObject({ dispute: { type: 'neighbour', status: 'screened' } });
    expect(JSON.stringify(page.body.kindData)).not.toContain(A.name);
  });

  it('leaves no case behind when the dispute part fails', async () => {
    const before = {
      cases: await count('cases'),
      dispute: await count('dispute'),
      parties: await count('dispute_party'),
      persons: await count('person'),
      screened: await screenedTotal(),
    };
    const res = await call(
      worker,
      'POST',
      '/api/v1/disputes',
      newDispute(grid, { matter: `${FAIL}邻里漏水纠纷` }),
    );
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('the dispute part failed');
    expect({
      cases: await count('cases'),
      dispute: await count('dispute'),
      parties: await count('dispute_party'),
      persons: await count('person'),
      screened: await screenedTotal(),
    }).toEqual(before);
    const found = await t.ctx.db
      .selectFrom('cases')
      .select('id')
      .where('description', 'like', `${FAIL}%`)
      .execute();
    expect(found).toEqual([]);
    // the next dispute is made as usual (nothing left half-done in the way)
    const next = await call(worker, 'POST', '/api/v1/disputes', newDispute(grid));
    expect(next.status).toBe(201);
    expect(await count('cases')).toBe(before.cases + 1);
  });
});
