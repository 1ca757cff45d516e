import { sql, type Transaction } from 'kysely';
import type { AppContext } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { conflict, unprocessable } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { levelAbove } from './domain/codes.ts';
import { assertMayManage } from './service-access.ts';
import type { GridLocator } from './service-locate.ts';
import { toView, VIEW_COLUMNS } from './service-views.ts';
import { checkVersion, requireActive } from './service-write.ts';

/** A region and its subtree moved: every path starting with `fromPath` now starts with `toPath`. */
export interface RegionMove {
  code: string;
  fromPath: string;
  toPath: string;
}

/**
 * Called inside the move's transaction, so a module that keeps region paths (units, posts,
 * cases…) moves them in the same commit; throwing refuses the whole move.
 */
export type MoveListener = (trx: Transaction<DB>, move: RegionMove) => Promise<void>;

/** Rewrite the path prefix of a moved subtree in another table's path column (one statement). */
export async function rewritePathPrefix(
  trx: Transaction<DB>,
  table: string,
  column: string,
  move: RegionMove,
) {
  await sql`
    update ${sql.table(table)} set ${sql.ref(column)} = ${move.toPath} || substr(${sql.ref(column)}, ${move.fromPath.length + 1})
    where ${sql.ref(column)} like ${`${move.fromPath}%`}`.execute(trx);
}

/**
 * Put the region under another parent of the level above. Codes stay (cases and history refer
 * to them); the paths of the whole subtree are rewritten in one statement, and every move
 * listener rewrites its own in the same transaction.
 */
export async function moveRegion(
  ctx: AppContext,
  listeners: readonly MoveListener[],
  actor: Actor,
  code: string,
  parentCode: string,
  version?: number,
) {
  const region = await requireActive(ctx, code);
  checkVersion(version, region.version);
  const parent = await ctx.db
    .selectFrom('region')
    .select(['code', 'level', 'path', 'retired_at'])
    .where('code', '=', parentCode)
    .executeTakeFirst();
  if (!parent) throw unprocessable('body.parentCode', `no region has the code ${parentCode}`);
  if (parent.path.startsWith(region.path))
    throw unprocessable(
      'body.parentCode',
      `${parentCode} lies inside ${code}'s own subtree: the move would make a cycle`,
    );
  const wanted = levelAbove(region.level);
  if (parent.level !== wanted)
    throw unprocessable(
      'body.parentCode',
      `the parent of a ${region.level} must be a ${wanted ?? 'nothing'}; ${parentCode} is a ${parent.level}`,
    );
  if (parent.retired_at) throw unprocessable('body.parentCode', `${parentCode} is retired`);
  assertMayManage(actor, region.path, `region ${code}`);
  assertMayManage(actor, parent.path, `the new parent ${parentCode}`);
  if (region.parent_code === parentCode) return toView(region);
  const newPath = `${parent.path}${code}/`;
  const row = await ctx.db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('region')
      .select(['version', 'path'])
      .where('code', '=', code)
      .forUpdate()
      .executeTakeFirst();
    if (locked?.version !== region.version || locked.path !== region.path)
      throw conflict(`region ${code} changed meanwhile; reload it and try again`);
    const moved = await sql`
      update region set
        path = ${newPath} || substr(path, ${region.path.length + 1}),
        parent_code = case when code = ${code} then ${parentCode} else parent_code end,
        version = case when code = ${code} then version + 1 else version end,
        updated_at = case when code = ${code} then now() else updated_at end
      where path like ${`${region.path}%`}`.execute(trx);
    for (const listener of listeners) await listener(trx, { code, fromPath: region.path, toPath: newPath });
    await trx
      .insertInto('region_history')
      .values({
        region_code: code,
        action: 'move',
        payload: JSON.stringify({
          fromParent: region.parent_code,
          toParent: parentCode,
          fromPath: region.path,
          toPath: newPath,
          regionsMoved: Number(moved.numAffectedRows),
        }),
        actor_id: actor.userId,
      })
      .execute();
    return trx.selectFrom('region').select(VIEW_COLUMNS).where('code', '=', code).executeTakeFirstOrThrow();
  });
  return toView(row);
}

/**
 * Retire a region (never delete: it stays for history, out of lists, searches, counts and
 * locating). With active descendants, only with `cascade`, which retires the whole subtree.
 */
export async function retireRegion(
  ctx: AppContext,
  locator: GridLocator,
  actor: Actor,
  code: string,
  options: { cascade?: boolean; reason?: string },
) {
  const region = await requireActive(ctx, code);
  assertMayManage(actor, region.path);
  const subtree = `${region.path}%`;
  const active = await ctx.db
    .selectFrom('region')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('path', 'like', subtree)
    .where('code', '<>', code)
    .where('retired_at', 'is', null)
    .executeTakeFirstOrThrow();
  const descendants = Number(active.n);
  if (descendants > 0 && !options.cascade)
    throw conflict(
      `region ${code} has ${descendants} active descendants: retire them first, or retire with cascade`,
      {
        activeDescendants: descendants,
      },
    );
  const payload = JSON.stringify({ root: code, reason: options.reason ?? null });
  const retired = await ctx.db.transaction().execute(async (trx) => {
    await sql`
      insert into region_history (region_code, action, payload, actor_id)
      select code, 'retire', ${payload}::jsonb, ${actor.userId}
      from region where path like ${subtree} and retired_at is null`.execute(trx);
    return trx
      .updateTable('region')
      .set({ retired_at: sql`now()`, updated_at: sql`now()`, version: sql`version + 1` })
      .where('path', 'like', subtree)
      .where('retired_at', 'is', null)
      .returning(['code', 'level'])
      .execute();
  });
  locator.apply(retired.filter((r) => r.level === 'grid').map((r) => ({ code: r.code, boundary: null })));
  const row = await ctx.db
    .selectFrom('region')
    .select(VIEW_COLUMNS)
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return { ...toView(row), retiredCount: retired.length };
}
