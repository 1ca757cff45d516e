import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { Problem, unauthorized, unprocessable } from '../http/problem.ts';
import { LookupCache } from '../lib/lookup-cache.ts';
import type { Actor, Post } from './actor.ts';
import { lockSeconds, passwordProblem } from './domain/password-rules.ts';
import { staffActor } from './domain/scope.ts';
import { dummyPasswordHash, passwordHasher } from './passwords.ts';
import type { AuditService } from './service-audit.ts';

export const SESSION_COOKIE = 'cg_session';
export const SESSION_HOURS = 12;

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const randomToken = () => randomBytes(32).toString('base64url');

/**
 * How long a server process may answer a session or API token from memory (sparing two queries
 * on every request). Every change of credentials made through this process (log-out, password,
 * user disabled, posts, unit retired, token revoked) forgets them at once; another process sees
 * such a change within this time.
 */
export const CREDENTIALS_TTL_MS = 3_000;

/** A session that is live: who it is, its CSRF token, and whether they must change their password first. */
export interface LiveSession {
  actor: Actor;
  csrfToken: string;
  mustChangePassword: boolean;
}

export interface Origin {
  ip?: string;
  userAgent?: string;
}

export interface LoginResult {
  actor: Actor;
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  mustChangePassword: boolean;
}

/** Log-in with lock-out, sessions, and turning a session or an API token into the request's Actor. */
export function createAuthService(db: Db, audit: AuditService) {
  const sessions = new LookupCache<LiveSession | null>(CREDENTIALS_TTL_MS);
  const tokens = new LookupCache<Actor | null>(CREDENTIALS_TTL_MS);
  const forgetCredentials = () => {
    sessions.clear();
    tokens.clear();
  };

  async function postsOf(userId: number): Promise<Omit<Post, 'gridCodes'>[]> {
    const rows = await db
      .selectFrom('user_post')
      .leftJoin('unit', 'unit.id', 'user_post.unit_id')
      .select([
        'user_post.id',
        'user_post.role',
        'user_post.unit_id',
        'user_post.region_code',
        'user_post.region_path',
      ])
      .where('user_post.user_id', '=', userId)
      .where('user_post.retired_at', 'is', null)
      .where('unit.retired_at', 'is', null)
      .orderBy('user_post.id')
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      role: r.role,
      unitId: r.unit_id === null ? null : Number(r.unit_id),
      regionCode: r.region_code,
      regionPath: r.region_path,
    }));
  }

  async function actorFor(
    user: { id: number; username: string; display_name: string },
    via: Actor['via'],
  ): Promise<Actor> {
    const posts = await postsOf(Number(user.id));
    return staffActor(
      { id: Number(user.id), username: user.username, displayName: user.display_name },
      posts,
      via,
    );
  }

  async function sessionActor(hash: string): Promise<LiveSession | null> {
    const row = await db
      .selectFrom('user_session')
      .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
      .select([
        'app_user.id',
        'app_user.username',
        'app_user.display_name',
        'app_user.must_change_password',
        'user_session.csrf_token',
      ])
      .where('user_session.token_hash', '=', hash)
      .where('user_session.revoked_at', 'is', null)
      .where('user_session.expires_at', '>', new Date())
      .where('app_user.disabled_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    return {
      actor: await actorFor(row, 'session'),
      csrfToken: row.csrf_token,
      mustChangePassword: row.must_change_password,
    };
  }

  async function tokenActor(hash: string): Promise<Actor | null> {
    const now = new Date();
    const row = await db
      .selectFrom('api_token')
      .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
      .select(['api_token.id as tokenId', 'app_user.id', 'app_user.username', 'app_user.display_name'])
      .where('api_token.token_hash', '=', hash)
      .where('api_token.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('api_token.expires_at', 'is', null), eb('api_token.expires_at', '>', now)]))
      .where('app_user.disabled_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    await db
      .updateTable('api_token')
      .set({ last_used_at: now })
      .where('id', '=', row.tokenId)
      .where((eb) =>
        eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - 60_000))]),
      )
      .execute();
    return actorFor(row, 'token');
  }

  async function fail(key: string, username: string, origin: Origin, reason: string): Promise<never> {
    const failures = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('login_throttle')
        .values({ username_key: key, failures: 1, last_failure_at: new Date() })
        .onConflict((oc) =>
          oc.column('username_key').doUpdateSet((eb) => ({
            failures: eb('login_throttle.failures', '+', 1),
            last_failure_at: new Date(),
          })),
        )
        .returning('failures')
        .executeTakeFirstOrThrow();
      const seconds = lockSeconds(row.failures);
      if (seconds > 0)
        await trx
          .updateTable('login_throttle')
          .set({ locked_until: new Date(Date.now() + seconds * 1000) })
          .where('username_key', '=', key)
          .execute();
      await audit.record(trx, {
        actorName: username.slice(0, 100),
        action: 'auth.login_failed',
        ip: origin.ip ?? null,
        detail: { reason, failures: row.failures },
      });
      return row.failures;
    });
    if (lockSeconds(failures) > 0) throw lockedProblem(lockSeconds(failures));
    throw unauthorized('wrong user name or password');
  }

  return {
    postsOf,
    actorFor,

    /**
     * Check a user name and password. The same work happens whether or not the user exists (a
     * dummy hash is verified), and failures count per user name, so neither the answer nor its
     * timing tells whether an account exists.
     */
    async login(username: string, password: string, origin: Origin): Promise<LoginResult> {
      const key = username.trim().toLowerCase();
      const throttle = await db
        .selectFrom('login_throttle')
        .select(['locked_until'])
        .where('username_key', '=', key)
        .executeTakeFirst();
      const user = await db
        .selectFrom('app_user')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['username']), '=', key))
        .where('disabled_at', 'is', null)
        .executeTakeFirst();
      const ok = await passwordHasher.verify(password, user?.password_hash ?? (await dummyPasswordHash()));
      const lockedFor = throttle?.locked_until
        ? Math.ceil((throttle.locked_until.getTime() - Date.now()) / 1000)
        : 0;
      if (lockedFor > 0) throw lockedProblem(lockedFor);
      if (!user || !ok) return fail(key, username, origin, user ? 'wrong password' : 'unknown user');
      const sessionToken = randomToken();
      const csrfToken = randomToken();
      const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
      const actor = await actorFor(user, 'session');
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('login_throttle').where('username_key', '=', key).execute();
        await trx
          .insertInto('user_session')
          .values({
            token_hash: sha256(sessionToken),
            user_id: user.id,
            csrf_token: csrfToken,
            ip: origin.ip ?? null,
            user_agent: origin.userAgent?.slice(0, 300) ?? null,
            expires_at: expiresAt,
          })
          .execute();
        await audit.record(trx, {
          actorUserId: Number(user.id),
          actorName: user.username,
          action: 'auth.login',
          objectType: 'user',
          objectId: user.id,
          regionPath: actor.regionPaths[0] ?? null,
          ip: origin.ip ?? null,
        });
      });
      return {
        actor,
        sessionToken,
        csrfToken,
        expiresAt,
        mustChangePassword: user.must_change_password,
      };
    },

    async logout(actor: Actor, sessionToken: string, origin: Origin): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('user_session')
          .set({ revoked_at: new Date() })
          .where('token_hash', '=', sha256(sessionToken))
          .execute();
        await audit.record(trx, {
          actor,
          action: 'auth.logout',
          objectType: 'user',
          objectId: actor.userId,
          regionPath: actor.regionPaths[0] ?? null,
          ip: origin.ip ?? null,
        });
      });
      forgetCredentials();
    },

    /** The actor behind a session cookie, with the session's CSRF token; null when not a live session. */
    fromSession(sessionToken: string): Promise<LiveSession | null> {
      const hash = sha256(sessionToken);
      return sessions.get(hash, () => sessionActor(hash));
    },

    /** The actor behind a bearer token; null when it is unknown, expired or revoked. */
    fromToken(token: string): Promise<Actor | null> {
      const hash = sha256(token);
      return tokens.get(hash, () => tokenActor(hash));
    },

    /** Forget the sessions and tokens this process keeps in memory (credentials changed). */
    forgetCredentials,

    /** Change one's own password (the current one is required); other sessions end. */
    async changePassword(
      actor: Actor,
      current: string,
      next: string,
      keepSession: string | undefined,
      origin: Origin,
    ) {
      const userId = actor.userId ?? 0;
      const user = await db
        .selectFrom('app_user')
        .selectAll()
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      if (!(await passwordHasher.verify(current, user.password_hash)))
        throw unprocessable('body.currentPassword', 'is not your current password');
      const problem = passwordProblem(next, user.username);
      if (problem) throw unprocessable('body.newPassword', problem);
      const hash = await passwordHasher.hash(next);
      await db.transaction().execute(async (trx) => {
        const now = new Date();
        await trx
          .updateTable('app_user')
          .set({
            password_hash: hash,
            must_change_password: false,
            password_changed_at: now,
            updated_at: now,
          })
          .where('id', '=', userId)
          .execute();
        await trx
          .updateTable('user_session')
          .set({ revoked_at: now })
          .where('user_id', '=', userId)
          .where('revoked_at', 'is', null)
          .$if(keepSession !== undefined, (q) => q.where('token_hash', '!=', sha256(keepSession ?? '')))
          .execute();
        await audit.record(trx, {
          actor,
          action: 'auth.password_change',
          objectType: 'user',
          objectId: userId,
          ip: origin.ip ?? null,
        });
      });
      forgetCredentials();
    },
  };
}

function lockedProblem(seconds: number): Problem {
  return new Problem(429, 'Too Many Requests', `too many failed log-ins; try again in ${seconds} s`, [], {
    retryAfter: seconds,
  });
}

export type AuthService = ReturnType<typeof createAuthService>;
