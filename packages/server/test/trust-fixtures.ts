import type { TestApp } from './harness.ts';
import type { LoggedIn } from './login.ts';

/** The first street, community and grid (by code) of a district: 和平区 120101000000, 河西区 120103000000. */
export async function firstGrid(t: TestApp, district: string): Promise<{ code: string; path: string }> {
  let parent = district;
  let place = { code: district, path: '' };
  for (let depth = 0; depth < 3; depth++) {
    place = await t.ctx.db
      .selectFrom('region')
      .select(['code', 'path'])
      .where('parent_code', '=', parent)
      .where('retired_at', 'is', null)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    parent = place.code;
  }
  return place;
}

export const HEPING = '120101000000';
export const HEXI = '120103000000';

/** Report a neighbour dispute in a grid through the API; returns the case view. */
export async function reportCase(
  t: TestApp,
  who: LoggedIn,
  gridCode: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: number; number: string } & Record<string, unknown>> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: who.headers,
    payload: {
      kind: 'dispute',
      category: 'dispute.neighbour',
      attributes: { parties_count: 2, risk_level: 'low' },
      description: '邻里纠纷（范围测试）',
      gridCode,
      channel: 'field',
      ...extra,
    },
  });
  if (res.statusCode !== 201) throw new Error(`report in ${gridCode}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Wait until `check` holds (the machine may be busy): polls, never a fixed sleep. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (v: T) => boolean,
  what: string,
): Promise<T> {
  const until = Date.now() + 30_000;
  for (;;) {
    const v = await read();
    if (check(v)) return v;
    if (Date.now() > until) throw new Error(`waited 30 s for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
