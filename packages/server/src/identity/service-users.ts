import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { conflict, forbidden, notFound, unprocessable } from '../http/problem.ts';
import type { Actor, Role } from './actor.ts';
import { passwordProblem } from './domain/password-rules.ts';
import { can, mayEver, scopeOf } from './domain/policy.ts';
import { isGridCode } from './domain/scope.ts';
import { passwordHasher } from './passwords.ts';
import type { AuditService } from './service-audit.ts';

export interface PostInput {
  role: Role;
  unitId?: number | null;
  regionCode?: string | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  posts: PostInput[];
}

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  posts: PostView[];
}

export interface PostView {
  id: number;
  role: Role;
  unitId: number | null;
  unitName: string | null;
  regionCode: string;
  regionName: string | null;
  regionPath: string;
}

/** Which kinds of unit each role's post may sit at (absent: no unit needed). */
const UNIT_KINDS: Partial<Record<Role, string[]>> = {
  centre_operator: ['centre'],
  department_handler: ['department', 'station'],
  mediator: ['mediation', 'centre', 'department', 'station'],
};

/** Staff accounts and their posts, managed by administrators within their scope. */
export function createUsersService(db: Db, audit: AuditService) {
  async function postsOf(userIds: number[]): Promise<Map<number, PostView[]>> {
    const map = new Map<number, PostView[]>();
    if (userIds.length === 0) return map;
    const rows = await db
      .selectFrom('user_post as p')
      .leftJoin('unit as u', 'u.id', 'p.unit_id')
      .leftJoin('region as r', 'r.code', 'p.region_code')
      .select([
        'p.id',
        'p.user_id',
        'p.role',
        'p.unit_id',
        'u.name as unit_name',
        'p.region_code',
        'r.name as region_name',
        'p.region_path',
      ])
      .where('p.user_id', 'in', userIds)
      .where('p.retired_at', 'is', null)
      .orderBy('p.id')
      .execute();
    for (const r of rows) {
      const list = map.get(Number(r.user_id)) ?? [];
      list.push({
        id: Number(r.id),
        role: r.role,
        unitId: r.unit_id === null ? null : Number(r.unit_id),
        unitName: r.unit_name,
        regionCode: r.region_code,
        regionName: r.region_name,
        regionPath: r.region_path,
      });
      map.set(Number(r.user_id), list);
    }
    return map;
  }

  async function view(id: number): Promise<UserView | undefined> {
    const u = await db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
    if (!u) return undefined;
    const posts = (await postsOf([id])).get(id) ?? [];
    return {
      id: Number(u.id),
      username: u.username,
      displayName: u.display_name,
      disabled: u.disabled_at !== null,
      mustChangePassword: u.must_change_password,
      createdAt: u.created_at.toISOString(),
      posts,
    };
  }

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

  /** Check one post: its unit and region exist, fit the role, and lie inside the admin's scope. */
  async function resolvePost(trx: Kysely<DB>, actor: Actor, p: PostInput, field: string) {
    let unit: { id: number; kind: string; region_code: string; region_path: string } | undefined;
    if (p.unitId != null) {
      unit = await trx
        .selectFrom('unit')
        .select(['id', 'kind', 'region_code', 'region_path'])
        .where('id', '=', p.unitId)
        .where('retired_at', 'is', null)
        .executeTakeFirst();
      if (!unit || !can(actor, 'user.manage', { regionPath: unit.region_path })) throw notFound('unit');
    }
    const kinds = UNIT_KINDS[p.role];
    if (kinds && (!unit || !kinds.includes(unit.kind)))
      throw unprocessable(`${field}.unitId`, `a ${p.role} post needs a unit of kind ${kinds.join(' or ')}`);
    const code = p.regionCode ?? unit?.region_code;
    if (!code) throw unprocessable(`${field}.regionCode`, 'a post needs a region or a unit');
    const region = await trx
      .selectFrom('region')
      .select(['code', 'path', 'level'])
      .where('code', '=', code)
      .where('retired_at', 'is', null)
      .executeTakeFirst();
    if (!region || !can(actor, 'user.manage', { regionPath: region.path })) throw notFound('region');
    if (unit && !region.path.startsWith(unit.region_path))
      throw unprocessable(`${field}.regionCode`, "must lie inside the unit's jurisdiction");
    if ((p.role === 'grid_worker' || p.role === 'grid_head') !== isGridCode(region.code))
      throw unprocessable(`${field}.regionCode`, 'grid workers and grid heads (only) are posted to grids');
    return {
      role: p.role,
      unit_id: unit ? Number(unit.id) : null,
      region_code: region.code,
      region_path: region.path,
    };
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
      const items: UserView[] = [];
      for (const r of rows) {
        const v = await view(Number(r.id));
        if (v) items.push(v);
      }
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
      return newPassword ? {} : { temporaryPassword: password };
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
