import type { DisputeDetail, MediationAction, Suggestions } from './dispute-types.ts';

/** One field of a mediation action's form (the payload schemas of server disputes/domain/action-payloads.ts). */
export interface ActionField {
  name: string;
  kind: 'text' | 'textarea' | 'number' | 'datetime' | 'date' | 'select' | 'multi' | 'bool';
  required?: boolean;
  /** Options as value → label; `labelled` values are translated with `dispute.v.<value>`. */
  options?: { value: string | number; label: string }[];
  labelled?: boolean;
}

const REFERRALS = [
  'mediation',
  'arbitration',
  'litigation',
  'administrative_ruling',
  'administrative_reconsideration',
  'letters_and_visits',
];
const PERFORMANCE = ['in_progress', 'performed', 'partly_performed', 'not_performed'];
const word = (values: string[]) => values.map((v) => ({ value: v, label: v }));

/** The form of each action, its options taken from the dispute and the suggested mediators. */
export function actionFields(
  action: MediationAction,
  d: DisputeDetail,
  suggested: Suggestions['items'],
  partyName: (id: number) => string,
): ActionField[] {
  const parties = d.parties.map((p) => ({ value: p.id, label: partyName(p.id) }));
  const sessions = d.sessions.map((s) => ({
    value: s.id,
    label: `#${s.seq} ${new Date(s.at).toLocaleString()}`,
  }));
  const open = d.sessions
    .filter((s) => !s.recordedAt)
    .map((s) => ({ value: s.id, label: `#${s.seq} ${new Date(s.at).toLocaleString()}` }));
  const orgs = [...new Map(suggested.map((m) => [m.orgId, { value: m.orgId, label: m.orgName }])).values()];
  const mediators = suggested
    .filter((m) => m.assignable)
    .map((m) => ({ value: m.id, label: `${m.name}（${m.orgName}）` }));
  switch (action) {
    case 'assign':
      return [
        { name: 'orgId', kind: 'select', required: true, options: orgs },
        { name: 'mediatorIds', kind: 'multi', required: true, options: mediators },
      ];
    case 'accept':
      return [{ name: 'note', kind: 'textarea' }];
    case 'decline':
      return [{ name: 'reason', kind: 'textarea', required: true }];
    case 'schedule_session':
      return [
        { name: 'at', kind: 'datetime', required: true },
        { name: 'place', kind: 'text' },
        { name: 'onlineLink', kind: 'text' },
      ];
    case 'record_session':
      return [
        { name: 'sessionId', kind: 'select', required: true, options: open },
        { name: 'attended', kind: 'multi', options: parties },
        { name: 'record', kind: 'textarea', required: true },
      ];
    case 'confirm_record':
      return [
        { name: 'sessionId', kind: 'select', required: true, options: sessions },
        { name: 'partyId', kind: 'select', required: true, options: parties },
      ];
    case 'extend':
      return [
        { name: 'days', kind: 'number', required: true },
        { name: 'reason', kind: 'textarea', required: true },
      ];
    case 'draft_agreement':
      return [
        { name: 'facts', kind: 'textarea', required: true },
        { name: 'terms', kind: 'textarea', required: true },
        { name: 'performance', kind: 'textarea', required: true },
        { name: 'performBy', kind: 'date', required: true },
      ];
    case 'confirm_agreement':
      return [{ name: 'partyId', kind: 'select', required: true, options: parties }];
    case 'fail':
      return [
        { name: 'to', kind: 'select', required: true, options: word(REFERRALS), labelled: true },
        { name: 'where', kind: 'text', required: true },
        { name: 'orgId', kind: 'select', options: orgs },
        { name: 'note', kind: 'textarea' },
      ];
    case 'perform':
      return [
        { name: 'status', kind: 'select', required: true, options: word(PERFORMANCE), labelled: true },
        { name: 'note', kind: 'textarea' },
      ];
    case 'judicial_apply':
      return [{ name: 'court', kind: 'text', required: true }];
    case 'judicial_answer':
      return [
        {
          name: 'answer',
          kind: 'select',
          required: true,
          options: word(['granted', 'refused']),
          labelled: true,
        },
        { name: 'note', kind: 'textarea' },
      ];
    case 'close':
      return [{ name: 'note', kind: 'textarea' }];
    case 'follow_up':
      return [
        { name: 'note', kind: 'textarea', required: true },
        { name: 'satisfied', kind: 'bool' },
      ];
  }
}

/** The form's values as the action's payload: empty fields left out, times and days as the API writes them. */
export function payloadOf(fields: ActionField[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name] as { toISOString?: () => string; format?: (s: string) => string } | unknown;
    if (f.kind === 'bool') out[f.name] = v === true;
    else if (
      v === undefined ||
      v === null ||
      v === '' ||
      (Array.isArray(v) && v.length === 0 && !f.required)
    ) {
      if (f.name === 'attended') out[f.name] = [];
    } else if (f.kind === 'datetime') out[f.name] = (v as { toISOString(): string }).toISOString();
    else if (typeof v === 'string') out[f.name] = v.trim();
    else out[f.name] = v;
  }
  return out;
}
