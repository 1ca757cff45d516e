/**
 * The mediation as one table: which action may run in which state, and the state it leads to
 * (null: stays). A dispute is screened, then assigned to a mediation organisation, which accepts
 * it (or declines with a reason, sending it back for another); sessions are held; it ends in an
 * agreement (effective once every party has confirmed) or a failure, passed to another
 * organisation or referred out of mediation (arbitration, litigation, …); agreed and referred
 * disputes are closed, and a follow-up visit is due after closing.
 */
export const MEDIATION_STATES = [
  'screened',
  'assigned',
  'mediating',
  'agreed',
  'referred',
  'closed',
] as const;
export type MediationState = (typeof MEDIATION_STATES)[number];

export const MEDIATION_ACTIONS = [
  'assign',
  'accept',
  'decline',
  'schedule_session',
  'record_session',
  'confirm_record',
  'extend',
  'draft_agreement',
  'confirm_agreement',
  'fail',
  'perform',
  'judicial_apply',
  'judicial_answer',
  'close',
  'follow_up',
] as const;
export type MediationAction = (typeof MEDIATION_ACTIONS)[number];

/** Who acts: the centre that found or holds the dispute, or the mediation organisation. */
export type MediationRole = 'centre' | 'mediator';

interface Rule {
  from: readonly MediationState[];
  to: MediationState | null;
  by: readonly MediationRole[];
}

const BOTH: readonly MediationRole[] = ['centre', 'mediator'];

export const MEDIATION_TABLE: Record<MediationAction, Rule> = {
  assign: { from: ['screened'], to: 'assigned', by: BOTH },
  accept: { from: ['assigned'], to: 'mediating', by: ['mediator'] },
  decline: { from: ['assigned'], to: 'screened', by: ['mediator'] },
  schedule_session: { from: ['mediating'], to: null, by: ['mediator'] },
  record_session: { from: ['mediating'], to: null, by: ['mediator'] },
  confirm_record: { from: ['mediating', 'agreed', 'referred', 'closed'], to: null, by: ['mediator'] },
  extend: { from: ['mediating'], to: null, by: ['mediator'] },
  draft_agreement: { from: ['mediating'], to: null, by: ['mediator'] },
  // a party's confirmation given in person; the last one makes the agreement effective ('agreed')
  confirm_agreement: { from: ['mediating'], to: null, by: ['mediator'] },
  // to 'assigned' (passed to another organisation) or 'referred' (out of mediation): see failTarget
  fail: { from: ['mediating'], to: 'referred', by: ['mediator'] },
  perform: { from: ['agreed', 'closed'], to: null, by: BOTH },
  judicial_apply: { from: ['agreed', 'closed'], to: null, by: BOTH },
  judicial_answer: { from: ['agreed', 'closed'], to: null, by: BOTH },
  close: { from: ['agreed', 'referred'], to: 'closed', by: BOTH },
  follow_up: { from: ['closed'], to: null, by: BOTH },
};

export type Decision = { ok: true; to: MediationState } | { ok: false; status: 403 | 409; reason: string };

/** May someone acting as `roles` do `action` on a mediation in `state`? 409 not now, 403 not you. */
export function decide(
  state: MediationState,
  action: MediationAction,
  roles: readonly MediationRole[],
): Decision {
  const rule = MEDIATION_TABLE[action];
  if (!rule.from.includes(state))
    return { ok: false, status: 409, reason: `${action} is not possible while the dispute is ${state}` };
  if (!rule.by.some((r) => roles.includes(r)))
    return { ok: false, status: 403, reason: `${action} is for the ${rule.by.join(' or ')}` };
  return { ok: true, to: rule.to ?? state };
}

/** A failure passed to another mediation organisation goes back to 'assigned'; otherwise it is referred out. */
export const failTarget = (referral: string): MediationState =>
  referral === 'mediation' ? 'assigned' : 'referred';

/** The actions possible now for these roles (what the console offers). */
export const allowedActions = (state: MediationState, roles: readonly MediationRole[]): MediationAction[] =>
  MEDIATION_ACTIONS.filter((a) => decide(state, a, roles).ok);
