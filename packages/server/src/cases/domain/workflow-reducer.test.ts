import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from './calendar.ts';
import { evolveCase, projectionOf, REPLAYED_COLUMNS } from './case-evolve.ts';
import type { ActionFacts, CaseRow, Command } from './reducer-types.ts';
import { reduceAction } from './workflow-reducer.ts';

const now = new Date('2026-03-04T02:00:00Z'); // a Wednesday, 10:00 in Tianjin
const row = (over: Partial<CaseRow> = {}): CaseRow =>
  ({
    id: 7,
    city_code: '120000',
    district_code: '120101',
    number: '120101-2026-000007',
    kind: 'issue',
    status: 'reported',
    level: 'community',
    current_unit_id: 11,
    centre_unit_id: null,
    handler_unit_id: null,
    handler_user_id: null,
    reporter_user_id: 5,
    rating: null,
    rating_comment: null,
    ratings_satisfied: 0,
    ratings_basically_satisfied: 0,
    ratings_unsatisfied: 0,
    accepted_at: null,
    resolved_at: null,
    closed_at: null,
    merged_into: null,
    status_before_suspend: null,
    suspended_at: null,
    pending_extension: null,
    step: 'accept',
    step_started_at: new Date('2026-03-04T01:00:00Z'),
    step_shift_ms: 0,
    warn_at: null,
    due_at: null,
    version: 3,
    ...over,
  }) as CaseRow;
const facts = (over: Partial<ActionFacts> = {}): ActionFacts => ({
  now,
  clock: { limits: null, calendar: createWorkingCalendar() },
  actor: { userId: 9, unitIds: [11] },
  actorUnitId: 11,
  summonses: [],
  attachments: [],
  ...over,
});
const cmd = (action: string, to: Command['to'], payload: Record<string, unknown> = {}): Command => ({
  action,
  payload,
  to,
});

describe('the workflow reducer (pure: row + action + facts → next row, history, writes)', () => {
  it('accepting starts the handling step, records the centre and bumps the version', () => {
    const r = reduceAction(row(), cmd('accept', 'accepted'), facts());
    expect(r.set).toMatchObject({ status: 'accepted', version: 4, centre_unit_id: 11, step: 'handle' });
    expect(r.set.accepted_at).toBe(now.toISOString());
    expect(r.history).toMatchObject({ action: 'accept', fromStatus: 'reported', toStatus: 'accepted' });
    expect(r.writes).toEqual([]);
  });

  it('the columns the history decides equal what the replay reducer makes of the history row', () => {
    const cases: [CaseRow, Command][] = [
      [row(), cmd('accept', 'accepted')],
      [row({ status: 'handling' }), cmd('resolve', 'resolved', { result: 'done' })],
      [row({ status: 'resolved', resolved_at: now }), cmd('verify_pass', 'closed')],
      [row({ status: 'closed', closed_at: now }), cmd('rate', 'closed', { rating: 'unsatisfied' })],
      [
        row({ status: 'closed', rating: 'unsatisfied', closed_at: now }),
        cmd('reopen', 'handling', { reason: 'x' }),
      ],
      [row({ status: 'handling' }), cmd('suspend', 'suspended', { reason: 'rain' })],
      [row({ status: 'reported' }), cmd('handle_on_spot', 'closed', { result: 'ok' })],
    ];
    for (const [before, command] of cases) {
      const r = reduceAction(before, command, facts());
      const replayed = evolveCase(projectionOf(before), {
        seq: 1,
        action: r.history.action,
        from_status: r.history.fromStatus,
        to_status: r.history.toStatus,
        payload: r.history.payload,
        at: r.history.at,
      });
      const live = projectionOf({ ...before, ...r.set });
      for (const c of REPLAYED_COLUMNS)
        expect([command.action, c, live[c]]).toEqual([command.action, c, replayed[c]]);
    }
  });

  it('resolving is refused while a summons is open, and needs its evidence attached', () => {
    const open = { id: 1, unitId: 40, summonedAt: now, reportedInAt: null, doneAt: null, ratedAt: null };
    expect(() =>
      reduceAction(
        row({ status: 'handling' }),
        cmd('resolve', 'resolved', { result: 'x' }),
        facts({ summonses: [open] }),
      ),
    ).toThrow(/not all reported done/);
    const evidence = ['a'.repeat(64)];
    expect(() =>
      reduceAction(
        row({ status: 'handling' }),
        cmd('resolve', 'resolved', { result: 'x', evidence }),
        facts(),
      ),
    ).toThrow(/upload it first/);
    const ok = reduceAction(
      row({ status: 'handling', centre_unit_id: 3 }),
      cmd('resolve', 'resolved', { result: 'x', evidence }),
      facts({ attachments: evidence }),
    );
    expect(ok.set).toMatchObject({ current_unit_id: 3, handler_unit_id: 11, step: 'verify' });
  });

  it('summoning writes one summons per department and refuses one already summoned', () => {
    const units = [{ id: 40, name: '城管', kind: 'department', level: 'street', regionPath: '/120000/' }];
    const r = reduceAction(
      row({ status: 'handling' }),
      cmd('summon', 'handling', { unitIds: [40], reportInHours: 2 }),
      facts({ targetUnits: units }),
    );
    expect(r.writes).toEqual([
      {
        kind: 'summons.insert',
        rows: [
          {
            unitId: 40,
            summonedByUnitId: 11,
            summonedAt: now,
            reportInDueAt: new Date(now.getTime() + 7_200_000),
          },
        ],
      },
    ]);
    expect(r.history.payload).toMatchObject({ units: [{ id: 40, name: '城管' }] });
    const open = { id: 1, unitId: 40, summonedAt: now, reportedInAt: null, doneAt: null, ratedAt: null };
    expect(() =>
      reduceAction(
        row({ status: 'handling' }),
        cmd('summon', 'handling', { unitIds: [40], reportInHours: 2 }),
        facts({ targetUnits: units, summonses: [open] }),
      ),
    ).toThrow(/already summoned/);
  });

  it('rating counts every rating given, and a rated case is not rated again', () => {
    const r = reduceAction(
      row({ status: 'closed', ratings_unsatisfied: 2 }),
      cmd('rate', 'closed', { rating: 'unsatisfied', comment: 'slow' }),
      facts(),
    );
    expect(r.set).toMatchObject({ rating: 'unsatisfied', ratings_unsatisfied: 3, rating_comment: 'slow' });
    expect(() =>
      reduceAction(
        row({ status: 'closed', rating: 'satisfied' }),
        cmd('rate', 'closed', { rating: 'satisfied' }),
        facts(),
      ),
    ).toThrow(/already rated/);
  });

  it('a kind action entering a closed state stops the clock; its detail goes into the history row', () => {
    const r = reduceAction(
      row({ status: 'handling', kind: 'dispute' }),
      cmd('dispute.close_out', 'closed'),
      facts(),
      { sessions: 2 },
    );
    expect(r.set).toMatchObject({ status: 'closed', step: null, due_at: null, closed_at: now.toISOString() });
    expect(r.history.payload).toEqual({ sessions: 2 });
  });
});
