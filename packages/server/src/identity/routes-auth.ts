import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.ts';
import { notFound } from '../http/problem.ts';
import { clearSessionCookie, requireStaff, setSessionCookie } from './http.ts';
import { IdParams, MeSchema, RoleSchema, Text, TokenSchema } from './schemas.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './seed.ts';
import { SESSION_COOKIE } from './service-auth.ts';

const tags = ['identity'];
export const originOf = (request: FastifyRequest) => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? '',
});

const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
const PasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
const TokenBody = Type.Object(
  { name: Text(100), expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })) },
  { additionalProperties: false },
);

/** Log-in, log-out, who am I, own password, API tokens, and the demo users list. */
export async function authRoutes(app: FastifyInstance, ctx: AppContext) {
  const { auth, tokens, units } = ctx.services.identity;

  const me = async (request: FastifyRequest) => {
    const actor = requireStaff(request);
    const unitList = [];
    for (const id of actor.unitIds) {
      const u = await units.unitById(id);
      if (u) unitList.push(u);
    }
    return {
      user: { id: actor.userId ?? 0, username: actor.username ?? '', displayName: actor.displayName },
      posts: actor.posts,
      roles: actor.roles,
      regionPaths: actor.regionPaths,
      units: unitList,
      csrfToken: request.csrfToken,
      mustChangePassword: request.mustChangePassword,
    };
  };

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags,
        summary: 'Log in with user name and password; sets the HttpOnly session cookie',
        body: LoginBody,
        response: { 200: MeSchema },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body as { username: string; password: string };
      const result = await auth.login(username, password, originOf(request));
      setSessionCookie(request, reply, result.sessionToken);
      request.actor = result.actor;
      request.csrfToken = result.csrfToken;
      request.mustChangePassword = result.mustChangePassword;
      return me(request);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags, summary: 'End the session', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const actor = requireStaff(request);
      const token = request.cookies[SESSION_COOKIE];
      if (token) await auth.logout(actor, token, originOf(request));
      clearSessionCookie(request, reply);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      schema: {
        tags,
        summary: 'The logged-in user, their posts, roles, units and CSRF token',
        response: { 200: MeSchema },
      },
    },
    me,
  );

  app.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags,
        summary: 'Change your own password (other sessions end)',
        body: PasswordBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      const body = request.body as { currentPassword: string; newPassword: string };
      await auth.changePassword(
        actor,
        body.currentPassword,
        body.newPassword,
        request.cookies[SESSION_COOKIE],
        originOf(request),
      );
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/auth/demo-users',
    {
      schema: {
        tags,
        summary: 'The demo users and their password (demo mode only)',
        response: {
          200: Type.Object({
            password: Type.String(),
            users: Type.Array(
              Type.Object({
                username: Type.String(),
                displayName: Type.String(),
                role: RoleSchema,
                roles: Type.Array(RoleSchema),
                description: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    async () => {
      if (!ctx.config.demo) throw notFound('demo users');
      return {
        password: DEMO_PASSWORD,
        users: DEMO_USERS.map((u) => ({
          username: u.username,
          displayName: u.displayName,
          role: u.post.role,
          roles: [u.post.role],
          description: u.description,
        })),
      };
    },
  );

  app.post(
    '/api/v1/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token acting as you (the plain token is shown once)',
        body: TokenBody,
        response: { 201: Type.Intersect([TokenSchema, Type.Object({ token: Type.String() })]) },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      const body = request.body as { name: string; expiresInDays?: number };
      return reply
        .status(201)
        .send(await tokens.createToken(actor, body.name, body.expiresInDays, originOf(request)));
    },
  );

  app.get(
    '/api/v1/tokens',
    {
      schema: {
        tags,
        summary: 'Your API tokens (never the tokens themselves)',
        response: { 200: Type.Object({ items: Type.Array(TokenSchema) }) },
      },
    },
    async (request) => ({
      items: await tokens.listTokens(requireStaff(request)),
    }),
  );

  app.delete(
    '/api/v1/tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke one of your API tokens',
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      const { id } = request.params as { id: number };
      if (!(await tokens.revokeToken(actor, id, originOf(request)))) throw notFound('token');
      return reply.status(204).send();
    },
  );
}
