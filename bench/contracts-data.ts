/**
 * The generated cities the disputes and inspections benches run on: PostgreSQL databases
 * cg_bench_<name> on the server of DATABASE_URL, PGlite under .data/bench-<name>; each generated
 * once with `npm run gen` (no cases: only what the bench reads) and kept for later runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../packages/server/src/db/database.ts';
import { adminUrl, databaseUrlFor } from '../packages/server/test/pg-admin.ts';

const ROOT = join(import.meta.dirname, '..');
export const PG_URL = process.env.DATABASE_URL ?? '';

export interface GenTarget {
  label: 'PostgreSQL' | 'PGlite';
  name: string;
  /** The environment the server and `npm run gen` get to use this database. */
  env: Record<string, string>;
  open(): Promise<Database>;
}

function gen(env: Record<string, string>, args: string[]) {
  console.log(`generating: npm run gen -- ${args.join(' ')} …`);
  execFileSync('npx', ['tsx', 'packages/server/src/gen/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
}

/** A PostgreSQL target `cg_bench_<name>`, generated with `args` when missing. */
export async function pgTarget(name: string, args: string[]): Promise<GenTarget> {
  const db = `cg_bench_${name}`;
  const url = databaseUrlFor(PG_URL, db);
  const admin = await openDatabase({ url: adminUrl(PG_URL) });
  const exists = await sql`select 1 from pg_database where datname = ${db}`.execute(admin.db);
  if (exists.rows.length === 0) {
    await admin.exec(`create database ${db}`);
    await admin.close();
    gen({ DATABASE_URL: url }, args);
  } else await admin.close();
  return { label: 'PostgreSQL', name, env: { DATABASE_URL: url }, open: () => openDatabase({ url }) };
}

/** A PGlite target under .data/bench-<name>, generated with `args` when missing. */
export function pgliteTarget(name: string, args: string[]): GenTarget {
  const dir = join(ROOT, '.data', `bench-${name}`);
  if (!existsSync(join(dir, 'pglite'))) gen({ DATABASE_URL: '', DATA_DIR: dir }, args);
  return {
    label: 'PGlite',
    name,
    env: { DATABASE_URL: '', DATA_DIR: dir },
    open: () => openDatabase({ dataDir: join(dir, 'pglite') }),
  };
}

/** `--flag 1,2`: the numbers given after a flag (null when the flag is absent). */
export function sizesArg(flag: string): number[] | null {
  const i = process.argv.indexOf(flag);
  if (i < 0) return null;
  return (process.argv[i + 1] ?? '')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
}

export const sizeName = (n: number) => (n >= 1e6 ? `${n / 1e6}m` : `${n / 1e3}k`);

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};

/** p50 and p95 (ms) of `reps` calls after one warm-up call; `f(i)` may vary its input by i. */
export async function timed(reps: number, f: (i: number) => Promise<unknown>) {
  await f(0);
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await f(i);
    ms.push(performance.now() - t0);
  }
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

export const fixed = (n: number, digits = 1) => n.toFixed(digits);
