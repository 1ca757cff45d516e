// What the workflow reducer (workflow-reducer.ts) takes and gives, below the files that use it.
import type { Selectable, Updateable } from 'kysely';
import type { CasesTable } from '../tables.ts';
import type { CaseState } from './state-machine.ts';
import type { Clock } from './step-columns.ts';

export type CaseRow = Selectable<CasesTable>;
export type CaseChanges = Updateable<CasesTable>;

/** A unit an action names or moves the case to, resolved before the reducer runs. */
export interface UnitFact {
  id: number;
  name: string;
  kind: string;
  level: string;
  regionPath: string;
}

/** One summons of the case (open or done), as read with the case. */
export interface SummonsFact {
  id: number;
  unitId: number;
  summonedAt: Date | string;
  reportedInAt: Date | string | null;
  doneAt: Date | string | null;
  ratedAt: Date | string | null;
}

/** A file an upload stored, recorded on the case by the attach action. */
export interface UploadFact {
  sha256: string;
  mediaType: string;
  sizeBytes: number;
  fileName: string | null;
}

/** Everything an action depends on besides the case row, gathered before the transaction. */
export interface ActionFacts {
  now: Date;
  clock: Clock;
  actor: { userId: number | null; unitIds: readonly number[] };
  /** The unit the actor acts for on this action (history's actor_unit_id). */
  actorUnitId: number | null;
  /** Every summons of the case. */
  summonses: readonly SummonsFact[];
  /** The sha256 of every file attached to the case. */
  attachments: readonly string[];
  targetUnit?: UnitFact | undefined;
  targetUnits?: readonly UnitFact[] | undefined;
  targetCase?: { id: number; number: string } | undefined;
  uploads?: readonly UploadFact[] | undefined;
}

/** The action asked for, already allowed by the state table (`to` is its next state). */
export interface Command {
  action: string;
  payload: Record<string, unknown>;
  to: CaseState;
}

/** Rows besides the case and its history row that an action writes (the writer executes them). */
export type CaseWrite =
  | {
      kind: 'summons.insert';
      rows: { unitId: number; summonedByUnitId: number; summonedAt: Date; reportInDueAt: Date }[];
    }
  | { kind: 'summons.report'; ids: number[]; at: Date; done: string | null }
  | { kind: 'summons.rate'; id: number; rating: number; comment: string | null; at: Date }
  | { kind: 'copy.insert'; unitIds: number[]; byUnitId: number | null; note: string }
  | { kind: 'attachment.insert'; files: readonly UploadFact[]; byUserId: number | null }
  | { kind: 'merge.record'; into: { id: number; number: string }; byUserId: number | null };

/** What one action's own rule decides (before the projection's columns are added). */
export interface Decided {
  set: CaseChanges;
  /** Extra facts for the history row's payload (target unit names, …). */
  detail?: Record<string, unknown>;
  /** Units concerned (for the event's scope), beyond current and coordinating. */
  relatedUnitIds?: number[];
  writes?: CaseWrite[];
}

/** The next state of the case and everything to write for it. */
export interface Reduced {
  /** The case row's new columns (status, version and the projection's columns included). */
  set: CaseChanges;
  /** The history row to append. */
  history: {
    action: string;
    fromStatus: string;
    toStatus: CaseState;
    payload: Record<string, unknown>;
    at: Date;
  };
  writes: CaseWrite[];
  relatedUnitIds: number[];
}
