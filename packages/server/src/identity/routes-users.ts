import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.ts';
import type { Role } from './actor.ts';
import { requireStaff } from './http.ts';
import { originOf } from './routes-auth.ts';
import { IdParams, RoleSchema, Text, UserSchema } from './schemas.ts';
import type { NewUser, PostInput } from './service-users.ts';

const tags = ['users'];
const Username = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_.-]{2,39}$' });
const PostInputSchema = Type.Object(
  {
    role: RoleSchema,
    unitId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    regionCode: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]{12,18}$' }), Type.Null()])),
  },
  { additionalProperties: false },
);
const NewUserSchema = Type.Object(
  {
    username: Username,
    displayName: Text(200),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    posts: Type.Array(PostInputSchema, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
const UserChangesSchema = Type.Object(
  { displayName: Type.Optional(Text(200)), disabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
const UserQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    role: Type.Optional(RoleSchema),
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
const PostParams = Type.Object({ id: Type.Integer({ minimum: 1 }), postId: Type.Integer({ minimum: 1 }) });
const ResetSchema = Type.Object(
  { newPassword: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  { additionalProperties: false },
);

/** Staff accounts and posts: read in scope; administrators manage users whose posts lie in their scope. */
export async function userRoutes(app: FastifyInstance, ctx: AppContext) {
  const users = ctx.services.identity.users;
  const idOf = (p: unknown) => (p as { id: number }).id;

  app.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Users with a post in your scope',
        querystring: UserQuerySchema,
        response: { 200: Type.Object({ items: Type.Array(UserSchema), total: Type.Integer() }) },
      },
    },
    async (request) =>
      users.list(
        requireStaff(request),
        request.query as { q?: string; role?: Role; unitId?: number; limit?: number },
      ),
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Create a user with posts (administrators, inside their scope)',
        body: NewUserSchema,
        response: { 201: UserSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await users.create(requireStaff(request), request.body as NewUser, originOf(request).ip)),
  );

  app.get(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'One user (404 outside your scope)',
        params: IdParams,
        response: { 200: UserSchema },
      },
    },
    async (request) => users.get(requireStaff(request), idOf(request.params)),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'Change display name (yourself or an administrator) or disable (administrators)',
        params: IdParams,
        body: UserChangesSchema,
        response: { 200: UserSchema },
      },
    },
    async (request) =>
      users.update(
        requireStaff(request),
        idOf(request.params),
        request.body as { displayName?: string; disabled?: boolean },
        originOf(request).ip,
      ),
  );

  app.get(
    '/api/v1/users/:id/posts',
    {
      schema: {
        tags,
        summary: "A user's active posts",
        params: IdParams,
        response: { 200: Type.Object({ items: UserSchema.properties.posts }) },
      },
    },
    async (request) => ({ items: (await users.get(requireStaff(request), idOf(request.params))).posts }),
  );

  app.post(
    '/api/v1/users/:id/posts',
    {
      schema: {
        tags,
        summary: 'Give a user a post (administrators; never to themselves)',
        params: IdParams,
        body: PostInputSchema,
        response: { 201: UserSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await users.addPost(
            requireStaff(request),
            idOf(request.params),
            request.body as PostInput,
            originOf(request).ip,
          ),
        ),
  );

  app.delete(
    '/api/v1/users/:id/posts/:postId',
    {
      schema: {
        tags,
        summary: 'End a post (administrators)',
        params: PostParams,
        response: { 200: UserSchema },
      },
    },
    async (request) => {
      const p = request.params as { id: number; postId: number };
      return users.removePost(requireStaff(request), p.id, p.postId, originOf(request).ip);
    },
  );

  app.post(
    '/api/v1/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: 'Set a new password (or generate one, shown once); the user must change it at next log-in',
        params: IdParams,
        body: ResetSchema,
        response: { 200: Type.Object({ temporaryPassword: Type.Optional(Type.String()) }) },
      },
    },
    async (request) =>
      users.resetPassword(
        requireStaff(request),
        idOf(request.params),
        (request.body as { newPassword?: string } | undefined)?.newPassword,
        originOf(request).ip,
      ),
  );
}
