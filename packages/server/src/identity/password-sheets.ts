import { randomUUID } from 'node:crypto';
import { writeWorkbook } from '../lib/spreadsheet.ts';

/** How long an import's password sheet waits for its administrator to download it. */
export const SHEET_TTL_MS = 60 * 60_000;

interface Stored {
  ownerUserId: number;
  expiresAt: number;
  rows: { username: string; displayName: string; password: string; posts: string }[];
}

/**
 * One-time passwords of imported users, kept only in this process's memory until the importing
 * administrator downloads them once (then forgotten) or an hour passes. Never stored in the database.
 */
export function createPasswordSheets(now: () => number = Date.now) {
  const sheets = new Map<string, Stored>();
  const sweep = () => {
    for (const [id, s] of sheets) if (s.expiresAt <= now()) sheets.delete(id);
  };
  return {
    put(ownerUserId: number, rows: Stored['rows']): { id: string; expiresAt: string; users: number } {
      sweep();
      const id = randomUUID();
      const expiresAt = now() + SHEET_TTL_MS;
      sheets.set(id, { ownerUserId, expiresAt, rows });
      return { id, expiresAt: new Date(expiresAt).toISOString(), users: rows.length };
    },
    /** The sheet, once, for its owner only; undefined for anyone else or when gone. */
    take(userId: number | null, id: string): Stored['rows'] | undefined {
      sweep();
      const s = sheets.get(id);
      if (!s || s.ownerUserId !== userId) return undefined;
      sheets.delete(id);
      return s.rows;
    },
  };
}

export type PasswordSheets = ReturnType<typeof createPasswordSheets>;

/** The sheet as an Excel workbook for the administrator to hand out (each user changes theirs at first log-in). */
export function passwordWorkbook(rows: Stored['rows']): Promise<Buffer> {
  return writeWorkbook([
    {
      name: 'passwords',
      columns: ['username', 'display_name', 'one_time_password', 'posts'],
      rows: rows.map((r) => [r.username, r.displayName, r.password, r.posts]),
    },
  ]);
}
