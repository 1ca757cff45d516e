// `npm run fuzz -- --cases N --seed S [--only 'POST /api/v1/users']`: the fuzz test of
// packages/server/test/fuzz.test.ts at any size (npm test runs 3,000 cases from a fixed seed).
// DATABASE_URL selects PostgreSQL, as for the other tests. --report FILE writes every failure.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '20000' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    only: { type: 'string' },
    report: { type: 'string' },
  },
});
const env = {
  ...process.env,
  FUZZ_CASES: values.cases,
  FUZZ_SEED: values.seed,
  ...(values.only ? { FUZZ_ONLY: values.only } : {}),
  ...(values.report ? { FUZZ_REPORT: values.report } : {}),
};
console.log(`fuzz: ${values.cases} cases from seed ${values.seed}${values.only ? ` on ${values.only}` : ''}`);
const r = spawnSync('npx', ['vitest', 'run', '--project', 'server', 'packages/server/test/fuzz.test.ts'], {
  stdio: 'inherit',
  env,
});
process.exit(r.status ?? 1);
