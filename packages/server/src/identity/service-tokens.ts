import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './service-audit.ts';
import { type Origin, sha256 } from './service-auth.ts';

export const TOKEN_PREFIX = 'cgt_';

/** API tokens for integrations: created (the plain token is returned once), listed, revoked; stored as SHA-256. */
export function createTokensService(db: Db, audit: AuditService, credentialsChanged: () => void = () => {}) {
  const randomToken = () => randomBytes(32).toString('base64url');
  return {
    async createToken(actor: Actor, name: string, expiresInDays: number | undefined, origin: Origin) {
      const plain = `${TOKEN_PREFIX}${randomToken()}`;
      const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null;
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('api_token')
          .values({
            user_id: actor.userId ?? 0,
            name,
            prefix: plain.slice(0, 10),
            token_hash: sha256(plain),
            expires_at: expiresAt,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.record(trx, {
          actor,
          action: 'token.create',
          objectType: 'api_token',
          objectId: row.id,
          ip: origin.ip ?? null,
          detail: { name },
        });
        return { ...tokenView(row), token: plain };
      });
    },

    async listTokens(actor: Actor) {
      const rows = await db
        .selectFrom('api_token')
        .selectAll()
        .where('user_id', '=', actor.userId ?? 0)
        .orderBy('id', 'desc')
        .execute();
      return rows.map(tokenView);
    },

    async revokeToken(actor: Actor, id: number, origin: Origin): Promise<boolean> {
      const revoked = await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('api_token')
          .set({ revoked_at: new Date() })
          .where('id', '=', id)
          .where('user_id', '=', actor.userId ?? 0)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
        await audit.record(trx, {
          actor,
          action: 'token.revoke',
          objectType: 'api_token',
          objectId: id,
          ip: origin.ip ?? null,
        });
        return true;
      });
      credentialsChanged();
      return revoked;
    },
  };
}

function tokenView(r: {
  id: number;
  name: string;
  prefix: string;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}) {
  return {
    id: Number(r.id),
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at?.toISOString() ?? null,
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  };
}

export type TokensService = ReturnType<typeof createTokensService>;
