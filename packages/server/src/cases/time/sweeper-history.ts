import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * The yellow card goes into the case's history like the red one (whose row is the automatic
 * supervision): a `yellow_card` row by the system, the status unchanged, with the step and its
 * deadline. One statement for the batch.
 */
export async function recordYellowCards(
  trx: Transaction<DB>,
  cases: readonly {
    id: number;
    city_code: string;
    district_code: string;
    status: string;
    step: string | null;
    due_at: Date | null;
  }[],
  now: Date,
) {
  if (cases.length === 0) return;
  const rows = cases.map(
    (c) =>
      sql`(${c.id}::bigint, ${c.city_code}::text, ${c.district_code}::text, ${c.status}::text, ${JSON.stringify(
        {
          card: 'yellow',
          step: c.step,
          dueAt: c.due_at ? new Date(c.due_at).toISOString() : null,
        },
      )}::jsonb)`,
  );
  await sql`
    insert into case_action (city_code, district_code, case_id, seq, action, actor_role, from_status, to_status, payload, at)
    select v.city_code, v.district_code, v.id,
           coalesce((select max(a.seq) from case_action a where a.case_id = v.id), 0) + 1,
           'yellow_card', 'system', v.status, v.status, v.payload, ${now}
    from (values ${sql.join(rows)}) as v (id, city_code, district_code, status, payload)
  `.execute(trx);
}
