import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createContext, seedDemo } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { stopModules } from '../src/http/app.ts';
import { adminUrl, databaseUrlFor, dropTestDatabases } from './pg-admin.ts';

/**
 * Build the seeded demo database once per run; every test file starts from a copy of it.
 * PGlite: a data-dir tarball on disk. PostgreSQL: a template database.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  const tag = `${process.pid}`;
  const config = { ...loadConfig(), logLevel: 'warn', databaseUrl: undefined };
  if (url) {
    const template = `cg_tpl_${tag}`;
    const admin = await openDatabase({ url: adminUrl(url) });
    await admin.exec(`drop database if exists ${template}`);
    await admin.exec(`create database ${template}`);
    const database = await openDatabase({ url: databaseUrlFor(url, template) });
    const ctx = await createContext({ ...config, databaseUrl: databaseUrlFor(url, template) }, database);
    await seedDemo(ctx);
    await stopModules(ctx);
    await database.close();
    project.provide('templateDatabase', template);
    return async () => {
      await dropTestDatabases(admin, tag);
      await admin.exec(`drop database if exists ${template}`);
      await admin.close();
    };
  }
  // Locally, a template built from the same sources is reused between runs (CI always builds anew).
  const file = join(tmpdir(), `civicgrid-template-${sourceHash()}.tar`);
  if (!process.env.CI && existsSync(file)) {
    project.provide('templateDatabase', file);
    return;
  }
  const database = await openDatabase({});
  const ctx = await createContext(config, database);
  await seedDemo(ctx);
  await stopModules(ctx);
  const dump = await database.pglite?.dumpDataDir('none');
  if (!dump) throw new Error('PGlite dump failed');
  writeFileSync(`${file}.${tag}`, Buffer.from(await dump.arrayBuffer()));
  renameSync(`${file}.${tag}`, file);
  await database.close();
  project.provide('templateDatabase', file);
}

/** A hash of everything the seeded template depends on: migrations, server sources, data. */
function sourceHash(): string {
  const root = join(import.meta.dirname, '../../..');
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (!entry.name.includes('.test.')) hash.update(relative(root, p)).update(readFileSync(p));
    }
  };
  for (const dir of ['packages/server/src', 'packages/server/migrations', 'data']) walk(join(root, dir));
  return hash.digest('hex').slice(0, 16);
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
