// What intake takes and answers, below the files that use it (intake-service, intake-write).
import type { CaseChannel, CaseKind, CasePriority } from '../tables.ts';

export interface ReporterData {
  name?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  address?: string | null;
}

/** A new case from any channel (API, portal, Open311, import). */
export interface IntakeInput {
  kind: CaseKind;
  category: string;
  attributes?: Record<string, unknown>;
  title?: string;
  description: string;
  location?: { lon: number; lat: number } | null;
  address?: string | null;
  gridCode?: string | null;
  reporter?: ReporterData | null;
  anonymous?: boolean;
  channel: CaseChannel;
  priority?: CasePriority;
  /** A grid worker resolved it at once (自行处置): the case is closed on intake. */
  handledOnSpot?: { result: string } | null;
  /**
   * The kind's own data for the new case (a dispute's parties, type, …): handed to the kind's
   * registered `intake` part inside the intake's transaction (cases/kinds/contract.ts).
   */
  kindData?: Record<string, unknown>;
}

export interface IntakeResult {
  caseId: number;
  number: string;
  /** False when an earlier request with the same Idempotency-Key made the case. */
  created: boolean;
}
