import { type Static, type TSchema, type TUnion, Type } from 'typebox';
import { ACTION_PAYLOADS } from './domain/action-payloads.ts';

/** The answers of the case routes (they are the OpenAPI document and serialise the replies). */
const N = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Str = Type.String();
const Int = Type.Integer();
const At = Type.String({ format: 'date-time' });
const Time = N(At);
const Any = Type.Unknown();
const Card = Type.Union([Type.Literal('none'), Type.Literal('yellow'), Type.Literal('red')]);
const UnitRef = Type.Object({ id: Int, name: Str, kind: Str });

const summaryFields = {
  id: Int,
  number: Str,
  kind: Str,
  categoryCode: Str,
  title: Str,
  status: Str,
  level: Str,
  priority: Str,
  card: Card,
  isKey: Type.Boolean(),
  gridCode: N(Str),
  districtCode: N(Str),
  /** The case's street, community and grid by name (null where the case has none). */
  streetName: N(Str),
  communityName: N(Str),
  gridName: N(Str),
  currentUnitId: N(Int),
  reportedAt: At,
  dueAt: Time,
  overdue: Type.Boolean(),
};

export const CaseSummarySchema = Type.Object(summaryFields);

export const CaseListSchema = Type.Object({
  items: Type.Array(CaseSummarySchema),
  total: Int,
  /** More cases match than the server counts (total is then a lower bound). */
  totalCapped: Type.Boolean(),
  nextCursor: N(Str),
});

export const InboxSchema = Type.Object({
  counts: Type.Record(Type.String(), Int),
  items: Type.Array(Type.Object({ ...summaryFields, steps: Type.Array(Str) })),
});

const MaskedPerson = Type.Object({
  id: Int,
  name: N(Str),
  phone: N(Str),
  idNumber: N(Str),
  address: N(Str),
  masked: Type.Boolean(),
});

export const CaseDetailSchema = Type.Object({
  ...summaryFields,
  category: N(Type.Object({ code: Str, nameZh: Str, nameEn: Str })),
  attributes: Type.Record(Type.String(), Type.Unknown()),
  description: N(Str),
  location: N(Type.Object({ lon: Type.Number(), lat: Type.Number() })),
  address: N(Str),
  region: Type.Object({
    cityCode: Str,
    districtCode: N(Str),
    streetCode: N(Str),
    communityCode: N(Str),
    gridCode: N(Str),
    path: N(Str),
  }),
  channel: Str,
  currentUnit: N(UnitRef),
  centreUnit: N(UnitRef),
  handlerUserId: N(Int),
  reporter: N(MaskedPerson),
  anonymous: Type.Boolean(),
  rating: N(Str),
  ratingComment: N(Str),
  /** Every rating the resident gave, over all the case's cycles (`rating` is the current cycle's). */
  ratingsGiven: Type.Object({ satisfied: Int, basicallySatisfied: Int, unsatisfied: Int }),
  acceptedAt: Time,
  resolvedAt: Time,
  closedAt: Time,
  mergedInto: N(Int),
  version: Int,
  deadlines: Type.Object({
    step: N(Str),
    startedAt: Time,
    warnAt: Time,
    dueAt: Time,
    suspendedAt: Time,
    pendingExtension: Any,
  }),
  allowedActions: Type.Array(Str),
  history: Type.Array(
    Type.Object({
      seq: Int,
      action: Str,
      fromStatus: N(Str),
      toStatus: Str,
      actorUserId: N(Int),
      /** Who acted, by name: for staff readers only (residents see the unit). */
      actorName: N(Str),
      actorUnitId: N(Int),
      actorUnitName: N(Str),
      actorRole: N(Str),
      payload: Type.Record(Type.String(), Type.Unknown()),
      at: At,
    }),
  ),
  summons: Type.Array(
    Type.Object({
      unitId: Int,
      unitName: N(Str),
      summonedAt: Time,
      reportInDueAt: Time,
      reportedInAt: Time,
      doneAt: Time,
      doneNote: N(Str),
      rating: N(Int),
      ratingComment: N(Str),
    }),
  ),
  links: Type.Array(
    Type.Object({
      caseId: Int,
      number: N(Str),
      status: N(Str),
      kind: Str,
      direction: Type.Union([Type.Literal('to'), Type.Literal('from')]),
      detail: Any,
    }),
  ),
  copies: Type.Array(Type.Object({ unitId: Int, unitName: N(Str), note: N(Str), at: At })),
  attachments: Type.Array(
    Type.Object({ sha256: Str, mediaType: Str, sizeBytes: Int, fileName: N(Str), at: At }),
  ),
  /** A registered kind's own data and deadlines (cases/kinds), absent for the core kinds. */
  kindData: Type.Optional(Any),
  kindDeadlines: Type.Optional(
    Type.Array(
      Type.Object({ name: Str, startedAt: Time, warnAt: Time, dueAt: Time, stoppedAt: Time, card: Card }),
    ),
  ),
});

/** Intake with `Prefer: return=minimal`: only the case's id and number. */
export const CaseCreatedSchema = Type.Union([CaseDetailSchema, Type.Object({ id: Int, number: Str })]);

const rating = N(Type.Number());
export const SummonsRatingsSchema = Type.Object({
  units: Type.Array(
    Type.Object({
      unitId: Int,
      unitName: N(Str),
      summoned: Int,
      done: Int,
      reportedInOnTime: Int,
      rated: Int,
      averageRating: rating,
    }),
  ),
  items: Type.Array(
    Type.Object({
      caseId: Int,
      number: Str,
      unitId: Int,
      unitName: N(Str),
      summonedAt: Time,
      reportInDueAt: Time,
      reportedInAt: Time,
      reportedInOnTime: Type.Boolean(),
      doneAt: Time,
      rating,
      ratingComment: N(Str),
      ratedAt: Time,
    }),
  ),
});

/**
 * The action body: a union keyed by `action` (an OpenAPI discriminator), one branch per action of
 * the payload table (domain/action-payloads.ts) and per registered kind's action, each with its
 * own payload schema. `payload` may be left out when the action needs nothing in it.
 */
export function actionBodySchema(kindPayloads: Record<string, TSchema>) {
  const table: Record<string, TSchema> = { ...ACTION_PAYLOADS, ...kindPayloads };
  const branches = Object.entries(table).map(([action, payload]) => {
    const needed = ((payload as { required?: string[] }).required ?? []).length > 0;
    return Type.Object(
      {
        action: Type.Literal(action),
        clientId: Type.String({
          minLength: 1,
          maxLength: 100,
          description: 'retrying the same clientId applies the action once',
        }),
        version: Type.Optional(
          Type.Integer({ minimum: 1, description: 'the version you saw (409 when stale)' }),
        ),
        payload: needed ? payload : Type.Optional(payload),
      },
      { additionalProperties: false, title: action },
    );
  });
  // oneOf with a discriminator: a body is checked against its action's branch only, so a problem
  // names that branch's field (body.payload.reason), and an unknown action names body.action
  return Type.Unsafe<Static<TUnion<typeof branches>>>({
    type: 'object',
    required: ['action'],
    discriminator: { propertyName: 'action' },
    oneOf: branches,
  });
}
