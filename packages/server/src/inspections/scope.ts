import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { forbidden, notFound, unauthorized } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { type Action, can, scopeOf } from '../identity/index.ts';

/** A signed-in staff member or 401; residents and anonymous callers see nothing here. */
export function staff(actor: Actor): Actor {
  if (actor.kind === 'anonymous') throw unauthorized();
  return actor;
}

/**
 * The actor may do the action to the thing (by its region path): outside what they may read it
 * does not exist for them (404); inside, without the right, 403.
 */
export function requireIn(actor: Actor, action: Action, regionPath: string, what: string): void {
  if (!can(actor, 'place.read', { regionPath })) throw notFound(what);
  if (!can(actor, action, { regionPath })) throw forbidden(`you may not do this to ${what}`);
}

/** `column like 'p%' or …` over the actor's scope for the action (false when it is empty). */
export function inScope(actor: Actor, action: Action, column: string): RawBuilder<SqlBool> {
  const paths = scopeOf(actor, action).regionPaths;
  if (paths.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(
    paths.map((p) => sql`${sql.ref(column)} like ${`${p}%`}`),
    sql` or `,
  )})`;
}

/** A region the actor may read (by code) with its path, or 404 when it does not exist for them. */
export async function regionIn(ctx: AppContext, actor: Actor, action: Action, code: string, field: string) {
  const region = await ctx.db
    .selectFrom('region')
    .select(['code', 'path', 'level', 'name'])
    .where('code', '=', code)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  if (!region || !can(actor, action, { regionPath: region.path }))
    throw notFound(`region ${code} (${field})`);
  return region;
}

/** The district code of a region path ('city/district/…/'). */
export const districtOf = (path: string): string => path.split('/').filter(Boolean)[1] ?? '';
