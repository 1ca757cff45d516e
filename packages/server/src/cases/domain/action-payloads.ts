import { type Static, type TSchema, Type } from 'typebox';
import Value from 'typebox/value';
import type { CaseAction } from './state-machine.ts';

/** What each workflow action carries in `payload`. Validated before anything is read or written. */
const reason = Type.String({ minLength: 1, maxLength: 2000 });
const text = Type.String({ maxLength: 4000 });
const sha256 = Type.String({ pattern: '^[0-9a-f]{64}$' });
const unitId = Type.Integer({ minimum: 1 });
const obj = <T extends Record<string, TSchema>>(props: T) =>
  Type.Object(props, { additionalProperties: false });
const withComment = obj({ comment: Type.Optional(text) });

export const ACTION_PAYLOADS = {
  accept: withComment,
  reject: obj({ reason }),
  withdraw: obj({ reason: Type.Optional(text) }),
  handle_on_spot: obj({ result: reason, evidence: Type.Optional(Type.Array(sha256, { maxItems: 20 })) }),
  dispatch: obj({ unitId, comment: Type.Optional(text) }),
  recall: obj({ reason }),
  start: withComment,
  return: obj({ reason }),
  escalate: obj({ reason, unitId: Type.Optional(unitId) }),
  summon: obj({
    unitIds: Type.Array(unitId, { minItems: 1, maxItems: 20, uniqueItems: true }),
    reportInHours: Type.Number({ exclusiveMinimum: 0, maximum: 720 }),
    comment: Type.Optional(text),
  }),
  summons_report_in: withComment,
  summons_done: obj({ result: reason }),
  rate_summons: obj({
    unitId,
    score: Type.Integer({ minimum: 1, maximum: 5 }),
    comment: Type.Optional(text),
  }),
  resolve: obj({ result: reason, evidence: Type.Optional(Type.Array(sha256, { maxItems: 20 })) }),
  verify_pass: withComment,
  verify_fail: obj({ reason }),
  close: obj({ conclusion: reason }),
  rate: obj({
    rating: Type.Union([
      Type.Literal('satisfied'),
      Type.Literal('basically_satisfied'),
      Type.Literal('unsatisfied'),
    ]),
    comment: Type.Optional(text),
  }),
  reopen: obj({ reason }),
  copy_notify: obj({
    unitIds: Type.Array(unitId, { minItems: 1, maxItems: 20, uniqueItems: true }),
    note: Type.Optional(text),
  }),
  note: obj({ text: Type.String({ minLength: 1, maxLength: 4000 }) }),
  attach: obj({ sha256: Type.Array(sha256, { minItems: 1, maxItems: 20 }), comment: Type.Optional(text) }),
  suspend: obj({ reason }),
  resume: withComment,
  request_extension: obj({ hours: Type.Number({ exclusiveMinimum: 0, maximum: 2000 }), reason }),
  approve_extension: withComment,
  deny_extension: obj({ reason }),
  merge: obj({ intoCaseId: Type.Integer({ minimum: 1 }), comment: Type.Optional(text) }),
} satisfies Record<CaseAction, TSchema>;

export type ActionPayload<A extends CaseAction> = Static<(typeof ACTION_PAYLOADS)[A]>;

export interface PayloadProblem {
  field: string;
  message: string;
}

/** Check an action's payload; problems name the field as `body.payload.<path>`. */
export function payloadProblems(action: CaseAction, payload: unknown): PayloadProblem[] {
  return schemaProblems(ACTION_PAYLOADS[action], payload);
}

/** Check a payload against any action's schema (a registered kind's too), fields as above. */
export function schemaProblems(schema: TSchema, payload: unknown): PayloadProblem[] {
  if (Value.Check(schema, payload)) return [];
  const problems: PayloadProblem[] = [];
  for (const e of Value.Errors(schema, payload)) {
    if (e.keyword === 'boolean') continue; // repeated by the additionalProperties error
    const path = e.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const params = e.params as { requiredProperties?: string[]; additionalProperties?: string[] };
    const names = params.requiredProperties ?? params.additionalProperties;
    const tails = names?.length ? names.map((n) => [path, n].filter(Boolean).join('.')) : [path];
    for (const tail of tails) {
      const message = params.additionalProperties ? 'is not expected' : e.message;
      problems.push({ field: tail ? `body.payload.${tail}` : 'body.payload', message });
    }
  }
  return problems;
}
