/**
 * The in-process bus of case events. Published after the transaction that made the change has
 * committed; subscribers (the SSE stream, notifications, dashboards) never see a rolled-back change.
 */
export interface CaseEvent {
  /** Increasing per process; the SSE stream uses it as the event id. */
  seq: number;
  type: 'case.created' | 'case.action';
  caseId: number;
  number: string;
  action: string;
  actionId: number | null;
  fromStatus: string | null;
  toStatus: string;
  kind: string;
  categoryCode: string;
  districtCode: string;
  regionPath: string | null;
  /** Units concerned now: current, coordinating, summoned, copied (for scope filtering). */
  unitIds: number[];
  reporterUserId: number | null;
  actorUserId: number | null;
  payload: Record<string, unknown>;
  at: string;
  /** The case's fields as the change left them, for the follow-up (notifications): not streamed. */
  written?: CaseAsWritten;
}

/** What the notifications' follow-up needs of the case, as the change wrote it (no read again). */
export interface CaseAsWritten {
  title: string;
  currentUnitId: number | null;
  centreUnitId: number | null;
  handlerUnitId: number | null;
  reporterUserId: number | null;
}

export type CaseEventListener = (event: CaseEvent) => void;

export class CaseEventBus {
  private readonly listeners = new Set<CaseEventListener>();
  private seq = 0;

  /** Listen to every case event; returns the function that stops listening. */
  subscribe(listener: CaseEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: Omit<CaseEvent, 'seq'>): CaseEvent {
    const full = { ...event, seq: ++this.seq };
    for (const listener of this.listeners) {
      try {
        listener(full);
      } catch {
        // a failing subscriber must not break the request that changed the case
      }
    }
    return full;
  }

  get size(): number {
    return this.listeners.size;
  }
}
