/**
 * Run every bench/*.bench.ts in turn, each in its own process (a fresh heap, one core's worth of
 * work), passing on the arguments (`--full` for the full sizes). Each prints its own table.
 *
 *   npm run bench              the default sizes (a few minutes)
 *   npm run bench -- --full    the full sizes
 *   npm run bench -- locate    only the benches whose file name contains "locate"
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const filters = args.filter((a) => !a.startsWith('--'));
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
  .sort();

let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ${args.join(' ')}`.trimEnd());
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, file), ...args], {
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    failed++;
    console.error(`${file} failed (exit ${run.status ?? run.signal})`);
  }
}
if (benches.length === 0) console.log('no benches matched');
process.exit(failed ? 1 : 0);
