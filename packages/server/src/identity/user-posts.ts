import type { Kysely } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { notFound, unprocessable } from '../http/problem.ts';
import type { Actor, Role } from './actor.ts';
import { can } from './domain/policy.ts';
import { isGridCode } from './domain/scope.ts';

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
export const UNIT_KINDS: Partial<Record<Role, string[]>> = {
  centre_operator: ['centre'],
  department_handler: ['department', 'station'],
  mediator: ['mediation', 'centre', 'department', 'station'],
};

/** Users and their active posts, as responses show them. */
export function createUserReads(db: Db) {
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

  async function views(ids: number[]): Promise<UserView[]> {
    if (ids.length === 0) return [];
    const rows = await db.selectFrom('app_user').selectAll().where('id', 'in', ids).orderBy('id').execute();
    const posts = await postsOf(ids);
    return rows.map((u) => ({
      id: Number(u.id),
      username: u.username,
      displayName: u.display_name,
      disabled: u.disabled_at !== null,
      mustChangePassword: u.must_change_password,
      createdAt: u.created_at.toISOString(),
      posts: posts.get(Number(u.id)) ?? [],
    }));
  }

  const view = async (id: number): Promise<UserView | undefined> => (await views([id]))[0];

  return { postsOf, views, view };
}

/** Check one post: its unit and region exist, fit the role, and lie inside the admin's scope. */
export async function resolvePost(trx: Kysely<DB>, actor: Actor, p: PostInput, field: string) {
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
