import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database.ts';
import { openDatabase } from './database.ts';

/**
 * A backup of an embedded installation is a folder: `database.tar.gz` (PGlite's data folder,
 * dumped while no query runs, so it is consistent) and `attachments/` (the files cases refer
 * to, content-addressed), with `backup.json` saying what and when.
 */
export const DUMP_FILE = 'database.tar.gz';
export const MANIFEST = 'backup.json';
export const PID_FILE = 'server.pid';
export const REQUEST_FILE = 'backup-request.json';

/** Dump a running PGlite consistently: the dump holds its only connection, so no query is half-done. */
export async function dumpPglite(database: Database): Promise<Buffer> {
  const pglite = database.pglite;
  if (!pglite)
    throw new Error(
      'db:backup is for the embedded database; back PostgreSQL up with pg_dump or pg_basebackup',
    );
  const blob = await database.db.connection().execute(async () => pglite.dumpDataDir('gzip'));
  return Buffer.from(await blob.arrayBuffer());
}

/** Write a backup folder from a dump and the data folder's attachments. Written aside, then renamed: never half there. */
export function writeBackup(target: string, dump: Buffer, dataDir: string): { attachments: number } {
  const partial = `${target}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  writeFileSync(join(partial, DUMP_FILE), dump);
  const attachments = join(dataDir, 'attachments');
  let files = 0;
  if (existsSync(attachments)) {
    cpSync(attachments, join(partial, 'attachments'), { recursive: true });
    files = countFiles(join(partial, 'attachments'));
  }
  writeFileSync(
    join(partial, MANIFEST),
    `${JSON.stringify({ kind: 'civicgrid-pglite-backup', version: 1, at: new Date().toISOString(), attachments: files }, null, 2)}\n`,
  );
  renameSync(partial, target);
  return { attachments: files };
}

function countFiles(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true }))
    n += entry.isDirectory() ? countFiles(join(dir, entry.name)) : 1;
  return n;
}

/** Restore a backup folder into an empty data folder (refused when it already holds a database). */
export async function restoreBackup(source: string, dataDir: string): Promise<{ attachments: number }> {
  const manifest = JSON.parse(readFileSync(join(source, MANIFEST), 'utf8')) as {
    kind?: string;
    attachments?: number;
  };
  if (manifest.kind !== 'civicgrid-pglite-backup')
    throw new Error(`${source} is not a CivicGrid backup folder`);
  const pgliteDir = join(dataDir, 'pglite');
  if (existsSync(pgliteDir) && readdirSync(pgliteDir).length > 0)
    throw new Error(
      `${pgliteDir} already holds a database: restore into an empty DATA_DIR (move the old one aside first)`,
    );
  const dump = readFileSync(join(source, DUMP_FILE));
  const database = await openDatabase({ dataDir: pgliteDir, loadDataDir: new Blob([dump]) });
  await database.close();
  if (existsSync(join(source, 'attachments')))
    cpSync(join(source, 'attachments'), join(dataDir, 'attachments'), { recursive: true });
  return { attachments: manifest.attachments ?? 0 };
}
