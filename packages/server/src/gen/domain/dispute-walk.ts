import { exponential, type Random } from './random.ts';

/**
 * A dispute's mediation, walked from screening to follow-up the way the disputes module's actions
 * would leave it (service-mediation.ts, service-agreement.ts): assigned to an organisation, which
 * may decline; accepted with a 30-day limit (sometimes extended); one to three sessions with their
 * records; an agreement every party confirms (then performance, judicial confirmation, closing and
 * the follow-up visit), or a failure passed to another organisation or referred out of mediation.
 * The walk stops at `now`, so recent disputes are left in every state. Pure: times in ms.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MEDIATION_DAYS = 30;
const FOLLOW_UP_DAYS = 15;
const JUDICIAL_DAYS = 30;

export interface WalkOrg {
  id: number;
  mediators: number[];
}

export interface WalkSession {
  orgId: number;
  at: number;
  mediatorIds: number[];
  /** Recorded (笔录) and when; null while only scheduled. */
  recordedAt: number | null;
  /** Party seqs who attended and confirmed the record (1-based). */
  attended: number[];
}

export interface WalkedDispute {
  status: 'screened' | 'assigned' | 'mediating' | 'agreed' | 'referred' | 'closed';
  orgId: number | null;
  mediatorIds: number[];
  acceptedAt: number | null;
  dueAt: number | null;
  extensions: { days: number; reason: string; at: string; by: null }[];
  declined: { orgId: number; reason: string; at: string }[];
  failedOrgs: {
    orgId: number;
    mediatorIds: number[];
    acceptedAt: string;
    concludedAt: string;
    dueAt: string;
  }[];
  outcome: 'agreement' | 'failed' | null;
  concludedAt: number | null;
  referral: { to: string; where: string; note: null } | null;
  closedAt: number | null;
  followUpDueAt: number | null;
  followUp: { at: string; note: string; satisfied: boolean } | null;
  sessions: WalkSession[];
  agreement: {
    draftedAt: number;
    performBy: string;
    /** When each party (by seq) confirmed; effective once all did. */
    confirmedAt: number[];
    effectiveAt: number | null;
    performed: { status: string; note: null; at: string } | null;
    judicial: {
      appliedAt: string;
      court: string;
      answer: string | null;
      answeredAt: string | null;
      note: null;
    } | null;
  } | null;
  /** The mediation's steps for the case history (the kind's actions dispute.<action>), in order. */
  steps: { action: string; at: number; payload: Record<string, unknown> }[];
}

const REFER_OUT: [string, string, number][] = [
  ['litigation', '人民法院', 0.45],
  ['arbitration', '劳动人事争议仲裁委员会', 0.2],
  ['letters_and_visits', '信访部门', 0.15],
  ['administrative_ruling', '区政府有关部门', 0.1],
  ['administrative_reconsideration', '区人民政府', 0.1],
];

const iso = (ms: number) => new Date(ms).toISOString();

export function walkDispute(
  random: Random,
  x: {
    screenedAt: number;
    now: number;
    parties: number;
    /** Organisations that may take it, most local first; the first is tried first. */
    orgs: WalkOrg[];
    /** A court for judicial confirmation. */
    court: string;
  },
): WalkedDispute {
  const d: WalkedDispute = {
    status: 'screened',
    orgId: null,
    mediatorIds: [],
    acceptedAt: null,
    dueAt: null,
    extensions: [],
    declined: [],
    failedOrgs: [],
    outcome: null,
    concludedAt: null,
    referral: null,
    closedAt: null,
    followUpDueAt: null,
    followUp: null,
    sessions: [],
    agreement: null,
    steps: [],
  };
  const { now } = x;
  let t = x.screenedAt;
  // each step happens after the one before; a step that would fall after now does not happen
  const later = (meanHours: number) => {
    t += Math.max(10 * 60_000, exponential(random, meanHours) * HOUR);
    return t < now;
  };
  const step = (action: string, payload: Record<string, unknown> = {}) =>
    d.steps.push({ action, at: t, payload });
  const pickOther = (not: number | null) => {
    const others = x.orgs.filter((o) => o.id !== not);
    return others.length ? (others[Math.floor(random() * others.length)] as WalkOrg) : null;
  };
  const parties = Array.from({ length: x.parties }, (_, i) => i + 1);
  let org: WalkOrg | null = x.orgs[0] ?? null;
  for (let round = 0; org && round < 3; round++) {
    if (!later(round === 0 ? 20 : 12)) return d;
    d.status = 'assigned';
    d.orgId = org.id;
    d.mediatorIds = [];
    step('assign', { orgId: org.id });
    if (!later(16)) return d;
    if (round === 0 && random() < 0.03) {
      d.declined.push({ orgId: org.id, reason: '不属于本委员会受理范围', at: iso(t) });
      d.status = 'screened';
      d.orgId = null;
      step('decline', { reason: '不属于本委员会受理范围' });
      org = pickOther(org.id);
      continue;
    }
    const m = org.mediators;
    d.mediatorIds = m.length <= 1 || random() < 0.6 ? m.slice(0, 1) : m.slice(0, 2);
    d.status = 'mediating';
    d.acceptedAt = t;
    d.dueAt = t + MEDIATION_DAYS * DAY;
    d.extensions = [];
    step('accept', { mediatorIds: d.mediatorIds });
    const sessions = 1 + (random() < 0.45 ? 1 : 0) + (random() < 0.15 ? 1 : 0);
    for (let s = 0; s < sessions; s++) {
      if (!later(s === 0 ? 72 : 140)) return d;
      const session: WalkSession = {
        orgId: org.id,
        at: t + 2 * DAY,
        mediatorIds: d.mediatorIds,
        recordedAt: null,
        attended: [],
      };
      d.sessions.push(session);
      step('schedule_session', { at: iso(session.at) });
      t = session.at + 2 * HOUR;
      if (t >= now) return d;
      session.recordedAt = t;
      session.attended = parties.filter(() => random() < 0.95);
      step('record_session', { sessionId: d.sessions.length });
      if (s === 0 && random() < 0.05) {
        d.extensions.push({ days: 15, reason: '当事人需补充证据', at: iso(t), by: null });
        d.dueAt = (d.dueAt as number) + 15 * DAY;
        step('extend', { days: 15 });
      }
    }
    const lastRound = round === 2;
    if (random() < (lastRound ? 0.99 : 0.93)) {
      if (!later(30)) return d;
      const performBy = new Date(t + (7 + Math.floor(random() * 50)) * DAY).toISOString().slice(0, 10);
      d.agreement = {
        draftedAt: t,
        performBy,
        confirmedAt: [],
        effectiveAt: null,
        performed: null,
        judicial: null,
      };
      step('draft_agreement', { performBy });
      for (const _ of parties) {
        if (!later(10)) return d;
        d.agreement.confirmedAt.push(t);
        step('confirm_agreement', { partyId: d.agreement.confirmedAt.length });
      }
      d.agreement.effectiveAt = t;
      d.status = 'agreed';
      d.outcome = 'agreement';
      d.concludedAt = t;
      const agreedAt = t;
      if (random() < 0.3) {
        if (!later(24 * 8)) return d;
        if (t - agreedAt <= JUDICIAL_DAYS * DAY) {
          d.agreement.judicial = {
            appliedAt: iso(t),
            court: x.court,
            answer: null,
            answeredAt: null,
            note: null,
          };
          step('judicial_apply', { court: x.court });
          if (!later(24 * 10)) return d;
          d.agreement.judicial.answer = random() < 0.97 ? 'granted' : 'refused';
          d.agreement.judicial.answeredAt = iso(t);
          step('judicial_answer', { answer: d.agreement.judicial.answer });
        }
      }
      if (!later(24 * 5)) return d;
      d.agreement.performed = { status: random() < 0.95 ? 'performed' : 'partly', note: null, at: iso(t) };
      step('perform', { status: d.agreement.performed.status });
      break;
    }
    if (!later(24)) return d;
    if (!lastRound && random() < 0.45) {
      const next = pickOther(org.id);
      if (next) {
        d.failedOrgs.push({
          orgId: org.id,
          mediatorIds: d.mediatorIds,
          acceptedAt: iso(d.acceptedAt as number),
          concludedAt: iso(t),
          dueAt: iso(d.dueAt as number),
        });
        step('fail', { to: 'mediation', orgId: next.id });
        Object.assign(d, {
          status: 'assigned',
          acceptedAt: null,
          dueAt: null,
          mediatorIds: [],
          extensions: [],
        });
        org = next;
        continue;
      }
    }
    const [to, where] = pickRefer(random());
    d.status = 'referred';
    d.outcome = 'failed';
    d.concludedAt = t;
    d.referral = { to, where, note: null };
    step('fail', { to, where });
    break;
  }
  if (d.status !== 'agreed' && d.status !== 'referred') return d;
  if (!later(48)) return d;
  d.status = 'closed';
  d.closedAt = t;
  d.followUpDueAt = t + FOLLOW_UP_DAYS * DAY;
  step('close');
  t = Math.max(t + DAY, d.followUpDueAt - exponential(random, 3) * DAY);
  if (t < now && random() < 0.9) {
    const satisfied = random() < 0.92;
    d.followUp = {
      at: iso(t),
      note: satisfied ? '回访：协议履行良好，双方满意' : '回访：仍有意见',
      satisfied,
    };
    step('follow_up', { satisfied });
  }
  return d;
}

function pickRefer(u: number): [string, string] {
  let left = u;
  for (const [to, where, share] of REFER_OUT) {
    left -= share;
    if (left < 0) return [to, where];
  }
  return ['litigation', '人民法院'];
}
