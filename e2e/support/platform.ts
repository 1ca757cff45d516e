import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createContext, seedDemo } from '../../packages/server/src/bootstrap.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import type { AppContext } from '../../packages/server/src/context.ts';
import { type Database, openDatabase } from '../../packages/server/src/db/database.ts';
import { buildApp, stopModules } from '../../packages/server/src/http/app.ts';
import { adminUrl, databaseUrlFor } from '../../packages/server/test/pg-admin.ts';

const ROOT = join(import.meta.dirname, '../..');
const WEB = join(ROOT, 'packages/web');

function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Build the console when dist is missing or older than its sources (npm test builds it first). */
export function ensureWebBuilt() {
  const index = join(WEB, 'dist/index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(join(WEB, 'src'))) return;
  // vitest sets NODE_ENV=test, which would bundle React's development build
  const env = { ...process.env, NODE_ENV: 'production' };
  const r = spawnSync('npm', ['run', 'build', '-w', '@civicgrid/web'], { cwd: ROOT, stdio: 'inherit', env });
  if (r.status !== 0) throw new Error('building the web console failed');
}

export interface Platform {
  url: string;
  ctx: AppContext;
  app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * The real platform on a random port: a fresh database (PGlite in memory, or a new database on
 * the DATABASE_URL server) with the Tianjin demo seeded, every module, the built console.
 */
export async function startPlatform(): Promise<Platform> {
  ensureWebBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'cg-e2e-'));
  const url = process.env.DATABASE_URL;
  let database: Database;
  let dropDatabase = async () => {};
  if (url) {
    const name = `cg_e2e_${process.pid}_${Date.now() % 100000}`;
    const admin = await openDatabase({ url: adminUrl(url) });
    await admin.exec(`create database ${name}`);
    database = await openDatabase({ url: databaseUrlFor(url, name) });
    dropDatabase = async () => {
      await admin.exec(`drop database if exists ${name} with (force)`);
      await admin.close();
    };
  } else {
    database = await openSeededPglite();
  }
  const config = { ...loadConfig(), logLevel: 'warn', demo: true, dataDir, port: 0, host: '127.0.0.1' };
  const ctx = await createContext(config, database);
  await seedDemo(ctx);
  const app = await buildApp(ctx, { logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    ctx,
    app,
    async close() {
      await app.close();
      await stopModules(ctx);
      await database.close();
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const configForSeeding = () => ({ ...loadConfig(), logLevel: 'warn', demo: true, databaseUrl: undefined });

/**
 * PGlite with the demo seeded. Outside CI the seeded database is kept in the temp folder, keyed
 * by a hash of everything it depends on, so a second local run starts in seconds.
 */
async function openSeededPglite(): Promise<Database> {
  const file = join(tmpdir(), `civicgrid-e2e-${sourceHash()}.tar`);
  if (!process.env.CI && existsSync(file))
    return openDatabase({ loadDataDir: new Blob([readFileSync(file)]) });
  const database = await openDatabase({});
  const ctx = await createContext(configForSeeding(), database);
  await seedDemo(ctx);
  await stopModules(ctx);
  if (!process.env.CI) {
    const dump = await database.pglite?.dumpDataDir('none');
    if (dump) {
      writeFileSync(`${file}.${process.pid}`, Buffer.from(await dump.arrayBuffer()));
      renameSync(`${file}.${process.pid}`, file);
    }
  }
  return database;
}

function sourceHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (!entry.name.includes('.test.')) hash.update(p.slice(ROOT.length)).update(readFileSync(p));
    }
  };
  for (const dir of ['packages/server/src', 'packages/server/migrations', 'data']) walk(join(ROOT, dir));
  return hash.digest('hex').slice(0, 16);
}
