import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database.ts';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface Migration {
  name: string;
  checksum: string;
  sql: string;
}

/** The plain SQL migrations, in file-name order (modules own number ranges: see CONTRIBUTING.md). */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

async function ensureTable(database: Database) {
  await database.exec(`create table if not exists schema_migrations (
    name text primary key, checksum text not null, applied_at timestamptz not null default now())`);
}

export async function appliedMigrations(database: Database): Promise<Map<string, string>> {
  await ensureTable(database);
  const rows = await sql<{
    name: string;
    checksum: string;
  }>`select name, checksum from schema_migrations`.execute(database.db);
  return new Map(rows.rows.map((r) => [r.name, r.checksum]));
}

/** Names of migrations not yet applied (empty when the schema is current). */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const applied = await appliedMigrations(database);
  return loadMigrations()
    .filter((m) => !applied.has(m.name))
    .map((m) => m.name);
}

/**
 * Apply every pending migration, each in its own transaction. On PostgreSQL an advisory lock
 * keeps two starting servers from migrating at once. An applied file whose text changed is an error.
 */
export async function migrate(database: Database): Promise<string[]> {
  await ensureTable(database);
  const done: string[] = [];
  const applied = await appliedMigrations(database);
  for (const m of loadMigrations()) {
    const seen = applied.get(m.name);
    if (seen) {
      if (seen !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied`);
      continue;
    }
    const escaped = m.name.replaceAll("'", "''");
    // On PostgreSQL a transaction-scoped advisory lock serialises servers starting together;
    // the loser finds the migration recorded and skips it.
    const lock = database.kind === 'postgres' ? 'select pg_advisory_xact_lock(727274);' : '';
    try {
      await database.exec(
        `begin;${lock}\n${m.sql}\n;insert into schema_migrations (name, checksum) values ('${escaped}', '${m.checksum}');\ncommit;`,
      );
    } catch (error) {
      if ((await appliedMigrations(database)).has(m.name)) continue;
      throw new Error(`migration ${m.name} failed: ${(error as Error).message}`);
    }
    done.push(m.name);
  }
  return done;
}
