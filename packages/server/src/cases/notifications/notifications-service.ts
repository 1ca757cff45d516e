import { sql, type Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../identity/index.ts';
import {
  isTitleKey,
  type NotificationLang,
  type NotificationTitleKey,
  notificationTitle,
} from './notification-titles.ts';

export type NotificationKind =
  | 'assignment'
  | 'summons'
  | 'yellow_card'
  | 'red_card'
  | 'supervision'
  | 'supervision_reply'
  | 'rating'
  | 'merged'
  | 'key_case'
  | 'copy';

export interface NotificationDraft {
  kind: NotificationKind;
  caseId: number | null;
  caseNumber: string | null;
  /** The title, as a key answered in the reader's language around the subject. */
  titleKey: NotificationTitleKey;
  /** What it is about: usually the case's number and title. */
  subject: string;
  body?: string;
}

export interface NotificationView {
  id: number;
  kind: string;
  caseId: number | null;
  caseNumber: string | null;
  /** In the reader's language (Accept-Language). */
  title: string;
  titleKey: string | null;
  subject: string | null;
  body: string;
  createdAt: string;
  read: boolean;
}

/** Users holding an active post at any of these units. */
async function usersOfUnits(trx: Transaction<DB>, unitIds: number[]): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const rows = await trx
    .selectFrom('user_post')
    .innerJoin('app_user', 'app_user.id', 'user_post.user_id')
    .select('user_post.user_id')
    .distinct()
    .where('user_post.unit_id', 'in', unitIds)
    .where('user_post.role', 'not in', ['grid_worker', 'grid_head'])
    .where('user_post.retired_at', 'is', null)
    .where('app_user.disabled_at', 'is', null)
    .execute();
  return rows.map((r) => Number(r.user_id));
}

/** Notify users (each gets their own row), inside the caller's transaction. */
export async function notifyUsers(trx: Transaction<DB>, userIds: Iterable<number>, n: NotificationDraft) {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return 0;
  await trx
    .insertInto('notification')
    .values(
      ids.map((userId) => ({
        user_id: userId,
        case_id: n.caseId,
        case_number: n.caseNumber,
        kind: n.kind,
        title: notificationTitle(n.titleKey, n.subject, 'zh'),
        title_key: n.titleKey,
        subject: n.subject,
        body: n.body ?? '',
      })),
    )
    .execute();
  return ids.length;
}

/** Notify everybody with an active post at these units (null ids are skipped). */
export async function notifyUnits(
  trx: Transaction<DB>,
  unitIds: Iterable<number | null | undefined>,
  n: NotificationDraft,
) {
  const ids = [...new Set([...unitIds].filter((id): id is number => id != null))];
  return notifyUsers(trx, await usersOfUnits(trx, ids), n);
}

/**
 * Notify, in one statement, everybody with an active post at the units of each draft (a user
 * gets one row per draft even when they sit at several of its units).
 */
export async function notifyUnitsBatch(
  trx: Transaction<DB>,
  drafts: { unitIds: (number | null | undefined)[]; draft: NotificationDraft }[],
): Promise<void> {
  const values = drafts.flatMap((d, i) =>
    [...new Set(d.unitIds.filter((u): u is number => u != null))].map(
      (unitId) =>
        sql`(${i}::int, ${unitId}::bigint, ${d.draft.caseId}::bigint, ${d.draft.caseNumber}::text, ${d.draft.kind}::text, ${notificationTitle(d.draft.titleKey, d.draft.subject, 'zh')}::text, ${d.draft.titleKey}::text, ${d.draft.subject}::text, ${d.draft.body ?? ''}::text)`,
    ),
  );
  if (values.length === 0) return;
  await sql`
    insert into notification (user_id, case_id, case_number, kind, title, title_key, subject, body)
    select distinct on (v.n, up.user_id)
      up.user_id, v.case_id, v.case_number, v.kind, v.title, v.title_key, v.subject, v.body
    from (values ${sql.join(values)})
      as v (n, unit_id, case_id, case_number, kind, title, title_key, subject, body)
    join user_post up on up.unit_id = v.unit_id and up.retired_at is null
      and up.role not in ('grid_worker', 'grid_head')
    join app_user u on u.id = up.user_id and u.disabled_at is null
  `.execute(trx);
}

export interface NotificationsService {
  list(
    actor: Actor,
    q: { unread?: boolean; before?: number; limit: number; lang?: NotificationLang },
  ): Promise<{ items: NotificationView[]; unread: number; nextCursor: number | null }>;
  markRead(actor: Actor, ids: number[] | 'all'): Promise<number>;
}

export function createNotificationsService(ctx: AppContext): NotificationsService {
  return {
    async list(actor, q) {
      const userId = actor.userId ?? 0;
      let query = ctx.db
        .selectFrom('notification')
        .select([
          'id',
          'kind',
          'case_id',
          'case_number',
          'title',
          'title_key',
          'subject',
          'body',
          'created_at',
          'read_at',
        ])
        .where('user_id', '=', userId)
        .orderBy('id', 'desc')
        .limit(q.limit + 1);
      if (q.unread) query = query.where('read_at', 'is', null);
      if (q.before !== undefined) query = query.where('id', '<', q.before);
      const rows = await query.execute();
      const unread = await ctx.db
        .selectFrom('notification')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      const page = rows.slice(0, q.limit);
      return {
        items: page.map((r) => ({
          id: Number(r.id),
          kind: r.kind,
          caseId: r.case_id === null ? null : Number(r.case_id),
          caseNumber: r.case_number,
          title:
            isTitleKey(r.title_key) && r.subject !== null
              ? notificationTitle(r.title_key, r.subject, q.lang ?? 'zh')
              : r.title,
          titleKey: r.title_key,
          subject: r.subject,
          body: r.body,
          createdAt: new Date(r.created_at).toISOString(),
          read: r.read_at !== null,
        })),
        unread: Number(unread.n),
        nextCursor: rows.length > q.limit ? Number(page.at(-1)?.id) : null,
      };
    },
    async markRead(actor, ids) {
      if (ids !== 'all' && ids.length === 0) return 0;
      return ctx.db.transaction().execute(async (trx) => {
        let q = trx
          .updateTable('notification')
          .set({ read_at: new Date() })
          .where('user_id', '=', actor.userId ?? 0)
          .where('read_at', 'is', null);
        if (ids !== 'all') q = q.where('id', 'in', ids);
        const r = await q.executeTakeFirst();
        return Number(r.numUpdatedRows);
      });
    },
  };
}
