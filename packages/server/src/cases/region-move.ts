import { sql, type Transaction } from 'kysely';
import {
  applyCaseDeltas,
  moveRollupParent,
  ROLLUP_CASE_COLUMNS,
  type RollupCase,
} from '../dashboard/index.ts';
import type { DB } from '../db/schema.ts';

/** A region and its subtree moved (regions' RegionMove): paths under `fromPath` now start with `toPath`. */
interface Move {
  code: string;
  fromPath: string;
  toPath: string;
}

const COLUMNS = ['id', ...ROLLUP_CASE_COLUMNS] as const;
type MovedCase = RollupCase & { id: number | string };
const BEFORE = sql.raw(COLUMNS.map((c) => `old.${c} as b_${c}`).join(', '));
const AFTER = sql.raw(COLUMNS.map((c) => `upd.${c}`).join(', '));
const RETURNED = sql.raw(COLUMNS.map((c) => `c.${c}`).join(', '));
/** Rounds of the version-checked update before the move gives up (each round moves what did not change meanwhile). */
const ROUNDS = 10;

/**
 * The cases of a moved region follow it, inside the move's transaction: their region path and
 * the ancestor codes read from it (district, street, community; the grid's own code stays), and
 * their dashboard figures move from the old regions' rollups to the new ones through the same
 * delta as every change of a case (the region's own rollup rows name its new parent).
 * Written like every change of a case (the one writer, workflow/system-writer.ts): no lock taken
 * first; one statement reads the cases under the old path and moves each only while it is still
 * at the version read, moving the version on, with its figure columns before and after. A case
 * an action changed meanwhile is left and moved in the next round, read afresh; an action that
 * read a case before the move fails its version check and decides again on the moved case.
 * The figures move after the cases: rollup rows are the last locks the move takes, as they are
 * for an action, so the two never wait on each other in a circle.
 */
export async function moveCasesWithRegion(trx: Transaction<DB>, move: Move): Promise<number> {
  const under = `${move.fromPath}%`;
  const parent = move.toPath.split('/').filter(Boolean).at(-2);
  const newPath = sql<string>`(${move.toPath} || substr(c.region_path, ${move.fromPath.length + 1}))`;
  const pairs: (readonly [MovedCase, MovedCase])[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const r = await sql<Record<string, unknown>>`
      with old as (
        select ${sql.raw(COLUMNS.join(', '))}, version from cases where region_path like ${under}
      ), upd as (
        update cases c set
          district_code = split_part(${newPath}, '/', 2),
          street_code = nullif(split_part(${newPath}, '/', 3), ''),
          community_code = nullif(split_part(${newPath}, '/', 4), ''),
          region_path = ${newPath},
          version = c.version + 1
        from old
        where c.id = old.id and c.city_code = old.city_code and c.version = old.version
        returning ${RETURNED}
      )
      select ${BEFORE}, ${AFTER} from upd join old on old.id = upd.id and old.city_code = upd.city_code`.execute(
      trx,
    );
    for (const row of r.rows) {
      const pick = (prefix: string) =>
        Object.fromEntries(COLUMNS.map((c) => [c, row[`${prefix}${c}`]])) as unknown as MovedCase;
      pairs.push([pick('b_'), pick('')] as const);
    }
    // anything left under the old path changed between the read and the update: again, afresh
    const left = await sql`select 1 from cases where region_path like ${under} limit 1`.execute(trx);
    if (left.rows.length === 0) {
      // the figures last, once every case is moved: an action holding one of the cases commits its
      // own figures first instead of waiting on rows this move holds (a deadlock otherwise)
      if (parent) await moveRollupParent(trx, move.code, parent);
      if (pairs.length) await applyCaseDeltas(trx, pairs);
      return pairs.length;
    }
  }
  throw new Error(`cases under ${move.fromPath} kept changing: the region move is not written`);
}
