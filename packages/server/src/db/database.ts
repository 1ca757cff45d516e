import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import { PreparingClient } from './preparing-client.ts';
import type { DB } from './schema.ts';

// bigint (int8) and numeric come back as JS numbers / strings we control, not as strings.
pg.types.setTypeParser(20, (v) => Number(v));

export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Raw SQL execution of a whole script (migrations). */
  exec(script: string): Promise<void>;
  /** The underlying PGlite, when embedded (for dumps in tests). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite data folder; `memory://` (or undefined with no url) keeps it in memory. */
  dataDir?: string;
  /** A PGlite data-dir tarball to start from (tests clone a seeded template this way). */
  loadDataDir?: Blob;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: Number(process.env.DB_POOL_MAX ?? 10),
      Client: PreparingClient,
    });
    // An idle connection the server ends (restart, failover, a dropped database) must not crash
    // the process: the pool discards it and the next query opens a new one.
    pool.on('error', (error) => {
      process.emitWarning(`idle PostgreSQL connection closed: ${error.message}`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      exec: async (script) => {
        const client = await pool.connect();
        try {
          await client.query(script);
        } catch (error) {
          await client.query('rollback').catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      },
      close: () => db.destroy(),
    };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    pglite,
    // Run through Kysely so it waits for the single connection like every other query.
    exec: async (script) => {
      await db.connection().execute(async () => {
        await pglite.exec(script);
      });
    },
    close: () => db.destroy(),
  };
}

export async function ping(db: Db): Promise<boolean> {
  const r = await sql<{ ok: number }>`select 1 as ok`.execute(db);
  return r.rows[0]?.ok === 1;
}
