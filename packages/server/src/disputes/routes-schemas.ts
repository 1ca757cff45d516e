import { type TSchema, Type } from 'typebox';
import { ACTION_PAYLOADS } from './domain/action-payloads.ts';
import { ORG_TYPES, RISK_LEVELS, TYPE_CODES, VIOLENCE_SIGNALS } from './domain/dispute-facts.ts';
import { MEDIATION_ACTIONS, MEDIATION_STATES } from './domain/mediation-machine.ts';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
const Code = Type.String({ pattern: '^\\d{12}(\\d{3,4})?$', description: 'a region code' });
const N = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Lits = (xs: readonly string[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const When = Type.String({ format: 'date-time' });
export const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const closed = <T extends Record<string, TSchema>>(p: T) => Type.Object(p, { additionalProperties: false });

export const IdParams = closed({ id: Type.Integer({ minimum: 1 }) });
export const PartyParams = closed({
  id: Type.Integer({ minimum: 1 }),
  partyId: Type.Integer({ minimum: 1 }),
});
export const TokenParams = closed({ token: Type.String({ minLength: 1, maxLength: 100 }) });

export const PartyInput = closed({
  side: Lits(['applicant', 'respondent', 'other']),
  kind: Lits(['person', 'organisation']),
  name: Text(100),
  phone: Type.Optional(N(Type.String({ pattern: '^\\+?[0-9 -]{5,20}$' }))),
  idNumber: Type.Optional(N(Type.String({ pattern: '^[0-9]{17}[0-9Xx]$' }))),
  address: Type.Optional(N(Text(200))),
});
export const NewDisputeSchema = closed({
  type: Type.String({ minLength: 1, maxLength: 40, description: `one of: ${TYPE_CODES.join(', ')}` }),
  gridCode: Code,
  title: Type.Optional(Text(100)),
  matter: Text(5000),
  amount: Type.Optional(N(Type.Number({ minimum: 0, maximum: 1e11 }))),
  peopleInvolved: Type.Integer({ minimum: 2, maximum: 100_000 }),
  riskLevel: Lits(RISK_LEVELS),
  violenceSignals: Type.Optional(Type.Array(Lits(VIOLENCE_SIGNALS), { maxItems: 4, uniqueItems: true })),
  parties: Type.Array(PartyInput, { minItems: 1, maxItems: 50 }),
});
export const CreatedSchema = Type.Object({
  caseId: Type.Integer(),
  number: Type.String(),
  priority: Type.String(),
});

export const SummarySchema = Type.Object({
  caseId: Type.Integer(),
  number: Type.String(),
  type: Type.String(),
  matter: Type.String(),
  status: Lits(MEDIATION_STATES),
  priority: Type.String(),
  riskLevel: Type.String(),
  isGroup: Type.Boolean(),
  peopleInvolved: Type.Integer(),
  amount: N(Type.Number()),
  violenceSignals: Type.Array(Type.String()),
  gridCode: Type.String(),
  streetCode: Type.String(),
  orgId: N(Type.Integer()),
  screenedAt: When,
  dueAt: N(When),
  daysLeft: N(Type.Integer()),
  followUpDueAt: N(When),
});
export const ListSchema = Type.Object({
  items: Type.Array(SummarySchema),
  /** Counted up to 10,000; beyond it `totalCapped` is true ("more than 10,000"). */
  total: Type.Integer(),
  totalCapped: Type.Boolean(),
});
export const ListQuery = closed({
  status: Type.Optional(Lits(MEDIATION_STATES)),
  type: Type.Optional(Lits(TYPE_CODES)),
  region: Type.Optional(Code),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
});

const Any = Type.Unknown();
export const DetailSchema = Type.Intersect([
  SummarySchema,
  Type.Object({
    acceptedAt: N(When),
    concludedAt: N(When),
    closedAt: N(When),
    outcome: N(Type.String()),
    referral: N(Type.Object({ to: Type.String(), where: Type.String(), note: N(Type.String()) })),
    extensions: Type.Array(Any),
    declined: Type.Array(Any),
    failedOrgs: Type.Array(Any),
    followUp: N(Type.Object({ at: Type.String(), note: Type.String(), satisfied: Type.Boolean() })),
    org: N(Type.Object({ id: Type.Integer(), name: Type.String(), type: Type.String() })),
    mediators: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
    parties: Type.Array(
      Type.Object({
        id: Type.Integer(),
        side: Type.String(),
        kind: Type.String(),
        personId: N(Type.Integer()),
        name: N(Type.String()),
        phone: N(Type.String()),
        idNumber: N(Type.String()),
        address: N(Type.String()),
        masked: Type.Literal(true),
        hasPortalLink: Type.Boolean(),
      }),
    ),
    sessions: Type.Array(
      Type.Object({
        id: Type.Integer(),
        seq: Type.Integer(),
        orgId: Type.Integer(),
        at: When,
        place: N(Type.String()),
        onlineLink: N(Type.String()),
        mediatorIds: Type.Array(Type.Integer()),
        attended: Type.Array(Type.Integer()),
        record: N(Type.String()),
        recordedAt: N(When),
        confirmations: Type.Record(Type.String(), Type.String()),
      }),
    ),
    agreement: N(
      Type.Object({
        facts: Type.String(),
        terms: Type.String(),
        performance: Type.String(),
        performBy: Type.String(),
        draftedAt: When,
        confirmations: Type.Record(Type.String(), Type.String()),
        effectiveAt: N(When),
        performed: N(Type.Object({ status: Type.String(), note: N(Type.String()), at: Type.String() })),
        judicial: N(Any),
        judicialDeadline: N(When),
        judicialDaysLeft: N(Type.Integer()),
        judicialReminder: Type.Boolean(),
      }),
    ),
    evidence: Type.Array(
      Type.Object({
        id: Type.Integer(),
        partyId: Type.Integer(),
        filename: Type.String(),
        contentType: Type.String(),
        note: N(Type.String()),
        size: Type.Integer(),
        uploadedAt: When,
      }),
    ),
    allowedActions: Type.Array(Lits(MEDIATION_ACTIONS)),
  }),
]);

export const ActionBody = closed({
  action: Lits(MEDIATION_ACTIONS),
  clientId: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'the client’s id for this action: a retry with the same id is applied once',
    }),
  ),
  payload: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), {
      description: `the action’s payload, checked against its action’s schema: ${Object.keys(ACTION_PAYLOADS).join(', ')}`,
    }),
  ),
});
export const ActionResult = Type.Object({
  caseId: Type.Integer(),
  status: Lits(MEDIATION_STATES),
  version: Type.Integer(),
});
export const LinkSchema = Type.Object({ partyId: Type.Integer(), token: Type.String(), path: Type.String() });

export const OrgInput = closed({
  name: Text(100),
  type: Lits(ORG_TYPES),
  regionCode: Code,
  kinds: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20, uniqueItems: true }),
  unitId: Type.Optional(N(Type.Integer({ minimum: 1 }))),
  phone: Type.Optional(N(Type.String({ pattern: '^\\+?[0-9 -]{5,20}$' }))),
});
export const OrgSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  type: Type.String(),
  regionCode: Type.String(),
  kinds: Type.Array(Type.String()),
  unitId: N(Type.Integer()),
  phone: N(Type.String()),
  retired: Type.Boolean(),
});
export const OrgsQuery = closed({ kind: Type.Optional(Lits(TYPE_CODES)), region: Type.Optional(Code) });
export const MediatorInput = closed({
  orgId: Type.Integer({ minimum: 1 }),
  name: Text(50),
  specialties: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20, uniqueItems: true }),
  userId: Type.Optional(N(Type.Integer({ minimum: 1 }))),
  phone: Type.Optional(N(Type.String({ pattern: '^\\+?[0-9 -]{5,20}$' }))),
});
export const MediatorsSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      orgId: Type.Integer(),
      name: Type.String(),
      specialties: Type.Array(Type.String()),
      userId: N(Type.Integer()),
      caseload: Type.Integer(),
      conflicts: Type.Array(
        Type.Object({ note: Type.String(), orgName: N(Type.String()), declaredAt: When }),
      ),
    }),
  ),
});
export const ConflictInput = closed({
  phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 -]{5,20}$' })),
  orgName: Type.Optional(Text(100)),
  note: Text(500),
});
export const IdSchema = Type.Object({ id: Type.Integer() });
export const SuggestionsSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      orgId: Type.Integer(),
      name: Type.String(),
      specialties: Type.Array(Type.String()),
      caseload: Type.Integer(),
      conflicted: Type.Boolean(),
      orgName: Type.String(),
      orgType: Type.String(),
      specialist: Type.Boolean(),
      assignable: Type.Boolean(),
    }),
  ),
});
