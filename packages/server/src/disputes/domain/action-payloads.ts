import { type Static, type TSchema, Type } from 'typebox';
import Value from 'typebox/value';
import { REFERRALS } from './dispute-facts.ts';
import type { MediationAction } from './mediation-machine.ts';

/** Each mediation action's payload, one schema per action (they also document the API). */
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
const Id = Type.Integer({ minimum: 1 });
const closed = <T extends Record<string, TSchema>>(p: T) => Type.Object(p, { additionalProperties: false });
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Instant = Type.String({ format: 'date-time' });

export const ACTION_PAYLOADS = {
  assign: closed({ orgId: Id, mediatorIds: Type.Array(Id, { minItems: 1, maxItems: 5, uniqueItems: true }) }),
  accept: closed({
    mediatorIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 5, uniqueItems: true })),
    note: Type.Optional(Text(500)),
  }),
  decline: closed({ reason: Text(500) }),
  schedule_session: closed({
    at: Instant,
    place: Type.Optional(Text(200)),
    onlineLink: Type.Optional(Type.String({ pattern: '^https://', maxLength: 500 })),
    mediatorIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 5, uniqueItems: true })),
  }),
  record_session: closed({
    sessionId: Id,
    attended: Type.Array(Id, { maxItems: 50, uniqueItems: true }),
    record: Text(20_000),
  }),
  confirm_record: closed({ sessionId: Id, partyId: Id }),
  extend: closed({ days: Type.Integer({ minimum: 1, maximum: 30 }), reason: Text(500) }),
  draft_agreement: closed({
    facts: Text(10_000),
    terms: Text(10_000),
    performance: Text(2_000),
    performBy: Day,
  }),
  confirm_agreement: closed({ partyId: Id }),
  fail: closed({
    to: Type.Union(REFERRALS.map((r) => Type.Literal(r))),
    where: Text(200),
    orgId: Type.Optional(Id),
    note: Type.Optional(Text(2_000)),
  }),
  perform: closed({
    status: Type.Union(
      ['in_progress', 'performed', 'partly_performed', 'not_performed'].map((s) => Type.Literal(s)),
    ),
    note: Type.Optional(Text(2_000)),
  }),
  judicial_apply: closed({ court: Text(200) }),
  judicial_answer: closed({
    answer: Type.Union([Type.Literal('granted'), Type.Literal('refused')]),
    note: Type.Optional(Text(2_000)),
  }),
  close: closed({ note: Type.Optional(Text(2_000)) }),
  follow_up: closed({ note: Text(2_000), satisfied: Type.Boolean() }),
} satisfies Record<MediationAction, TSchema>;

export type Payload<A extends MediationAction> = Static<(typeof ACTION_PAYLOADS)[A]>;

/** Check an action's payload; problems name the field as `body.payload.<path>`. */
export function payloadProblems(
  action: MediationAction,
  payload: unknown,
): { field: string; message: string }[] {
  const schema = ACTION_PAYLOADS[action];
  if (Value.Check(schema, payload)) return [];
  const problems: { field: string; message: string }[] = [];
  for (const e of Value.Errors(schema, payload)) {
    if (e.keyword === 'boolean' || e.keyword === 'anyOf') continue;
    const path = e.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const params = e.params as { requiredProperties?: string[]; additionalProperties?: string[] };
    const names = params.requiredProperties ?? params.additionalProperties;
    const tails = names?.length ? names.map((n) => [path, n].filter(Boolean).join('.')) : [path];
    for (const tail of tails)
      problems.push({
        field: tail ? `body.payload.${tail}` : 'body.payload',
        message: params.additionalProperties ? 'is not expected' : e.message,
      });
  }
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.field) && seen.add(p.field));
}
