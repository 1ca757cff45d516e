import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { ensureYearlyPartitions } from './partitions.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('yearly partitions of cases and their history', () => {
  it('are created ahead up to the year asked for, once', async () => {
    const created = await ensureYearlyPartitions(t.ctx.db, 2031);
    expect(created).toEqual(expect.arrayContaining(['cases_p2029', 'cases_p2031', 'case_action_p2030']));
    expect(await ensureYearlyPartitions(t.ctx.db, 2031)).toEqual([]);
    await sql`insert into cases (city_code, district_code, number, kind, category_code, title, channel, status, level, reported_at)
      values ('120000000000', '120101000000', 'P-2030', 'request', 'request.noise', 'p', 'phone', 'reported', 'community', '2030-06-01T00:00:00Z')`.execute(
      t.ctx.db,
    );
    const where = await sql<{
      t: string;
    }>`select tableoid::regclass::text as t from cases where number = 'P-2030'`.execute(t.ctx.db);
    expect(where.rows[0]?.t).toBe('cases_p2030');
  });
});
