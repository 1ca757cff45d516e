import { type TSchema, Type } from 'typebox';

/** The inspections module's schema vocabulary (TypeBox), shared by its schema files. */
export const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
export const opt = Type.Optional;
export const obj = <T extends Record<string, TSchema>>(p: T) =>
  Type.Object(p, { additionalProperties: false });
export const nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const Id = Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 });
export const IdParams = obj({ id: Type.String({ pattern: '^[0-9]{1,15}$' }) });
export const RegionCode = Type.String({ pattern: '^[0-9]{6,18}$' });
export const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
export const Point = obj({
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
});
export const Phone = Type.String({ pattern: '^[0-9+\\- ]{5,20}$' });
export const DateTime = Type.String({ format: 'date-time' });
export const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
export const Version = opt(Type.Integer({ minimum: 1 }));
export const Paging = {
  limit: opt(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: opt(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
};
export const Severity = lit(['major', 'general', 'minor'] as const);
export const HazardStatus = lit(['open', 'rectified', 'closed', 'escalated'] as const);
export const Licence = obj({ kind: Text(50), number: Text(100), validUntil: opt(nullable(Day)) });
export const Masked = Type.Object({
  id: Type.Integer(),
  name: nullable(Type.String()),
  phone: nullable(Type.String()),
  idNumber: nullable(Type.String()),
  address: nullable(Type.String()),
  masked: Type.Literal(true),
});
