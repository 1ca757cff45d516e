import {
  EXTENSION_DAYS,
  INSPECTION_INTERVAL_DAYS,
  RECTIFY_DAYS,
  RECURRENCE_WINDOW_DAYS,
  type RiskTier,
  raisedTier,
  type Severity,
} from '../../inspections/index.ts';
import { exponential, type Random } from './random.ts';

/**
 * A place's visits over the years and what each found, and a hazard's life from its finding to
 * its close — as the inspections module's services would leave them (service-inspections.ts,
 * hazard-kind.ts, service-hazards.ts). Pure: times in ms, stopping at `now`.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface TimelineItem {
  code: string;
  severity: Severity;
}

export interface WalkedVisit {
  at: number;
  /** Indexes of the failed items, and whether each failure is a recurrence (回潮). */
  failed: { item: number; recurrence: boolean }[];
}

export interface PlaceTimeline {
  visits: WalkedVisit[];
  tier: RiskTier;
  recurrences: number;
  lastAt: number | null;
  nextDueAt: number;
}

/**
 * Visits follow the tier's interval (high monthly, medium quarterly, low yearly) times `scale`
 * (so a run makes about the visits asked for), with some slack; an item fails with `failRate`
 * (a place that failed before fails more); the same item failing within the recurrence window
 * raises the tier, which shortens the interval from then on.
 */
export function placeTimeline(
  random: Random,
  x: {
    registeredAt: number;
    tier: RiskTier;
    now: number;
    scale: number;
    items: TimelineItem[];
    failRate: number;
  },
): PlaceTimeline {
  const lastFound = new Map<number, number>();
  const visits: WalkedVisit[] = [];
  let tier = x.tier;
  let recurrences = 0;
  let careless = random() < 0.2 ? 3 : 1;
  const gap = () => INSPECTION_INTERVAL_DAYS[tier] * x.scale * (0.7 + 0.6 * random()) * DAY;
  let t = x.registeredAt + random() * gap();
  while (t < x.now) {
    const failed: WalkedVisit['failed'] = [];
    x.items.forEach((_item, i) => {
      if (random() >= x.failRate * careless) return;
      const before = lastFound.get(i);
      const recurrence = before !== undefined && t - before <= RECURRENCE_WINDOW_DAYS * DAY;
      lastFound.set(i, t);
      failed.push({ item: i, recurrence });
    });
    visits.push({ at: t, failed });
    const returned = failed.filter((f) => f.recurrence).length;
    if (returned > 0) {
      recurrences += returned;
      tier = raisedTier(tier);
    }
    careless = failed.length > 0 ? Math.min(4, careless + 0.5) : Math.max(1, careless - 0.25);
    t += gap();
  }
  const lastAt = visits.length ? (visits[visits.length - 1] as WalkedVisit).at : null;
  return {
    visits,
    tier,
    recurrences,
    lastAt,
    nextDueAt: (lastAt ?? x.registeredAt) + INSPECTION_INTERVAL_DAYS[tier] * DAY,
  };
}

export interface HazardStep {
  /** The case action (engine's or the hazard kind's) and the case states around it. */
  action: string;
  from: string;
  to: string;
  at: number;
  figures?: Record<string, number>;
  /** The hazard_event it leaves (null: none). */
  event: string | null;
  payload?: Record<string, unknown>;
}

export interface WalkedHazard {
  status: 'open' | 'rectified' | 'closed' | 'escalated';
  caseStatus: string;
  deadlineAt: number;
  redCardAt: number | null;
  rectifiedAt: number | null;
  closedAt: number | null;
  acceptedAt: number | null;
  extensions: number;
  steps: HazardStep[];
}

/**
 * Accepted by the centre, rectified (mostly before the deadline), re-checked by an inspector:
 * pass closes it; a failed re-check extends the deadline once, a second failure (or no fix long
 * after the deadline) refers it to enforcement. An open hazard past its deadline gets a red card.
 */
export function walkHazard(
  random: Random,
  x: { foundAt: number; severity: Severity; now: number },
): WalkedHazard {
  const h: WalkedHazard = {
    status: 'open',
    caseStatus: 'reported',
    deadlineAt: x.foundAt + RECTIFY_DAYS[x.severity] * DAY,
    redCardAt: null,
    rectifiedAt: null,
    closedAt: null,
    acceptedAt: null,
    extensions: 0,
    steps: [],
  };
  let t = x.foundAt + Math.max(5 * 60_000, exponential(random, 2) * HOUR);
  const card = () => {
    if (h.status === 'open' && h.deadlineAt < x.now) h.redCardAt = h.deadlineAt + HOUR;
  };
  if (t >= x.now) return h;
  h.steps.push({ action: 'accept', from: 'reported', to: 'accepted', at: t, event: null });
  h.caseStatus = 'accepted';
  h.acceptedAt = t;
  const neglected = random() < 0.03;
  for (let round = 0; round < 2; round++) {
    const limit = h.deadlineAt - t;
    const fixIn = neglected
      ? limit + 10 * DAY
      : random() < 0.88
        ? random() * limit
        : limit + exponential(random, 3 * DAY);
    t += Math.max(HOUR, fixIn);
    if (t >= x.now || neglected) {
      card();
      if (!neglected || t >= x.now) return h;
      h.steps.push({
        action: 'hazard.refer_enforcement',
        from: h.caseStatus,
        to: 'closed',
        at: t,
        figures: { escalated: 1 },
        event: 'escalate',
      });
      return Object.assign(h, { status: 'escalated', caseStatus: 'closed', closedAt: t });
    }
    if (t > h.deadlineAt) h.redCardAt = h.deadlineAt + HOUR;
    h.steps.push({
      action: 'hazard.rectify',
      from: h.caseStatus,
      to: 'resolved',
      at: t,
      figures: { rectified: 1 },
      event: 'rectify',
    });
    Object.assign(h, { status: 'rectified', caseStatus: 'resolved', rectifiedAt: t });
    t += Math.max(HOUR, exponential(random, 2 * DAY));
    if (t >= x.now) return h;
    if (random() < (round === 0 ? 0.9 : 0.8)) {
      h.steps.push({
        action: 'hazard.recheck_pass',
        from: 'resolved',
        to: 'closed',
        at: t,
        figures: { fixed: 1 },
        event: 'recheck_pass',
      });
      return Object.assign(h, { status: 'closed', caseStatus: 'closed', closedAt: t });
    }
    if (round === 1) {
      h.steps.push({
        action: 'hazard.refer_enforcement',
        from: 'resolved',
        to: 'closed',
        at: t,
        figures: { escalated: 1 },
        event: 'escalate',
      });
      return Object.assign(h, { status: 'escalated', caseStatus: 'closed', closedAt: t });
    }
    h.deadlineAt = t + EXTENSION_DAYS[x.severity] * DAY;
    h.extensions = 1;
    h.redCardAt = null;
    h.steps.push({
      action: 'hazard.recheck_fail',
      from: 'resolved',
      to: 'handling',
      at: t,
      figures: { recheck_failed: 1 },
      event: 'extend',
      payload: { deadlineAt: new Date(h.deadlineAt).toISOString() },
    });
    Object.assign(h, { status: 'open', caseStatus: 'handling' });
  }
  return h;
}
