import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Actor } from './actor.ts';
import type { UnitRow, UserPostRow } from './domain/staff-rows.ts';
import type { AuditService } from './service-audit.ts';
import { freeCode } from './service-unit-admin.ts';

/**
 * The staff import's writes, inside its transaction: each user of the sheet created or renamed,
 * the posts they do not yet hold added, each audited. Returns how many posts were added.
 */
export async function writeUsers(
  trx: Db,
  w: {
    audit: AuditService;
    actor: Actor;
    ip?: string;
    now: Date;
    byUser: Map<string, UserPostRow[]>;
    existingUsers: Map<string, number>;
    passwordHashes: Map<string, string>;
    unitIds: Map<string, number>;
    unitRegion: (unitCode: string) => string;
  },
): Promise<number> {
  let postsAdded = 0;
  for (const [key, posts] of w.byUser) {
    const first = posts[0] as UserPostRow;
    let userId = w.existingUsers.get(key);
    if (userId === undefined) {
      const row = await trx
        .insertInto('app_user')
        .values({
          username: first.username,
          display_name: first.displayName,
          password_hash: w.passwordHashes.get(key) as string,
          must_change_password: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      userId = Number(row.id);
    } else
      await trx
        .updateTable('app_user')
        .set({ display_name: first.displayName, updated_at: w.now })
        .where('id', '=', userId)
        .execute();
    const held = await trx
      .selectFrom('user_post')
      .select(['role', 'unit_id', 'region_code'])
      .where('user_id', '=', userId)
      .where('retired_at', 'is', null)
      .execute();
    const added = [];
    for (const post of posts) {
      const unitId = post.unit ? (w.unitIds.get(post.unit) ?? null) : null;
      const code = post.regionCode ?? (post.unit ? w.unitRegion(post.unit) : '');
      if (
        held.some(
          (h) =>
            h.role === post.role &&
            (h.unit_id === null ? null : Number(h.unit_id)) === unitId &&
            h.region_code === code,
        )
      )
        continue;
      const region = await trx
        .selectFrom('region')
        .select('path')
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('user_post')
        .values({
          user_id: userId,
          role: post.role,
          unit_id: unitId,
          region_code: code,
          region_path: region.path,
        })
        .execute();
      added.push({ role: post.role, unit: post.unit, region: code });
      postsAdded++;
    }
    await w.audit.record(trx, {
      actor: w.actor,
      action: w.existingUsers.has(key) ? 'user.update' : 'user.create',
      objectType: 'user',
      objectId: userId,
      ip: w.ip,
      detail: { username: first.username, source: 'import', posts: added },
    });
  }
  return postsAdded;
}

export async function upsertUnit(
  trx: Db,
  unit: UnitRow,
  id: number | undefined,
  region: { path: string; level: string },
  now: Date,
): Promise<number> {
  if (id !== undefined) {
    await trx
      .updateTable('unit')
      .set({ name: unit.name, phone: unit.phone, updated_at: now, version: sql`version + 1` })
      .where('id', '=', id)
      .execute();
    return id;
  }
  const row = await trx
    .insertInto('unit')
    .values({
      code: await freeCode(trx, unit.code),
      name: unit.name,
      kind: unit.kind,
      department_type: unit.departmentType,
      level: region.level as 'city',
      region_code: unit.regionCode,
      region_path: region.path,
      parent_id: null,
      phone: unit.phone,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
