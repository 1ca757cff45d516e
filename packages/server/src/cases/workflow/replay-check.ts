import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import {
  type HistoryRow,
  REPLAYED_COLUMNS,
  replayCase,
  replayDifferences,
  storedProjection,
} from './replay.ts';

export interface ReplayReport {
  cases: number;
  actions: number;
  byStatus: Record<string, number>;
  /** Up to 20 cases whose stored row differs from their replayed history, with the columns. */
  mismatches: { caseId: number; columns: string[] }[];
  mismatchCount: number;
}

/**
 * Rebuild every case from its history, `batch` cases per pair of statements (ids in order), and
 * compare with the stored rows. Reads only; for the replay test and `npm run replay`.
 */
export async function checkReplay(db: Db, batch = 5000): Promise<ReplayReport> {
  const report: ReplayReport = { cases: 0, actions: 0, byStatus: {}, mismatches: [], mismatchCount: 0 };
  let after = 0;
  for (;;) {
    const rows = await sql<Record<string, unknown> & { id: number }>`
      select id, ${sql.join(REPLAYED_COLUMNS.map((c) => sql.ref(c)))} from cases
      where id > ${after} order by id limit ${batch}`.execute(db);
    if (rows.rows.length === 0) return report;
    const ids = rows.rows.map((r) => Number(r.id));
    after = ids[ids.length - 1] as number;
    const history = await sql<HistoryRow & { case_id: number }>`
      select case_id, seq, action, from_status, to_status, payload, at from case_action
      where case_id = any(${ids}::bigint[]) order by case_id, seq`.execute(db);
    const byCase = new Map<number, HistoryRow[]>();
    for (const h of history.rows) {
      const id = Number(h.case_id);
      const list = byCase.get(id) ?? [];
      list.push(h);
      byCase.set(id, list);
    }
    report.actions += history.rows.length;
    for (const row of rows.rows) {
      const id = Number(row.id);
      const stored = storedProjection(row);
      report.cases++;
      report.byStatus[stored.status] = (report.byStatus[stored.status] ?? 0) + 1;
      const columns = replayDifferences(stored, replayCase(byCase.get(id) ?? []));
      if (columns.length === 0) continue;
      report.mismatchCount++;
      if (report.mismatches.length < 20) report.mismatches.push({ caseId: id, columns });
    }
  }
}
