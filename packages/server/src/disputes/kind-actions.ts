import {
  CASE_STATES,
  type Capacity,
  type CaseState,
  type KindActionRule,
  kindAction,
} from '../cases/index.ts';
import type { AppContext } from '../context.ts';
import { MEDIATION_ROLE_POSTS } from './domain/access.ts';
import { ACTION_PAYLOADS } from './domain/action-payloads.ts';
import { MEDIATION_ACTIONS, MEDIATION_TABLE, type MediationAction } from './domain/mediation-machine.ts';
import { mediationStep } from './service-mediation.ts';

/**
 * The mediation steps as the dispute kind's actions on the case engine (CONTRIBUTING, "Case-kind
 * extension contract"): `dispute.assign`, `dispute.accept`, … `dispute.follow_up`, each with its
 * payload schema (domain/action-payloads.ts), taken through `POST /api/v1/cases/:id/actions` (or
 * `POST /api/v1/disputes/:id/actions`, which delegates here) and written in the case's one
 * transaction with its history row in case_action.
 *
 * Who may and when is the mediation's own table (domain/mediation-machine.ts: the mediation's
 * state, the centre or the mediation organisation's mediator), checked in `apply` on the locked
 * dispute: a mediator stands in no fixed relation to the case (its organisation is not the case's
 * unit), so the engine's table lets anyone who may see the case try, and `apply` answers 409 (not
 * in this state) or 403 (not for you). The dispute page's `allowedActions` (service-read.ts) lists
 * only what the actor may do now; the case page's list (`may`) leaves out the steps no post of the
 * actor could ever take (a grid worker sees no mediation steps). Closing the dispute closes its
 * case; every other step keeps the case's state.
 */
const ANYONE_WHO_SEES_THE_CASE: readonly Capacity[] = [
  'reporter',
  'grid_worker',
  'centre',
  'assignee',
  'coordinator',
  'summoned',
  'leader',
  'admin',
  'observer',
];

/** The case state each step leads to ('same' but for closing the dispute). */
const CASE_TARGET: Partial<Record<MediationAction, CaseState>> = { close: 'closed' };

/** What a step adds to the kind's figures (case_kind_figure: a sum over any subtree and period). */
const FIGURES: Partial<Record<MediationAction, Record<string, number>>> = {
  accept: { mediations: 1 },
  record_session: { sessions: 1 },
  fail: { failures: 1 },
  judicial_apply: { judicial_applications: 1 },
  close: { closed: 1 },
  follow_up: { follow_ups: 1 },
};

/** The post roles that may take a step at all (the mediation's state and place decide in `apply`). */
const stepRoles = (verb: MediationAction): string[] =>
  MEDIATION_TABLE[verb].by.flatMap((r) => [...MEDIATION_ROLE_POSTS[r]]);

export function mediationKindActions(ctx: AppContext): Record<string, KindActionRule> {
  return Object.fromEntries(
    MEDIATION_ACTIONS.map((verb) => {
      const figures = FIGURES[verb];
      return [
        `dispute.${verb}`,
        kindAction({
          payload: ACTION_PAYLOADS[verb],
          // the mediation's own state decides (apply); a dispute's case may be in any state
          from: CASE_STATES.filter((s) => s !== 'merged' && s !== 'withdrawn' && s !== 'rejected'),
          to: CASE_TARGET[verb] ?? 'same',
          by: ANYONE_WHO_SEES_THE_CASE,
          may: (actor) => actor.kind === 'staff' && actor.posts.some((p) => stepRoles(verb).includes(p.role)),
          apply: (i) => mediationStep(ctx, i as Parameters<typeof mediationStep>[1], verb),
          ...(figures ? { figures: () => figures } : {}),
        }),
      ];
    }),
  );
}
