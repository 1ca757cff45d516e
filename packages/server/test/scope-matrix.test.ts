import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './harness.ts';
import { loginAs } from './login.ts';
import { MATRIX_ENTRIES, MATRIX_MODULES } from './scope-matrix/modules.ts';
import {
  type Answer,
  MATRIX_USERS,
  type MatrixEntry,
  type MatrixFixture,
  type MatrixModule,
  type MatrixUser,
  type Place,
} from './scope-matrix/types.ts';

/**
 * The scope matrix: for every endpoint the app registers and every demo user (and an anonymous
 * caller), a request about something inside 和平区 and the same about 河西区, with the answer each
 * must get. scope-matrix-coverage.test.ts fails while an endpoint has no entry: add one entry per
 * endpoint to your module's file in scope-matrix/ (a new file is listed in scope-matrix/modules.ts).
 */
const MODULES: MatrixModule[] = MATRIX_MODULES;
const ENTRIES: MatrixEntry[] = MATRIX_ENTRIES;

describe('scope matrix', () => {
  const f = { ids: {}, sessions: {} } as MatrixFixture;
  let counter = 0;
  beforeAll(async () => {
    // the test client stands for the proxy in front of the server: its X-Forwarded-For is believed
    f.t = await createTestApp({ demo: true, trustProxy: ['127.0.0.1'] });
    f.unique = () => {
      let n = ++counter;
      let word = '';
      do {
        word = String.fromCharCode(97 + (n % 26)) + word;
        n = Math.floor(n / 26);
      } while (n > 0);
      return `${word}${'x'.repeat(Math.max(0, 3 - word.length))}`;
    };
    f.inside = await corner(f, '120101000000');
    f.outside = await corner(f, '120103000000');
    f.neighbourGrid = await f.t.ctx.db
      .selectFrom('region')
      .select(['code', 'path'])
      .where('parent_code', '=', f.inside.community.code)
      .where('code', '!=', f.inside.grid.code)
      .where('retired_at', 'is', null)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    for (const u of MATRIX_USERS) if (u !== 'anonymous') f.sessions[u] = await loginAs(f.t.app, u);
    for (const m of MODULES) await m.setup?.(f);
  });
  afterAll(() => f.t.close());

  it.each(ENTRIES.map((e) => [e.route, e] as const))(
    '%s answers each user as expected, inside and outside',
    async (_route, entry) => {
      await entry.setup?.(f);
      const wrong: string[] = [];
      for (const who of MATRIX_USERS) {
        const [inside, outside, neighbour] = entry.expect[who];
        const sides = [
          ['inside', entry.inside, inside] as const,
          ['outside', entry.outside, outside] as const,
          ['neighbour grid', entry.neighbour, neighbour] as const,
        ];
        for (const [where, build, expected] of sides) {
          if (!build || expected === undefined) continue;
          const got = await answer(f, entry, who, await build(f, who));
          if (got !== expected) wrong.push(`${who} ${where}: expected ${expected}, got ${got}`);
        }
      }
      expect(wrong).toEqual([]);
    },
  );
});

async function answer(
  f: MatrixFixture,
  entry: MatrixEntry,
  who: MatrixUser,
  probe: Awaited<ReturnType<MatrixEntry['inside']>>,
): Promise<Answer> {
  const session =
    who === 'anonymous' ? undefined : probe.freshSession ? await loginAs(f.t.app, who) : f.sessions[who];
  const res = await f.t.app.inject({
    method: probe.method,
    url: probe.url,
    headers: { ...(session?.headers ?? {}), ...(probe.headers ?? {}) },
    ...(probe.payload !== undefined ? { payload: probe.payload as object } : {}),
  });
  if (res.statusCode !== 200) return res.statusCode;
  const expected = entry.expect[who];
  if (!expected.includes('some') && !expected.includes('none')) return 200;
  const body = res.json() as { items?: unknown[] };
  const n = entry.count ? entry.count(body) : (body.items?.length ?? 0);
  return n > 0 ? 'some' : 'none';
}

/** The first street, community and grid (by code) of a district. */
async function corner(f: MatrixFixture, district: string) {
  const first = async (parent: string): Promise<Place> =>
    f.t.ctx.db
      .selectFrom('region')
      .select(['code', 'path'])
      .where('parent_code', '=', parent)
      .where('retired_at', 'is', null)
      .orderBy('code')
      .executeTakeFirstOrThrow();
  const d = await f.t.ctx.db
    .selectFrom('region')
    .select(['code', 'path'])
    .where('code', '=', district)
    .executeTakeFirstOrThrow();
  const street = await first(district);
  const community = await first(street.code);
  return { district: d, street, community, grid: await first(community.code) };
}
