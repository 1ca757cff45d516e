import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { Actor } from '../identity/index.ts';
import { serverNow } from '../lib/clock.ts';

/** How long an import's password sheet waits for its administrator to download it. */
export const SHEET_TTL_MS = 60 * 60_000;

export interface PasswordRow {
  username: string;
  displayName: string;
  password: string;
  posts: string;
}

/** The sheet's key: derived from the server secret, for this one purpose. */
function sheetKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'civicgrid', 'setup password sheet v1', 32));
}

/** AES-256-GCM, bound (additional data) to the sheet's id and owner: a row copied elsewhere does not open. */
export function seal(secret: string, binding: string, rows: PasswordRow[]): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sheetKey(secret), iv).setAAD(Buffer.from(binding));
  const body = Buffer.concat([cipher.update(JSON.stringify(rows), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function unseal(secret: string, binding: string, sealed: string): PasswordRow[] {
  const data = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', sheetKey(secret), data.subarray(0, 12))
    .setAAD(Buffer.from(binding))
    .setAuthTag(data.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8'));
}

/**
 * One-time passwords of imported users, kept in the database (so a restart or another process
 * still has them) sealed with the server secret, until the importing administrator downloads them
 * once or SHEET_TTL_MS passes; either way the sealed text is then cleared.
 */
export function createPasswordSheets(ctx: AppContext) {
  const { db } = ctx;
  const secret = () => ctx.config.secret;
  const forgetExpired = (now: Date, on: Db = db) =>
    on
      .updateTable('setup_password_sheet')
      .set({ sealed: null })
      .where('sealed', 'is not', null)
      .where('expires_at', '<=', now)
      .execute();

  return {
    /** Keep a sheet; `trx` is the import's own transaction, so users and sheet are one write. */
    async put(
      ownerUserId: number,
      rows: PasswordRow[],
      trx: Db = db,
    ): Promise<{ id: string; expiresAt: string; users: number }> {
      const now = serverNow(ctx);
      await forgetExpired(now, trx);
      const id = randomUUID();
      const expiresAt = new Date(now.getTime() + SHEET_TTL_MS);
      await trx
        .insertInto('setup_password_sheet')
        .values({
          id,
          owner_user_id: ownerUserId,
          users: rows.length,
          sealed: seal(secret(), `${id}:${ownerUserId}`, rows),
          created_at: now,
          expires_at: expiresAt,
        })
        .execute();
      return { id, expiresAt: expiresAt.toISOString(), users: rows.length };
    },

    /**
     * The sheet, once, for its owner only, before it expires; undefined otherwise. Its sealed text
     * is cleared and the download audited in the same transaction.
     */
    async take(actor: Actor, id: string, ip?: string): Promise<PasswordRow[] | undefined> {
      const userId = actor.userId;
      if (userId === null) return undefined;
      const now = serverNow(ctx);
      await forgetExpired(now);
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('setup_password_sheet')
          .select('sealed')
          .where('id', '=', id)
          .where('owner_user_id', '=', userId)
          .where('sealed', 'is not', null)
          .where('expires_at', '>', now)
          .forUpdate()
          .executeTakeFirst();
        if (!row?.sealed) return undefined;
        const rows = unseal(secret(), `${id}:${userId}`, row.sealed);
        await trx
          .updateTable('setup_password_sheet')
          .set({ sealed: null, taken_at: now })
          .where('id', '=', id)
          .execute();
        await ctx.services.identity.audit.record(trx, {
          actor,
          action: 'user.passwords.download',
          objectType: 'password_sheet',
          objectId: id,
          ip,
          detail: { users: rows.map((r) => r.username) },
        });
        return rows;
      });
    },
  };
}

export type PasswordSheets = ReturnType<typeof createPasswordSheets>;
