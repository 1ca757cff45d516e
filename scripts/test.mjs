// `npm test`: type-check, lint, the server suite (unit + API on the real database), then the
// end-to-end suite in Chromium when it is installed. DATABASE_URL selects PostgreSQL.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const db = process.env.DATABASE_URL
  ? `PostgreSQL (${new URL(process.env.DATABASE_URL).host})`
  : 'embedded PGlite';

function run(label, cmd, args) {
  console.log(`\n== ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`\n== ${label} failed`);
    process.exit(r.status ?? 1);
  }
}

run('type-check', 'npx', ['tsc', '-p', 'packages/server', '--noEmit']);
if (existsSync('packages/web/tsconfig.json'))
  run('type-check web', 'npx', ['tsc', '-p', 'packages/web', '--noEmit']);
run('lint', 'npx', ['biome', 'check', '.']);
run('module boundaries (no import circles, no reach into another module; CONTRIBUTING.md)', 'npm', [
  'run',
  '--silent',
  'check:boundaries',
]);
run("API contract (the console's types match the OpenAPI document; CONTRIBUTING.md)", 'npm', [
  'run',
  '--silent',
  'api:types:check',
]);
run(`server tests on ${db}`, 'npx', ['vitest', 'run', '--project', 'server']);
if (existsSync(chromium)) {
  run('build web console', 'npm', ['run', 'build', '--if-present']);
  run(`end-to-end tests in Chromium on ${db}`, 'npx', [
    'vitest',
    'run',
    '--project',
    'e2e',
    '--passWithNoTests',
  ]);
} else {
  console.log(
    `\n== end-to-end suite LEFT OUT: no Chromium at ${chromium}. ` +
      'Install it (apt-get install chromium) or set CHROMIUM_PATH to run it.',
  );
}
if (!process.env.DATABASE_URL) {
  console.log(
    '\n== note: ran on the embedded PGlite. Set DATABASE_URL=postgres://… to run the same suite on PostgreSQL (CI does both).',
  );
}
