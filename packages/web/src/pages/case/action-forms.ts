/**
 * The form each workflow action needs, matching the server's payload schemas
 * (packages/server/src/cases/domain/action-payloads.ts). Pure data, no I/O.
 */
export type FieldKind = 'text' | 'unit' | 'units' | 'hours' | 'score' | 'rating' | 'caseId' | 'summonsUnit';

export interface ActionField {
  name: string;
  kind: FieldKind;
  required: boolean;
  /** i18n key of the label */
  label: string;
}

const comment: ActionField = { name: 'comment', kind: 'text', required: false, label: 'form.comment' };
const reason: ActionField = { name: 'reason', kind: 'text', required: true, label: 'form.reason' };
const result: ActionField = { name: 'result', kind: 'text', required: true, label: 'form.result' };

export const ACTION_FORMS: Record<string, ActionField[]> = {
  accept: [comment],
  reject: [reason],
  withdraw: [{ ...reason, required: false }],
  handle_on_spot: [result],
  dispatch: [{ name: 'unitId', kind: 'unit', required: true, label: 'form.unit' }, comment],
  recall: [reason],
  start: [comment],
  return: [reason],
  escalate: [reason],
  summon: [
    { name: 'unitIds', kind: 'units', required: true, label: 'form.units' },
    { name: 'reportInHours', kind: 'hours', required: true, label: 'form.reportInHours' },
    comment,
  ],
  summons_report_in: [comment],
  summons_done: [result],
  rate_summons: [
    { name: 'unitId', kind: 'summonsUnit', required: true, label: 'form.unit' },
    { name: 'score', kind: 'score', required: true, label: 'form.score' },
    comment,
  ],
  resolve: [result],
  verify_pass: [comment],
  verify_fail: [reason],
  close: [{ name: 'conclusion', kind: 'text', required: true, label: 'form.conclusion' }],
  rate: [{ name: 'rating', kind: 'rating', required: true, label: 'form.rating' }, comment],
  reopen: [reason],
  copy_notify: [
    { name: 'unitIds', kind: 'units', required: true, label: 'form.units' },
    { name: 'note', kind: 'text', required: false, label: 'form.note' },
  ],
  note: [{ name: 'text', kind: 'text', required: true, label: 'form.text' }],
  suspend: [reason],
  resume: [comment],
  request_extension: [{ name: 'hours', kind: 'hours', required: true, label: 'form.hours' }, reason],
  approve_extension: [comment],
  deny_extension: [reason],
  merge: [{ name: 'intoCaseId', kind: 'caseId', required: true, label: 'form.intoCase' }, comment],
};

/** Actions offered as buttons on the case page (attach is the attachments panel's upload). */
export function offeredActions(allowed: readonly string[]): string[] {
  return allowed.filter((a) => a !== 'attach');
}

/** The payload the server expects: empty optional texts left out, numbers as numbers. */
export function buildPayload(action: string, values: Record<string, unknown>): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const field of ACTION_FORMS[action] ?? []) {
    const v = values[field.name];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v === 'string') {
      const trimmed = v.trim();
      if (trimmed) payload[field.name] = trimmed;
    } else if (Array.isArray(v)) {
      if (v.length)
        payload[field.name] = v.map((x) => (typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : x));
    } else payload[field.name] = v;
  }
  return payload;
}

/** Actions that move the case forward, shown first and as primary buttons. */
export const PRIMARY_ACTIONS = new Set([
  'accept',
  'dispatch',
  'start',
  'summon',
  'summons_report_in',
  'summons_done',
  'resolve',
  'verify_pass',
  'close',
  'escalate',
  'handle_on_spot',
]);
