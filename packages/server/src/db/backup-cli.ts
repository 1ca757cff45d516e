import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { dumpPglite, PID_FILE, REQUEST_FILE, restoreBackup, writeBackup } from './backup.ts';
import { openDatabase } from './database.ts';

const USAGE = 'usage: npm run db:backup [-- <folder>]  |  npm run db:restore -- <folder>';
const [command, arg] = process.argv.slice(2);
const config = loadConfig();

function runningServer(): number | null {
  const file = join(config.dataDir, PID_FILE);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8'));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

async function backup() {
  const target = resolve(
    arg ?? join('backups', `civicgrid-${new Date().toISOString().replace(/[:.]/g, '-')}`),
  );
  if (existsSync(target)) throw new Error(`${target} exists already`);
  const pid = runningServer();
  if (pid) {
    // The running server holds the database: it writes the backup itself, between queries.
    writeFileSync(join(config.dataDir, REQUEST_FILE), JSON.stringify({ target }));
    process.kill(pid, 'SIGUSR2');
    const until = Date.now() + 30 * 60_000;
    while (!existsSync(target)) {
      if (Date.now() > until)
        throw new Error('the server did not write the backup within 30 minutes: see its log');
      await new Promise((r) => setTimeout(r, 200));
    }
  } else {
    const database = await openDatabase({ dataDir: join(config.dataDir, 'pglite') });
    const dump = await dumpPglite(database);
    await database.close();
    writeBackup(target, dump, config.dataDir);
  }
  console.log(`backup written to ${target}${pid ? ` by the running server (pid ${pid})` : ''}`);
}

async function run() {
  if (config.databaseUrl) {
    console.error('DATABASE_URL is set: back PostgreSQL up with pg_dump / pg_basebackup (README, "Backups")');
    process.exitCode = 2;
    return;
  }
  if (command === 'backup') return backup();
  if (command === 'restore' && arg) {
    if (runningServer()) throw new Error('stop the server before restoring into its data folder');
    const { attachments } = await restoreBackup(resolve(arg), config.dataDir);
    rmSync(join(config.dataDir, REQUEST_FILE), { force: true });
    console.log(`restored ${resolve(arg)} into ${config.dataDir} (${attachments} attachment files)`);
    return;
  }
  console.error(USAGE);
  process.exitCode = 2;
}

run().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
