import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Actor } from './actor.ts';

/**
 * Residents who report through the portal or Open311 have no account. Each report gets a
 * reporter id of its own: the negative of its portal_tracker row's id (identity's user ids are
 * positive, so they never meet). The case stores it as reporter_user_id, so the cases module's
 * rules ("the reporter may rate, reopen, withdraw; residents see only their own cases") apply
 * to whoever holds the report's secret, without an account and without any personal data.
 */
export function residentActor(trackerId: number): Actor {
  return {
    kind: 'resident',
    userId: -trackerId,
    username: null,
    displayName: '',
    posts: [],
    roles: [],
    regionPaths: [],
    unitIds: [],
    via: 'none',
  };
}

/** A fresh reporter id, taken before the case exists (the tracker row is written after intake). */
export async function allocateTrackerId(db: Db): Promise<number> {
  const r = await sql<{
    id: string | number;
  }>`select nextval(pg_get_serial_sequence('portal_tracker', 'id')) as id`.execute(db);
  return Number(r.rows[0]?.id);
}

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** A secret for a tracking link: 128 random bits, URL-safe. */
export const newSecret = () => randomBytes(16).toString('base64url');

/** The tracker a secret opens (reporter or follower), if any. */
export async function trackerBySecret(db: Db, secret: string) {
  if (!secret || secret.length > 100) return undefined;
  return db
    .selectFrom('portal_tracker')
    .selectAll()
    .where('secret_hash', '=', hashSecret(secret))
    .executeTakeFirst();
}
