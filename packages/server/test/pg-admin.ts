import { sql } from 'kysely';
import type { Database } from '../src/db/database.ts';

/** The same server, database `postgres` (to create and drop test databases). */
export function adminUrl(url: string): string {
  return databaseUrlFor(url, 'postgres');
}

export function databaseUrlFor(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function dropTestDatabases(admin: Database, tag: string) {
  const { rows } = await sql<{
    datname: string;
  }>`select datname from pg_database where datname like ${`cg_t_${tag}_%`}`.execute(admin.db);
  for (const r of rows) await admin.exec(`drop database if exists ${r.datname} with (force)`);
}
