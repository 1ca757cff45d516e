import { type Capacity, type CaseAction, type CaseState, decide, stepOf } from '../../cases/index.ts';
import type { Holder, Intake, WalkedCase } from './case-walk-types.ts';
import { exponential, logNormal, type Random } from './random.ts';

export type { Holder, Intake, WalkedAction, WalkedCase, WalkedSummons } from './case-walk-types.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

const LEVEL_UP: Record<string, Holder> = { community: 'street', street: 'district', district: 'district' };

class Stop extends Error {}

const ROLE_OF: Record<Capacity, string> = {
  reporter: 'resident',
  grid_worker: 'grid_worker',
  centre: 'centre_operator',
  assignee: 'department_handler',
  coordinator: 'centre_operator',
  summoned: 'department_handler',
  leader: 'leader',
  admin: 'admin',
  observer: 'observer',
};

/**
 * A case's whole history, walked through the workflow table (`decide` from the cases domain):
 * every action is one the state machine allows, at a plausible time after the one before. The
 * walk stops at `now`, so recent cases are left in every intermediate state.
 */
export function walkCase(random: Random, intake: Intake): WalkedCase {
  const c: WalkedCase = {
    actions: [],
    status: 'reported',
    holder: 'community',
    level: 'community',
    card: 'none',
    step: 'accept',
    stepStartedAt: intake.reportedAt,
    warnAt: null,
    dueAt: null,
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
    rating: null,
    ratingsGiven: { satisfied: 0, basically_satisfied: 0, unsatisfied: 0 },
    mergedInto: null,
    beforeSuspend: null,
    summons: [],
  };
  let t = intake.reportedAt;
  let beforeSuspend: CaseState | null = null;
  const chance = (p: number) => random() < p;

  const startStep = () => {
    const step = stepOf(c.status);
    c.step = step;
    if (!step) {
      c.stepStartedAt = c.warnAt = c.dueAt = null;
      return;
    }
    c.stepStartedAt = t;
    const limit = intake.limits[step] * HOUR;
    c.warnAt = t + 0.8 * limit;
    c.dueAt = t + limit;
  };
  const mark = (at: number) => {
    if (c.dueAt !== null && at > c.dueAt) c.card = 'red';
    else if (c.warnAt !== null && at > c.warnAt && c.card === 'none') c.card = 'yellow';
  };
  const act = (
    action: CaseAction,
    by: Capacity,
    delayMs: number,
    payload: object = {},
    holder = c.holder,
  ) => {
    const at = t + Math.max(MINUTE, Math.round(delayMs));
    if (at > intake.now) throw new Stop();
    mark(at);
    const d = decide(c.status, action, [by], beforeSuspend);
    if (!d.ok) throw new Error(`generator walked an illegal ${action} from ${c.status}`);
    t = at;
    const from = c.status;
    if (action === 'suspend') beforeSuspend = from;
    if (action === 'resume') beforeSuspend = null;
    c.beforeSuspend = beforeSuspend;
    c.actions.push({
      action,
      from,
      to: d.to,
      at,
      role: ROLE_OF[by],
      holder,
      payload: JSON.stringify(payload),
    });
    c.status = d.to;
    c.holder = holder;
    if (d.to !== from || action === 'approve_extension') startStep();
  };

  c.actions.push({
    action: 'report',
    from: null,
    to: 'reported',
    at: t,
    role: intake.channel === 'field' ? 'grid_worker' : 'resident',
    holder: 'community',
    payload: JSON.stringify({ channel: intake.channel }),
  });
  startStep();
  try {
    walkFromReport();
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  if (c.step && c.dueAt !== null) mark(intake.now);
  return c;

  function walkFromReport() {
    if (intake.channel === 'field' && chance(0.25)) {
      act('handle_on_spot', 'grid_worker', exponential(random, 0.5 * HOUR), {
        result: 'handled on the spot',
      });
      c.acceptedAt = c.resolvedAt = c.closedAt = t;
      return rateAndMaybeReopen();
    }
    // withdrawn, rejected and merged cases are finished: closed_at is when (as the engine writes it)
    if (intake.hasReporter && intake.channel !== 'field' && chance(0.02)) {
      act('withdraw', 'reporter', exponential(random, 1 * HOUR), { reason: 'solved by myself' });
      c.closedAt = t;
      return;
    }
    if (chance(0.04)) {
      act('reject', 'centre', exponential(random, 2 * HOUR), { reason: 'not within remit' });
      c.closedAt = t;
      return;
    }
    if (intake.duplicateOf !== null && chance(0.6)) {
      act('merge', 'centre', exponential(random, 2 * HOUR), { intoCaseId: intake.duplicateOf });
      c.mergedInto = intake.duplicateOf;
      c.closedAt = t;
      return;
    }
    // a few go up a level, and some of those on to the district (its centre coordinates them)
    for (let p = 0.06; c.level !== 'district' && chance(p); p = 0.35) {
      const up = LEVEL_UP[c.level] as Holder;
      act('escalate', 'centre', exponential(random, 3 * HOUR), { toLevel: up }, up);
      c.level = up as WalkedCase['level'];
    }
    act('accept', 'centre', exponential(random, intake.limits.accept * 0.25 * HOUR));
    c.acceptedAt = t;
    handle(false);
  }

  function handle(reopened: boolean) {
    if (!reopened && chance(0.03)) {
      act('close', 'centre', exponential(random, 4 * HOUR), { result: 'answered' });
      c.closedAt = t;
      return rateAndMaybeReopen();
    }
    const stuck = chance(0.004) ? 25 : 1;
    const handleMs = logNormal(random, intake.limits.handle * 0.35 * HOUR, 0.7) * stuck;
    if (c.level !== 'community' && chance(0.25)) {
      act('summon', 'centre', exponential(random, 2 * HOUR), { departments: 2 + Math.floor(random() * 3) });
      summonDepartments(handleMs);
    } else if (chance(0.25)) {
      act('start', 'assignee', exponential(random, 1 * HOUR));
    } else {
      act('dispatch', 'centre', exponential(random, 2 * HOUR), { to: 'department' }, 'department');
      if (chance(0.08)) {
        act('return', 'assignee', exponential(random, 6 * HOUR), { reason: 'not ours' }, c.level);
        act('dispatch', 'centre', exponential(random, 2 * HOUR), { to: 'department' }, 'department');
      }
      act('start', 'assignee', exponential(random, 3 * HOUR));
    }
    if (chance(0.02)) {
      act('suspend', 'coordinator', handleMs * 0.3, { reason: 'waiting for the owner' });
      act('resume', 'coordinator', exponential(random, 48 * HOUR), { reason: 'owner back' });
    }
    if (chance(0.04)) {
      act('request_extension', 'assignee', handleMs * 0.3, { hours: Math.round(intake.limits.handle / 2) });
      act('approve_extension', 'coordinator', exponential(random, 4 * HOUR));
      if (c.dueAt !== null) c.dueAt += (intake.limits.handle / 2) * HOUR;
    }
    resolveAndVerify(handleMs * 0.7);
  }

  function summonDepartments(handleMs: number) {
    const n = 2 + Math.floor(random() * 3);
    const start = t;
    for (let i = 0; i < n; i++)
      c.summons.push({
        summonedAt: start,
        reportInDueAt: start + 2 * HOUR,
        reportedInAt: null,
        doneAt: null,
        rating: null,
      });
    for (const s of c.summons) {
      act('summons_report_in', 'summoned', exponential(random, 1.5 * HOUR));
      s.reportedInAt = t;
    }
    for (const s of c.summons) {
      act('summons_done', 'summoned', handleMs / n);
      s.doneAt = t;
    }
  }

  function resolveAndVerify(handleMs: number) {
    act('resolve', 'assignee', handleMs, { result: 'fixed' });
    c.resolvedAt = t;
    if (chance(0.08)) {
      act('verify_fail', 'coordinator', exponential(random, intake.limits.verify * 0.25 * HOUR), {
        reason: 'not fixed',
      });
      c.resolvedAt = null;
      act('resolve', 'assignee', exponential(random, intake.limits.handle * 0.2 * HOUR), {
        result: 'fixed again',
      });
      c.resolvedAt = t;
    }
    act(
      'verify_pass',
      chance(0.5) ? 'grid_worker' : 'coordinator',
      exponential(random, intake.limits.verify * 0.25 * HOUR),
    );
    c.closedAt = t;
    for (const s of c.summons) {
      act('rate_summons', 'coordinator', exponential(random, 1 * HOUR), {
        score: 3 + Math.floor(random() * 3),
      });
      s.rating = 3 + Math.floor(random() * 3);
    }
    rateAndMaybeReopen();
  }

  function rateAndMaybeReopen() {
    if (!intake.hasReporter || !chance(0.75)) return;
    const r = random();
    const rating = r < 0.74 ? 'satisfied' : r < 0.93 ? 'basically_satisfied' : 'unsatisfied';
    act('rate', 'reporter', exponential(random, 20 * HOUR), { rating });
    c.rating = rating;
    c.ratingsGiven[rating]++;
    if (rating === 'unsatisfied' && c.actions.every((a) => a.action !== 'reopen') && chance(0.4)) {
      act('reopen', 'reporter', exponential(random, 10 * HOUR), { reason: 'the problem is back' });
      c.closedAt = c.resolvedAt = null;
      c.rating = null;
      handle(true);
    }
  }
}
