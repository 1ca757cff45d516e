/**
 * Which history rows residents and Open311 clients see, and with which words. A history row is
 * public when it changes the case's state or answers the reporter (acceptance, rejection, the
 * result, the conclusion, a reopening, the rating); internal work (notes, copies, summonses,
 * extensions, escalation reasons) stays inside. Never an actor's name or any personal data.
 */
export interface HistoryRow {
  id: number;
  action: string;
  from_status: string | null;
  to_status: string;
  payload: Record<string, unknown>;
  at: Date;
}

export interface PublicUpdate {
  id: number;
  action: string;
  status: string;
  at: Date;
  /** Words addressed to the resident, when the action carries them. */
  text: string | null;
}

/** The payload field whose words are a public reply, per action. */
export const PUBLIC_TEXT_FIELD: Readonly<Record<string, string>> = {
  report: 'description',
  accept: 'comment',
  reject: 'reason',
  withdraw: 'reason',
  handle_on_spot: 'result',
  resolve: 'result',
  verify_pass: 'comment',
  close: 'conclusion',
  reopen: 'reason',
  rate: 'comment',
};

/** Actions shown even though they leave the state as it was. */
const PUBLIC_WITHOUT_STATE_CHANGE = new Set(['rate', 'reopen', 'dispatch', 'escalate']);

export function isPublic(row: HistoryRow): boolean {
  return row.from_status !== row.to_status || PUBLIC_WITHOUT_STATE_CHANGE.has(row.action);
}

function publicText(row: HistoryRow): string | null {
  if (row.action === 'report' || row.from_status === null) return null; // the report's own words are shown apart
  const field = PUBLIC_TEXT_FIELD[row.action];
  const value = field ? row.payload[field] : undefined;
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** The public timeline of a case, oldest first. */
export function publicUpdates(rows: HistoryRow[]): PublicUpdate[] {
  return rows
    .filter(isPublic)
    .map((r) => ({ id: r.id, action: r.action, status: r.to_status, at: r.at, text: publicText(r) }));
}
