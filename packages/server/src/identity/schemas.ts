import { Type } from 'typebox';
import { ROLES } from './actor.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));
export const UnitKindSchema = Type.Union(
  ['centre', 'department', 'station', 'mediation'].map((k) => Type.Literal(k)),
);
export const UnitLevelSchema = Type.Union(
  ['city', 'district', 'street', 'community'].map((k) => Type.Literal(k)),
);
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
/** Free text: stored and returned as text (never interpreted); control characters other than newlines refused. */
export const Text = (max: number, min = 1) =>
  Type.String({
    minLength: min,
    maxLength: max,
    pattern: '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F]*$',
  });

export const PostSchema = Type.Object({
  id: Type.Integer(),
  role: RoleSchema,
  unitId: Nullable(Type.Integer()),
  unitName: Nullable(Type.String()),
  regionCode: Type.String(),
  regionName: Nullable(Type.String()),
  regionPath: Type.String(),
});

export const UserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  disabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  createdAt: Type.String(),
  posts: Type.Array(PostSchema),
});

export const UnitSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: UnitKindSchema,
  departmentType: Nullable(Type.String()),
  level: UnitLevelSchema,
  regionCode: Type.String(),
  regionPath: Type.String(),
  parentId: Nullable(Type.Integer()),
  phone: Nullable(Type.String()),
  retiredAt: Nullable(Type.String()),
});

export const ActorPostSchema = Type.Object({
  id: Type.Integer(),
  role: RoleSchema,
  unitId: Nullable(Type.Integer()),
  regionCode: Nullable(Type.String()),
  regionPath: Nullable(Type.String()),
  gridCodes: Type.Array(Type.String()),
});

export const MeSchema = Type.Object({
  user: Type.Object({ id: Type.Integer(), username: Type.String(), displayName: Type.String() }),
  posts: Type.Array(ActorPostSchema),
  roles: Type.Array(RoleSchema),
  regionPaths: Type.Array(Type.String()),
  units: Type.Array(UnitSchema),
  csrfToken: Nullable(Type.String()),
  mustChangePassword: Type.Optional(Type.Boolean()),
});

export const TokenSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String(),
  expiresAt: Nullable(Type.String()),
  lastUsedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
});

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorUserId: Nullable(Type.Integer()),
  actorName: Nullable(Type.String()),
  action: Type.String(),
  objectType: Nullable(Type.String()),
  objectId: Nullable(Type.String()),
  regionPath: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
  hash: Type.String(),
});

export const PersonSchema = Type.Object({
  id: Type.Integer(),
  name: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  idNumber: Nullable(Type.String()),
  address: Nullable(Type.String()),
  masked: Type.Boolean(),
});
