import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';

/**
 * Lists count their matches up to this many: beyond it the answer says "more than 10,000"
 * (`totalCapped`) instead of counting a million rows on every page.
 */
export const TOTAL_CAP = 10_000;

/** How many rows a list's query matches, counted up to `cap` (one statement, stopping at cap + 1). */
export async function countCapped<DB, TB extends keyof DB, O>(
  db: Kysely<DB>,
  query: SelectQueryBuilder<DB, TB, O>,
  cap = TOTAL_CAP,
): Promise<{ total: number; totalCapped: boolean }> {
  const matching = query
    .clearSelect()
    .clearOrderBy()
    .select(sql<number>`1`.as('one'))
    .limit(cap + 1);
  const r = await sql<{ n: number }>`select count(*)::int as n from (${matching}) as matching`.execute(db);
  const n = Number(r.rows[0]?.n ?? 0);
  return { total: Math.min(n, cap), totalCapped: n > cap };
}
