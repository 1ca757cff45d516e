import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type LevelKey, levelKeyId } from './domain/figure-levels.ts';
import {
  type Contribution,
  DISPUTE_FIGURES,
  type DisputeFigure,
  figureValues,
  MEDIATOR_FIGURES,
  type MediatorKey,
  mediatorContributions,
} from './domain/figures.ts';
import { figureView, levelRowsOf, normalise } from './rows.ts';

const PAGE = 5000;
const mediatorKeyId = (k: MediatorKey) => `${k.month}|${k.district_code}|${k.mediator_id}`;

function addInto<K>(into: Map<string, Contribution<K>>, id: (k: K) => string, cs: Contribution<K>[]) {
  for (const c of cs) {
    const key = id(c.key);
    const cur = into.get(key) ?? { key: c.key, values: {} };
    for (const [f, v] of Object.entries(c.values) as [DisputeFigure, number][])
      cur.values[f] = (cur.values[f] ?? 0) + v;
    into.set(key, cur);
  }
}

/** How many kept rows differ from the recomputed ones (a kept row of zeros counts as missing). */
function differing<K, R extends Partial<Record<DisputeFigure, unknown>>>(
  recomputed: Map<string, Contribution<K>>,
  kept: Map<string, R>,
  fields: readonly DisputeFigure[],
): number {
  let n = 0;
  const left = new Map(kept);
  for (const [id, c] of recomputed) {
    const k = left.get(id);
    if (fields.some((f) => Number(k?.[f] ?? 0) !== (c.values[f] ?? 0))) n++;
    left.delete(id);
  }
  for (const k of left.values()) if (fields.some((f) => Number(k[f]) !== 0)) n++;
  return n;
}

async function insertAll<T extends keyof DB>(trx: Kysely<DB>, table: T, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += 1000)
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + 1000) as never)
      .execute();
}

/**
 * Recompute both rollups from the disputes, in one transaction, reading the disputes by keyset
 * pages; answers how many rows the kept rollups had wrong (0: they agreed exactly).
 */
export async function rebuildFigures(db: Kysely<DB>) {
  return db.transaction().execute(async (trx) => {
    const levels = new Map<string, Contribution<LevelKey>>();
    const meds = new Map<string, Contribution<MediatorKey>>();
    for (let after = -1; ; ) {
      const batch = await trx
        .selectFrom('dispute')
        .selectAll()
        .where('case_id', '>', after)
        .orderBy('case_id')
        .limit(PAGE)
        .execute();
      if (batch.length === 0) break;
      for (const r of batch as Selectable<DB['dispute']>[]) {
        const row = normalise(r);
        addInto(levels, levelKeyId, levelRowsOf(row));
        addInto(meds, mediatorKeyId, mediatorContributions(figureView(row)));
      }
      after = Number(batch[batch.length - 1]?.case_id);
    }
    const keptLevels = await trx.selectFrom('dispute_figure_rollup').selectAll().execute();
    const keptMeds = await trx.selectFrom('dispute_mediator_rollup').selectAll().execute();
    const wrong =
      differing(
        levels,
        new Map(keptLevels.map((r) => [levelKeyId({ ...r, org_id: Number(r.org_id) } as LevelKey), r])),
        DISPUTE_FIGURES,
      ) +
      differing(
        meds,
        new Map(
          keptMeds.map((r) => [
            mediatorKeyId({
              month: r.month,
              district_code: r.district_code,
              mediator_id: Number(r.mediator_id),
            }),
            r,
          ]),
        ),
        MEDIATOR_FIGURES,
      );
    await sql`delete from dispute_figure_rollup`.execute(trx);
    await sql`delete from dispute_mediator_rollup`.execute(trx);
    const levelRows = [...levels.values()].map((c) => ({
      ...c.key,
      ...figureValues(DISPUTE_FIGURES, c.values),
    }));
    const medRows = [...meds.values()].map((c) => ({
      ...c.key,
      ...figureValues(MEDIATOR_FIGURES, c.values),
    }));
    await insertAll(trx, 'dispute_figure_rollup', levelRows);
    await insertAll(trx, 'dispute_mediator_rollup', medRows);
    return { rows: levelRows.length, mediatorRows: medRows.length, differing: wrong };
  });
}
