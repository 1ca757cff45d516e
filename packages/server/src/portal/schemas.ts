import { type TSchema, Type } from 'typebox';

/** What the residents' portal answers (no staff names, no personal data but the reporter's own). */
const nullable = (t: TSchema) => Type.Union([t, Type.Null()]);

export const PortalCategories = Type.Array(
  Type.Object({
    code: Type.String(),
    name: Type.String(),
    group: nullable(Type.String()),
    attributes: Type.Array(
      Type.Object({
        code: Type.String(),
        label: Type.String(),
        type: Type.String({ description: 'text, number, date, single or multiple' }),
        required: Type.Boolean(),
        options: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
      }),
    ),
  }),
);

export const Nearby = Type.Object({
  items: Type.Array(
    Type.Object({
      number: Type.String(),
      status: Type.String(),
      address: nullable(Type.String()),
      reportedAt: Type.String({ format: 'date-time' }),
      distanceM: Type.Integer(),
      followers: Type.Integer(),
    }),
  ),
});

export const CaseView = Type.Object({
  number: Type.String(),
  category: Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
  status: Type.String(),
  open: Type.Boolean(),
  place: Type.Array(Type.String(), { description: 'district, street and community names' }),
  address: nullable(Type.String()),
  gridCode: nullable(Type.String({ description: 'the grid the place lies in (as Open311 address_id)' })),
  unit: nullable(Type.String({ description: 'the unit that handled the case, else the one holding it' })),
  photos: Type.Array(
    Type.Object({
      url: Type.String(),
      by: Type.Union([Type.Literal('resident'), Type.Literal('staff')]),
      at: Type.String({ format: 'date-time' }),
    }),
    { description: "the resident's photos and the staff's (the handler's after-photo), oldest first" },
  ),
  location: nullable(Type.Object({ lat: Type.Number(), lon: Type.Number() })),
  reportedAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  closedAt: nullable(Type.String({ format: 'date-time' })),
  followers: Type.Integer(),
  viewer: nullable(Type.String({ description: 'reporter or follower (by the tracking secret)' })),
  description: nullable(Type.String({ description: 'only to the reporter' })),
  rating: nullable(Type.String({ description: 'only to the reporter' })),
  canRate: Type.Boolean(),
  canReopen: Type.Boolean(),
  timeline: Type.Array(
    Type.Object({
      action: Type.String(),
      status: Type.String(),
      at: Type.String({ format: 'date-time' }),
      text: nullable(Type.String()),
    }),
  ),
});
