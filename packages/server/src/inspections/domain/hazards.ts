/**
 * A hazard's life as a table: found → (rectified) → re-checked: pass closes it; a failed
 * re-check extends the deadline once, then escalates to enforcement. Pure: no I/O, no clock.
 */

export const SEVERITIES = ['major', 'general', 'minor'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const HAZARD_STATES = ['open', 'rectified', 'closed', 'escalated'] as const;
export type HazardState = (typeof HAZARD_STATES)[number];

export type HazardAction = 'rectify' | 'recheck_pass' | 'recheck_fail';

/** Days to rectify by severity (重大隐患 fastest). */
export const RECTIFY_DAYS: Record<Severity, number> = { major: 3, general: 7, minor: 15 };

/** Days a failed re-check adds, once; a second failure goes to enforcement. */
export const EXTENSION_DAYS: Record<Severity, number> = { major: 2, general: 5, minor: 7 };
export const MAX_EXTENSIONS = 1;

/** A hazard at the same place and item within this many days of the last counts as recurrence (回潮). */
export const RECURRENCE_WINDOW_DAYS = 180;

const DAY = 86_400_000;

export const deadlineFor = (severity: Severity, from: Date): Date =>
  new Date(from.getTime() + RECTIFY_DAYS[severity] * DAY);

/** Who may: the place's side (grid worker, centre, department) records the fix; an inspector re-checks. */
const RULES: Record<HazardAction, { from: readonly HazardState[]; by: 'rectifier' | 'inspector' }> = {
  rectify: { from: ['open'], by: 'rectifier' },
  recheck_pass: { from: ['open', 'rectified'], by: 'inspector' },
  recheck_fail: { from: ['open', 'rectified'], by: 'inspector' },
};

export type Decision =
  | { ok: true; to: HazardState; deadline?: Date; extended?: boolean }
  | { ok: false; reason: 'state' | 'role' };

/** What an action does to a hazard in a state, for someone who is (or is not) a rectifier / inspector. */
export function decideHazard(
  h: { status: HazardState; severity: Severity; extensions: number },
  action: HazardAction,
  may: { rectifier: boolean; inspector: boolean },
  now: Date,
): Decision {
  const rule = RULES[action];
  if (!rule.from.includes(h.status)) return { ok: false, reason: 'state' };
  if (!may[rule.by]) return { ok: false, reason: 'role' };
  if (action === 'rectify') return { ok: true, to: 'rectified' };
  if (action === 'recheck_pass') return { ok: true, to: 'closed' };
  if (h.extensions < MAX_EXTENSIONS)
    return {
      ok: true,
      to: 'open',
      extended: true,
      deadline: new Date(now.getTime() + EXTENSION_DAYS[h.severity] * DAY),
    };
  return { ok: true, to: 'escalated' };
}

/** Is an earlier hazard of the same place and item close enough before this one to be a recurrence? */
export function isRecurrence(previousFoundAt: Date | null, foundAt: Date): boolean {
  if (!previousFoundAt) return false;
  const days = (foundAt.getTime() - previousFoundAt.getTime()) / DAY;
  return days >= 0 && days <= RECURRENCE_WINDOW_DAYS;
}

/** Overdue (red card): not rectified by the deadline (a fix waiting for its re-check is not overdue). */
export const isOverdue = (h: { status: HazardState; deadline_at: Date }, now: Date): boolean =>
  h.status === 'open' && h.deadline_at.getTime() < now.getTime();

/** The case states in which nothing more is expected (cases' CLOSED_STATES). */
const CASE_CLOSED = ['closed', 'rejected', 'withdrawn', 'merged'];

/**
 * A hazard's status derives from its case (kind hazard): waiting for verification is rectified,
 * finished is closed (escalated when an inspector referred it to enforcement), anything else is
 * open. `before` keeps an escalation while the closed case only gathers notes.
 */
export function hazardStatusOf(caseStatus: string, action: string, before: HazardState): HazardState {
  if (caseStatus === 'resolved') return 'rectified';
  if (!CASE_CLOSED.includes(caseStatus)) return 'open';
  if (action === 'hazard.refer_enforcement') return 'escalated';
  return before === 'escalated' ? 'escalated' : 'closed';
}

/** The kind action an inspector's re-check becomes: a failure extends once, then goes to enforcement. */
export function recheckAction(
  result: 'pass' | 'fail',
  h: { extensions: number },
): 'hazard.recheck_pass' | 'hazard.recheck_fail' | 'hazard.refer_enforcement' {
  if (result === 'pass') return 'hazard.recheck_pass';
  return h.extensions < MAX_EXTENSIONS ? 'hazard.recheck_fail' : 'hazard.refer_enforcement';
}
