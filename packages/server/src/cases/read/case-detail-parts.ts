import { type ExpressionBuilder, sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../identity/index.ts';
import { caseScopeOf, visibleTo } from '../policy.ts';
import type { CaseRow } from '../workflow/case-history.ts';

/**
 * Everything the case page shows besides the row, in one statement (a JSON array per part):
 * history, summonses, links, copies, attachments, category, the units named and the places' names.
 */
export async function caseDetailParts(ctx: AppContext, actor: Actor, row: CaseRow) {
  const places = [row.street_code, row.community_code, row.grid_code].filter((c): c is string => c !== null);
  return ctx.db
    .selectNoFrom((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('case_action as a')
          .leftJoin('unit as au', 'au.id', 'a.actor_unit_id')
          .leftJoin('app_user as who', 'who.id', 'a.actor_user_id')
          .selectAll('a')
          .select(['au.name as actor_unit_name', 'who.display_name as actor_name'])
          .where('a.case_id', '=', row.id)
          .orderBy('a.seq'),
      ).as('history'),
      jsonArrayFrom(eb.selectFrom('case_summons').selectAll().where('case_id', '=', row.id).orderBy('id')).as(
        'summons',
      ),
      jsonArrayFrom(
        eb
          .selectFrom('case_link as l')
          // a linked case shows only to a reader who may read it (links are made city-wide)
          .innerJoin('cases', (join) =>
            join.on(
              'cases.id',
              '=',
              sql<number>`case when l.case_id = ${row.id} then l.linked_case_id else l.case_id end`,
            ),
          )
          .select(['l.case_id', 'l.linked_case_id', 'l.kind', 'l.detail', 'cases.number', 'cases.status'])
          // with the city: the primary key (city_code, case_id, …) finds the outgoing links
          .where((w) =>
            w.or([
              w.and([w('l.city_code', '=', row.city_code), w('l.case_id', '=', row.id)]),
              w('l.linked_case_id', '=', row.id),
            ]),
          )
          .where((w) =>
            visibleTo(
              w as unknown as ExpressionBuilder<DB, 'cases'>,
              caseScopeOf(actor, ctx.services.caseKinds),
            ),
          ),
      ).as('links'),
      jsonArrayFrom(eb.selectFrom('case_copy').selectAll().where('case_id', '=', row.id).orderBy('id')).as(
        'copies',
      ),
      // the case it was merged into, only when the reader may read that case (else as if absent)
      jsonArrayFrom(
        eb
          .selectFrom('cases')
          .select('cases.id')
          .where('cases.id', '=', row.merged_into ?? -1)
          .where((w) =>
            visibleTo(
              w as unknown as ExpressionBuilder<DB, 'cases'>,
              caseScopeOf(actor, ctx.services.caseKinds),
            ),
          ),
      ).as('mergedTarget'),
      jsonArrayFrom(
        eb.selectFrom('case_attachment').selectAll().where('case_id', '=', row.id).orderBy('id'),
      ).as('attachments'),
      jsonObjectFrom(
        eb
          .selectFrom('case_category')
          .select(['code', 'name_zh', 'name_en'])
          .where('code', '=', row.category_code),
      ).as('category'),
      jsonArrayFrom(
        eb
          .selectFrom('unit')
          .select(['id', 'name', 'kind'])
          .where((w) =>
            w.or([
              w('id', 'in', [row.current_unit_id ?? -1, row.centre_unit_id ?? -1]),
              w('id', 'in', w.selectFrom('case_summons').select('unit_id').where('case_id', '=', row.id)),
              w('id', 'in', w.selectFrom('case_copy').select('unit_id').where('case_id', '=', row.id)),
            ]),
          ),
      ).as('units'),
      jsonArrayFrom(
        eb
          .selectFrom('region')
          .select(['code', 'name'])
          .where('code', 'in', places.length ? places : ['']),
      ).as('places'),
    ])
    .executeTakeFirstOrThrow();
}
