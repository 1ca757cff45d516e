import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNCHECKED_INPUT } from '../src/http/error-handler.ts';
import { candidates, type FuzzCase } from './fuzz/cases.ts';
import { changedTables, fingerprint } from './fuzz/fingerprint.ts';
import { type Operation, operationsOf } from './fuzz/operations.ts';
import { seeded } from './fuzz/values.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

/**
 * The fuzz test: every operation of our own OpenAPI document gets hostile input (wrong types,
 * huge and negative numbers, NUL, lone surrogates, huge strings, deep nesting, wrong content
 * types, missing fields, unknown ids) as an anonymous caller, a grid worker and an
 * administrator. Asserted: no 5xx; every 4xx is problem+json (Open311's own error list on its
 * routes); the server still answers; a refused request changed no row.
 * `npm test` runs FUZZ_CASES (default 3,000) cases from FUZZ_SEED; the full run is
 * `npm run fuzz -- --cases N --seed S [--only 'POST /api/v1/users']` (docs/security.md).
 */
process.env.CASES_PERIODIC_MS = '0';
const TOTAL = Number(process.env.FUZZ_CASES ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const ONLY = process.env.FUZZ_ONLY;
const ROLES = ['anonymous', 'gridworker', 'admin'] as const;
type FuzzRole = (typeof ROLES)[number];
/** Operations whose success would end the fuzzing session itself. */
const SKIP_AS_SIGNED_IN = new Set(['POST /api/v1/auth/logout']);
const BATCH = 20;

interface Sent {
  c: FuzzCase;
  status: number;
}

describe('fuzz: hostile input to every operation of the OpenAPI document', () => {
  let t: TestApp;
  let ops: Operation[];
  const sessions: Partial<Record<FuzzRole, LoggedIn>> = {};
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    for (const role of ROLES) if (role !== 'anonymous') sessions[role] = await loginAs(t.app, role);
    ops = operationsOf(t.app.swagger()).filter((op) => !ONLY || op.name === ONLY);
  });
  afterAll(() => t?.close());

  it('reads the operations from the OpenAPI document', () => {
    expect(ops.length).toBeGreaterThan(ONLY ? 0 : 50);
  });

  const describeCase = (role: FuzzRole, c: FuzzCase) =>
    `${role} ${c.op.name}: ${c.what} (${c.method} ${c.url.length > 120 ? `${c.url.slice(0, 120)}…` : c.url})`;

  /** What is wrong with an answer, or null. */
  function judge(c: FuzzCase, res: { statusCode: number; headers: Record<string, unknown>; body: string }) {
    const type = String(res.headers['content-type'] ?? '');
    if (res.statusCode >= 500) return `answered ${res.statusCode}: ${res.body.slice(0, 300)}`;
    if (res.statusCode < 400) return null;
    if (c.op.open311) {
      const ok = type.includes('xml')
        ? res.body.includes('<errors>')
        : (() => {
            try {
              const list = JSON.parse(res.body) as { code?: unknown; description?: unknown }[];
              return (
                Array.isArray(list) && list.every((e) => e.code !== undefined && e.description !== undefined)
              );
            } catch {
              return false;
            }
          })();
      return ok
        ? null
        : `answered ${res.statusCode} without an Open311 error list: ${res.body.slice(0, 200)}`;
    }
    if (!type.includes('application/problem+json'))
      return `answered ${res.statusCode} as ${type || 'no content type'}, not problem+json: ${res.body.slice(0, 200)}`;
    const problem = JSON.parse(res.body) as { status?: number; type?: string };
    if (problem.status !== res.statusCode)
      return `problem says status ${problem.status}, answer ${res.statusCode}`;
    if (problem.type === UNCHECKED_INPUT)
      return `input reached the database unchecked: ${res.body.slice(0, 300)}`;
    return null;
  }

  for (const role of ROLES)
    it(`as ${role}: no 5xx, every refusal a problem, and a refusal changes nothing`, async () => {
      const rng = seeded(SEED + ROLES.indexOf(role));
      const avoid = Object.values(sessions).map((s) => s.userId);
      const mine = ops.filter((op) => role === 'anonymous' || !SKIP_AS_SIGNED_IN.has(op.name));
      const perOp = Math.max(1, Math.ceil(TOTAL / ROLES.length / mine.length));
      const cases: FuzzCase[] = [];
      for (const op of mine) {
        const all = candidates(op, rng, avoid);
        // The ordinary request first, then a seeded choice of the rest.
        const chosen = new Set([0]);
        while (chosen.size < Math.min(perOp, all.length)) chosen.add(rng.int(0, all.length - 1));
        for (const i of chosen) cases.push((all[i] as () => FuzzCase)());
      }
      const failures: string[] = [];
      // Reads first (one fingerprint around all of them: a read changes nothing), then writes in
      // batches, each compared with the fingerprint before it unless one of them succeeded.
      const reads = cases.filter((c) => c.method === 'GET');
      const writes = cases.filter((c) => c.method !== 'GET');
      const send = async (c: FuzzCase) => {
        const res = await t.app.inject({
          method: c.method as 'GET',
          url: c.url,
          headers: { ...(sessions[role]?.headers ?? {}), ...c.headers },
          ...(c.payload !== undefined ? { payload: c.payload } : {}),
        });
        const wrong = judge(c, res);
        if (wrong) failures.push(`${describeCase(role, c)} ${wrong}`);
        return res.statusCode;
      };
      const stillAlive = async (batch: FuzzCase[]) => {
        const alive = await t.app.inject({ url: '/healthz' });
        if (alive.statusCode !== 200)
          failures.push(`server not healthy after: ${batch.map((c) => describeCase(role, c)).join('; ')}`);
        if (role !== 'anonymous') {
          const me = await t.app.inject({ url: '/api/v1/auth/me', headers: sessions[role]?.headers ?? {} });
          if (me.statusCode !== 200) sessions[role] = await loginAs(t.app, role);
        }
        return alive.statusCode === 200;
      };
      let before = await fingerprint(t.ctx.db);
      for (let start = 0; start < reads.length; start += BATCH) {
        const batch = reads.slice(start, start + BATCH);
        for (const c of batch) await send(c);
        if (!(await stillAlive(batch))) break;
      }
      let after = await fingerprint(t.ctx.db);
      const changedByReads = changedTables(before, after);
      if (changedByReads.length) failures.push(`reads changed ${changedByReads.join(', ')}`);
      before = after;
      for (let start = 0; start < writes.length; start += BATCH) {
        const batch: Sent[] = [];
        for (const c of writes.slice(start, start + BATCH)) batch.push({ c, status: await send(c) });
        if (!(await stillAlive(batch.map((b) => b.c)))) break;
        after = await fingerprint(t.ctx.db);
        const changed = changedTables(before, after);
        if (changed.length && batch.every((b) => b.status >= 400))
          failures.push(
            `refused requests changed ${changed.join(', ')}; one of:\n  ${batch
              .map((b) => `${b.status} ${describeCase(role, b.c)}`)
              .join('\n  ')}`,
          );
        before = after;
      }
      if (process.env.FUZZ_REPORT) appendFileSync(process.env.FUZZ_REPORT, `${failures.join('\n')}\n`);
      const shown = failures.slice(0, 40);
      expect(
        shown,
        `${failures.length} failures among ${cases.length} cases (seed ${SEED}); reproduce with ` +
          `npm run fuzz -- --seed ${SEED} --cases ${TOTAL} --only '<METHOD /path>'`,
      ).toEqual([]);
    }, 900_000);
});
