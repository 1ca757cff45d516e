import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { notifyUsers } from '../notifications/notifications-service.ts';
import { findAndLinkDuplicatesMany } from './duplicates-batch.ts';
import type { CaseLinkFound, FreshCase } from './duplicates-types.ts';

export { REPEAT_WINDOW_DAYS } from './duplicates-batch.ts';

export type { CaseLinkFound, FreshCase } from './duplicates-types.ts';

/**
 * At intake, inside the intake transaction: find open cases of the same category within the
 * category's radius and window (bounding box in SQL, then haversine), and earlier cases of the
 * same reporter (keyed phone hash; a resident's account) about the same category or place; link
 * them to the new case (case_link, shown on both) and set its `duplicate_of` to the nearest
 * duplicate. The new case is never dropped. Returns the links made. (A batch of new cases:
 * findAndLinkDuplicatesMany, same rules in a fixed number of statements.)
 */
export async function findAndLinkDuplicates(
  trx: Transaction<DB>,
  _ctx: AppContext,
  fresh: FreshCase,
): Promise<CaseLinkFound[]> {
  const [found] = await findAndLinkDuplicatesMany(trx, [fresh]);
  return found ?? [];
}

/**
 * When cases-core merges a duplicate into its original (one of the merge action's writes, after
 * the one writer wrote the case with its `merged_into`, decided by evolveCase): link the two as
 * 'merged' and tell the duplicate's reporter the original's number, which they now follow. The
 * case row itself is the writer's alone.
 */
export async function recordMerge(
  trx: Transaction<DB>,
  duplicate: { id: number; city_code: string; number: string; reporter_user_id: number | null },
  original: { id: number; number: string },
  byUserId: number | null,
): Promise<void> {
  await trx
    .insertInto('case_link')
    .values({
      city_code: duplicate.city_code,
      case_id: duplicate.id,
      linked_case_id: original.id,
      kind: 'merged',
      detail: JSON.stringify({ originalNumber: original.number }),
      created_by: byUserId,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  if (duplicate.reporter_user_id !== null) {
    await notifyUsers(trx, [duplicate.reporter_user_id], {
      kind: 'merged',
      caseId: original.id,
      caseNumber: original.number,
      titleKey: 'merged',
      subject: `${duplicate.number} → ${original.number}`,
    });
  }
}
