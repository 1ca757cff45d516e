import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './harness.ts';
import { loginAs } from './login.ts';
import { casesMatrix } from './scope-matrix/cases.ts';
import { casesTimeMatrix } from './scope-matrix/cases-time.ts';
import { dashboardMatrix } from './scope-matrix/dashboard.ts';
import { identityMatrix } from './scope-matrix/identity.ts';
import { inspectionsMatrix } from './scope-matrix/inspections.ts';
import { open311Matrix, portalMatrix } from './scope-matrix/open311.ts';
import { platformMatrix } from './scope-matrix/platform.ts';
import { regionsMatrix } from './scope-matrix/regions.ts';
import {
  type Answer,
  MATRIX_USERS,
  type MatrixEntry,
  type MatrixFixture,
  type MatrixModule,
  type MatrixUser,
  type Place,
} from './scope-matrix/types.ts';
import { webMatrix } from './scope-matrix/web.ts';

/**
 * The scope matrix: for every endpoint in the OpenAPI document and every demo user (and an
 * anonymous caller), a request about something inside 和平区 and the same about 河西区, with the
 * answer each must get. A new endpoint fails the first test until its entry is added: add one
 * entry per endpoint to your module's file in scope-matrix/ (and the module to this list).
 */
const MODULES: MatrixModule[] = [
  platformMatrix,
  identityMatrix,
  regionsMatrix,
  casesMatrix,
  casesTimeMatrix,
  open311Matrix,
  portalMatrix,
  dashboardMatrix,
  inspectionsMatrix,
  webMatrix,
];
const ENTRIES: MatrixEntry[] = MODULES.flatMap((m) => m.entries);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('scope matrix', () => {
  const f = { ids: {}, sessions: {} } as MatrixFixture;
  let counter = 0;
  beforeAll(async () => {
    f.t = await createTestApp({ demo: true });
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
    for (const u of MATRIX_USERS) if (u !== 'anonymous') f.sessions[u] = await loginAs(f.t.app, u);
    for (const m of MODULES) await m.setup?.(f);
  });
  afterAll(() => f.t.close());

  it('has one entry for every endpoint in the OpenAPI document, and none for endpoints that are gone', () => {
    const doc = f.t.app.swagger() as unknown as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => METHODS.includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    const known = ENTRIES.map((e) => e.route);
    expect({ missingEntries: routes.filter((r) => !known.includes(r)).sort() }).toEqual({
      missingEntries: [],
    });
    expect({ staleEntries: known.filter((r) => !routes.includes(r)) }).toEqual({ staleEntries: [] });
    expect({ duplicated: known.filter((r, i) => known.indexOf(r) !== i) }).toEqual({ duplicated: [] });
  });

  it.each(ENTRIES.map((e) => [e.route, e] as const))(
    '%s answers each user as expected, inside and outside',
    async (_route, entry) => {
      await entry.setup?.(f);
      const wrong: string[] = [];
      for (const who of MATRIX_USERS) {
        const [inside, outside] = entry.expect[who];
        const sides = [
          ['inside', entry.inside, inside] as const,
          ['outside', entry.outside, outside] as const,
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
