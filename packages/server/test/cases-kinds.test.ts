import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionProblems } from '../src/cases/kinds/registry.ts';
import { act, gridOf, loginAll, read, report, type Users } from './cases-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { registerTipScreening, tipScreeningKind } from './kinds/tip-screening-kind.ts';

/** A module's kind extends the engine (cases/kinds): actions, policy, state, data, deadlines, figures. */
describe('case kinds', () => {
  let t: TestApp;
  let u: Users;
  let grid: string;
  beforeAll(async () => {
    t = await createTestApp({}, registerTipScreening);
    u = await loginAll(t.app);
    grid = gridOf(u.gridworker);
  });
  afterAll(() => t.close());

  const ok = (res: { statusCode: number; body: string }, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return JSON.parse(res.body);
  };
  const tip = () => ({
    kind: 'tip',
    category: 'tip.other_tip',
    description: '小区地下室有人聚集赌博',
    gridCode: grid,
    channel: 'phone',
  });
  const figures = async (caseId: number) => {
    const r = await sql<{ figure: string; total: number }>`
      select figure, sum(value)::float8 as total from case_kind_figure where case_id = ${caseId} group by figure order by figure`.execute(
      t.ctx.db,
    );
    return Object.fromEntries(r.rows.map((x) => [x.figure, x.total]));
  };

  it('offers the kind’s actions on its own cases only, to the capacities its table names', async () => {
    const c = ok(await report(t.app, u.community_op, tip()), 201);
    expect(c.status).toBe('reported');
    const seen = ok(await read(t.app, u.community_op, c.id));
    expect(seen.allowedActions).toEqual(expect.arrayContaining(['accept', 'tip.screen', 'tip.dismiss']));
    const byLeader = ok(await read(t.app, u.leader, c.id));
    expect(byLeader.allowedActions).not.toContain('tip.screen');
    const request = ok(
      await report(t.app, u.community_op, { ...tip(), kind: 'request', category: 'request.water_heating' }),
      201,
    );
    const other = ok(await read(t.app, u.housing_handler, request.id));
    expect(other.allowedActions.filter((a: string) => a.startsWith('tip.'))).toEqual([]);
    const refused = await act(t.app, u.housing_handler, request.id, 'tip.screen', { credible: true });
    expect(refused.statusCode).toBe(409);
  });

  it('screens a tip: its table, history, a 15-day deadline, figures; answering stops the deadline', async () => {
    const c = ok(await report(t.app, u.community_op, tip()), 201);
    const screened = ok(
      await act(t.app, u.community_op, c.id, 'tip.screen', { credible: true, note: '属实' }),
    );
    expect(screened.status).toBe('reported');
    expect(screened.kindData).toEqual({ screening: { credible: true, note: '属实' } });
    const last = screened.history.at(-1);
    expect(last).toMatchObject({ action: 'tip.screen', actorRole: 'centre', payload: { credible: true } });
    const [deadline] = screened.kindDeadlines;
    expect(deadline).toMatchObject({ name: 'answer_tipster', stoppedAt: null, card: 'none' });
    const window = new Date(deadline.dueAt).getTime() - new Date(deadline.startedAt).getTime();
    expect(window).toBe(15 * 86_400_000);
    expect(await figures(c.id)).toEqual({ credible: 1, screened: 1 });

    const again = await act(t.app, u.community_op, c.id, 'tip.screen', { credible: false });
    expect(again.statusCode).toBe(409);
    expect(await figures(c.id)).toEqual({ credible: 1, screened: 1 });

    const answered = ok(await act(t.app, u.community_op, c.id, 'tip.answer_tipster', { answer: '已查处' }));
    expect(answered.kindDeadlines[0].stoppedAt).not.toBeNull();
    expect(answered.kindDeadlines[0].card).toBe('none');
    expect(await figures(c.id)).toEqual({ answered: 1, credible: 1, screened: 1 });
  });

  it('a kind action may move the case along the one state table (dismiss → rejected, clock stopped)', async () => {
    const c = ok(await report(t.app, u.community_op, tip()), 201);
    const dismissed = ok(await act(t.app, u.community_op, c.id, 'tip.dismiss', { reason: '重复线索' }));
    expect(dismissed).toMatchObject({ status: 'rejected', deadlines: { step: null, dueAt: null } });
    expect(dismissed.closedAt).not.toBeNull();
    expect(dismissed.allowedActions).not.toContain('tip.dismiss');
    const late = await act(t.app, u.community_op, c.id, 'tip.screen', { credible: true });
    expect(late.statusCode).toBe(409);
    expect(JSON.parse(late.body).allowedActions).toEqual(expect.any(Array));
  });

  it('checks the payload against the kind’s schema and the actor against its table, changing nothing', async () => {
    const c = ok(await report(t.app, u.community_op, tip()), 201);
    const bad = await act(t.app, u.community_op, c.id, 'tip.screen', { credible: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).errors.map((e: { field: string }) => e.field)).toContain(
      'body.payload.credible',
    );
    const extra = await act(t.app, u.community_op, c.id, 'tip.screen', { credible: true, secret: 1 });
    expect(extra.statusCode).toBe(400);
    const notYours = await act(t.app, u.gridworker, c.id, 'tip.dismiss', { reason: '无' });
    expect(notYours.statusCode).toBe(403);
    const unknown = await act(t.app, u.community_op, c.id, 'tip.unknown', {});
    expect(unknown.statusCode).toBe(400);
    const after = ok(await read(t.app, u.community_op, c.id));
    expect(after.version).toBe(c.version);
    expect(after.kindData).toEqual({ screening: null });
    expect(await figures(c.id)).toEqual({});
  });

  it('shows a case to the units its kind names (seenBy): they see, find and act on it; others 404', async () => {
    const c = ok(await report(t.app, u.community_op, tip()), 201);
    const other = ok(await report(t.app, u.community_op, tip()), 201);
    const hexiUnit = u.hexi_op.unitIds[0] as number;
    const ids = async () => {
      const found = ok(
        await t.app.inject({ method: 'GET', url: '/api/v1/cases?kind=tip', headers: u.hexi_op.headers }),
      );
      return found.items.map((i: { id: number }) => i.id);
    };
    expect((await read(t.app, u.hexi_op, c.id)).statusCode).toBe(404);
    expect((await act(t.app, u.hexi_op, c.id, 'tip.add_lead', { text: '另一线索' })).statusCode).toBe(404);
    expect(await ids()).toEqual([]);

    ok(await act(t.app, u.community_op, c.id, 'tip.refer', { unitId: hexiUnit }));
    const seen = ok(await read(t.app, u.hexi_op, c.id));
    expect(seen.allowedActions).toContain('tip.add_lead');
    expect(seen.allowedActions).not.toContain('tip.screen');
    const added = ok(await act(t.app, u.hexi_op, c.id, 'tip.add_lead', { text: '河西区也有人反映' }));
    expect(added.history.at(-1)).toMatchObject({ action: 'tip.add_lead', actorRole: 'observer' });
    expect(await figures(c.id)).toEqual({ leads: 1 });
    expect(await ids()).toEqual([c.id]);
    // the tip not referred stays out of sight (intruder check)
    expect((await read(t.app, u.hexi_op, other.id)).statusCode).toBe(404);
    expect((await act(t.app, u.hexi_op, other.id, 'tip.add_lead', { text: '试探' })).statusCode).toBe(404);
  });

  it('refuses a definition that clashes with the engine or names unknown states and actions', () => {
    expect(definitionProblems(tipScreeningKind)).toEqual([]);
    const kinds = new Map([['tip', tipScreeningKind]]);
    expect(definitionProblems(tipScreeningKind, kinds)).toEqual(['already registered by test-tips']);
    const broken = {
      ...tipScreeningKind,
      kind: 'hazard' as const,
      actions: { accept: { ...tipScreeningKind.actions['tip.screen'], from: ['nowhere'] } },
      deadlines: [
        { name: 'x', startedBy: ['hazard.nothing'], stoppedBy: [], limit: { value: 1, unit: 'days' } },
      ],
    } as never;
    expect(definitionProblems(broken)).toEqual([
      'action accept must be named hazard.<verb>',
      'action accept already exists',
      'action accept: unknown state nowhere',
      'deadline x: unknown action hazard.nothing',
    ]);
  });
});
