import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { conflict, forbidden, notFound, unprocessable } from '../http/problem.ts';
import type { Actor, Role } from './actor.ts';
import { passwordProblem } from './domain/password-rules.ts';
import { can, mayEver, scopeOf } from './domain/policy.ts';
import { passwordHasher } from './passwords.ts';
import type { AuditService } from './service-audit.ts';
import { createUserReads, type NewUser, type PostInput, resolvePost, type UserView } from './user-posts.ts';

export type { NewUser, PostInput, PostView, UserView } from './user-posts.ts';

/** Staff accounts and their posts, managed by administrators within their scope. */
export function createUsersService(db: Db, audit: AuditService, credentialsChanged: () => void = () => {}) {
  const { postsOf, views, view } = createUserReads(db);

  const visible = (actor: Actor, user: UserView) =>
    user.id === actor.userId ||
    (user.posts.length === 0
      ? scopeOf(actor, 'user.read').citywide
      : user.posts.some((p) => can(actor, 'user.read', { regionPath: p.regionPath })));

  /** Read in scope (404 outside); to manage, every post of the user must be in the admin's scope. */
  async function get(actor: Actor, id: number): Promise<UserView> {
    const user = await view(id);
    if (!user || !visible(actor, user)) throw notFound('user');
    return user;
  }

  async function manageable(actor: Actor, id: number): Promise<UserView> {
    const user = await get(actor, id);
    const ok =
      user.posts.length === 0
        ? scopeOf(actor, 'user.manage').citywide
        : user.posts.every((p) => can(actor, 'user.manage', { regionPath: p.regionPath }));
    if (!ok) throw forbidden('managing this user needs an administrator whose scope covers all their posts');
    return user;
  }

  return {
    get,
    postsOf,

    async list(
      actor: Actor,
      q: { q?: string; role?: Role; unitId?: number; limit?: number; offset?: number },
    ) {
      const scope = scopeOf(actor, 'user.read');
      if (scope.regionPaths.length === 0) return { items: [] as UserView[], total: 0 };
      let query = db.selectFrom('app_user').where((eb) =>
        eb.exists(
          eb
            .selectFrom('user_post')
            .select('user_post.id')
            .whereRef('user_post.user_id', '=', 'app_user.id')
            .where('user_post.retired_at', 'is', null)
            .where((e) => e.or(scope.regionPaths.map((p) => e('user_post.region_path', 'like', `${p}%`))))
            .$if(q.role !== undefined, (b) => b.where('user_post.role', '=', q.role as Role))
            .$if(q.unitId !== undefined, (b) => b.where('user_post.unit_id', '=', q.unitId ?? 0)),
        ),
      );
      if (q.q) {
        const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query = query.where((eb) => eb.or([eb('username', 'like', like), eb('display_name', 'like', like)]));
      }
      const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await query
        .select('id')
        .orderBy('id')
        .limit(Math.min(q.limit ?? 50, 500))
        .offset(q.offset ?? 0)
        .execute();
      const items = await views(rows.map((r) => Number(r.id)));
      return { items, total: Number(total.n) };
    },

    async create(actor: Actor, input: NewUser, ip?: string): Promise<UserView> {
      if (!mayEver(actor, 'user.manage')) throw forbidden('only administrators create users');
      const problem = passwordProblem(input.password, input.username);
      if (problem) throw unprocessable('body.password', problem);
      const hash = await passwordHasher.hash(input.password);
      const id = await db.transaction().execute(async (trx) => {
        const taken = await trx
          .selectFrom('app_user')
          .select('id')
          .where(sql<string>`lower(username)`, '=', input.username.toLowerCase())
          .executeTakeFirst();
        if (taken) throw conflict('the user name is taken', { field: 'body.username' });
        const posts = [];
        for (const [i, p] of input.posts.entries())
          posts.push(await resolvePost(trx, actor, p, `body.posts.${i}`));
        const row = await trx
          .insertInto('app_user')
          .values({
            username: input.username,
            display_name: input.displayName,
            password_hash: hash,
            must_change_password: true,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const p of posts)
          await trx
            .insertInto('user_post')
            .values({ ...p, user_id: row.id })
            .execute();
        await audit.record(trx, {
          actor,
          action: 'user.create',
          objectType: 'user',
          objectId: row.id,
          regionPath: posts[0]?.region_path ?? null,
          ip,
          detail: {
            username: input.username,
            posts: posts.map((p) => ({ role: p.role, unitId: p.unit_id, region: p.region_code })),
          },
        });
        return Number(row.id);
      });
      return (await view(id)) as UserView;
    },

    async update(
      actor: Actor,
      id: number,
      changes: { displayName?: string; disabled?: boolean },
      ip?: string,
    ) {
      const self = id === actor.userId;
      const user =
        self && changes.disabled === undefined ? await get(actor, id) : await manageable(actor, id);
      if (self && changes.disabled)
        throw unprocessable('body.disabled', 'you cannot disable your own account');
      await db.transaction().execute(async (trx) => {
        const now = new Date();
        await trx
          .updateTable('app_user')
          .set({
            ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
            ...(changes.disabled !== undefined ? { disabled_at: changes.disabled ? now : null } : {}),
            updated_at: now,
            version: (eb) => eb('version', '+', 1),
          })
          .where('id', '=', id)
          .execute();
        if (changes.disabled)
          await trx
            .updateTable('user_session')
            .set({ revoked_at: now })
            .where('user_id', '=', id)
            .where('revoked_at', 'is', null)
            .execute();
        await audit.record(trx, {
          actor,
          action: 'user.update',
          objectType: 'user',
          objectId: id,
          regionPath: user.posts[0]?.regionPath ?? null,
          ip,
          detail: changes,
        });
      });
      credentialsChanged();
      return (await view(id)) as UserView;
    },

    async addPost(actor: Actor, id: number, input: PostInput, ip?: string): Promise<UserView> {
      if (id === actor.userId) throw forbidden('nobody grants posts to themselves');
      await manageable(actor, id);
      await db.transaction().execute(async (trx) => {
        const post = await resolvePost(trx, actor, input, 'body');
        const row = await trx
          .insertInto('user_post')
          .values({ ...post, user_id: id })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit.record(trx, {
          actor,
          action: 'user.post_add',
          objectType: 'user',
          objectId: id,
          regionPath: post.region_path,
          ip,
          detail: { postId: Number(row.id), role: post.role, unitId: post.unit_id, region: post.region_code },
        });
      });
      credentialsChanged();
      return (await view(id)) as UserView;
    },

    async removePost(actor: Actor, id: number, postId: number, ip?: string): Promise<UserView> {
      const user = await manageable(actor, id);
      const post = user.posts.find((p) => p.id === postId);
      if (!post) throw notFound('post');
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('user_post').set({ retired_at: new Date() }).where('id', '=', postId).execute();
        await audit.record(trx, {
          actor,
          action: 'user.post_remove',
          objectType: 'user',
          objectId: id,
          regionPath: post.regionPath,
          ip,
          detail: { postId, role: post.role },
        });
      });
      credentialsChanged();
      return (await view(id)) as UserView;
    },

    /** An administrator sets a new password (or a generated one, returned once); it must be changed at next use. */
    async resetPassword(actor: Actor, id: number, newPassword: string | undefined, ip?: string) {
      if (id === actor.userId) throw forbidden('change your own password with POST /auth/password');
      const user = await manageable(actor, id);
      const password = newPassword ?? `Cg-${randomBytes(9).toString('base64url')}7`;
      const problem = passwordProblem(password, user.username);
      if (problem) throw unprocessable('body.newPassword', problem);
      const hash = await passwordHasher.hash(password);
      await db.transaction().execute(async (trx) => {
        const now = new Date();
        await trx
          .updateTable('app_user')
          .set({ password_hash: hash, must_change_password: true, password_changed_at: now, updated_at: now })
          .where('id', '=', id)
          .execute();
        await trx
          .updateTable('user_session')
          .set({ revoked_at: now })
          .where('user_id', '=', id)
          .where('revoked_at', 'is', null)
          .execute();
        await trx
          .deleteFrom('login_throttle')
          .where('username_key', '=', user.username.toLowerCase())
          .execute();
        await audit.record(trx, {
          actor,
          action: 'user.password_reset',
          objectType: 'user',
          objectId: id,
          regionPath: user.posts[0]?.regionPath ?? null,
          ip,
        });
      });
      credentialsChanged();
      return newPassword ? {} : { temporaryPassword: password };
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
