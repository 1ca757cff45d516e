import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  const database = await openDatabase({});
  const ctx = await createContext(config, database);
  await seedDemo(ctx);
  await stopModules(ctx);
  const dump = await database.pglite?.dumpDataDir('none');
  if (!dump) throw new Error('PGlite dump failed');
  const file = join(tmpdir(), `civicgrid-template-${tag}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('templateDatabase', file);
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
