import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { conflict, notFound, unprocessable } from '../../http/problem.ts';
import {
  type CalendarDayRule,
  createWorkingCalendar,
  isIsoDate,
  type WorkingCalendar,
} from '../domain/calendar.ts';

/** A day that differs from the ordinary week: a public holiday or an adjusted working day. */
export interface Holiday {
  day: string;
  kind: 'off' | 'work';
  nameZh: string;
  nameEn: string;
  provisional: boolean;
}

export interface CalendarService {
  /** The working calendar in force (cached; refreshed when holidays change here, or by `refresh`). */
  current(): WorkingCalendar;
  /** Reload the holidays from the database (other server processes may have changed them). */
  refresh(): Promise<WorkingCalendar>;
  list(filter: { year?: number; from?: string; to?: string }): Promise<Holiday[]>;
  add(holiday: Omit<Holiday, 'provisional'> & { provisional?: boolean }): Promise<Holiday>;
  remove(day: string): Promise<void>;
}

declare module '../../context.ts' {
  interface Services {
    calendar: CalendarService;
  }
}

/** Re-read the holidays at least this often, so changes made by another process arrive. */
const REFRESH_MS = 5 * 60_000;

async function loadRules(db: Db): Promise<CalendarDayRule[]> {
  const rows = await db
    .selectFrom('holiday')
    .select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), 'kind'])
    .execute();
  return rows.map((r) => ({ day: r.day, kind: r.kind }));
}

function holidayColumns() {
  return [
    sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'),
    'kind',
    'name_zh as nameZh',
    'name_en as nameEn',
    'provisional',
  ] as const;
}

export async function createCalendarService(ctx: AppContext): Promise<CalendarService & { stop(): void }> {
  const build = (rules: CalendarDayRule[]) => createWorkingCalendar({ days: rules });
  let calendar = build(await loadRules(ctx.db));
  const refresh = async () => {
    calendar = build(await loadRules(ctx.db));
    return calendar;
  };
  const timer = setInterval(() => {
    refresh().catch((error) => ctx.log.warn({ err: error }, 'calendar refresh failed'));
  }, REFRESH_MS);
  timer.unref();

  return {
    current: () => calendar,
    refresh,
    async list({ year, from, to }) {
      let q = ctx.db.selectFrom('holiday').select(holidayColumns()).orderBy('holiday.day');
      if (year !== undefined) {
        q = q.where('day', '>=', `${year}-01-01`).where('day', '<', `${year + 1}-01-01`);
      }
      if (from !== undefined) q = q.where('day', '>=', from);
      if (to !== undefined) q = q.where('day', '<=', to);
      return q.execute();
    },
    async add(h) {
      if (!isIsoDate(h.day)) throw unprocessable('body.day', 'must be a real date, YYYY-MM-DD');
      const row = await ctx.db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('holiday')
          .values({
            day: h.day,
            kind: h.kind,
            name_zh: h.nameZh,
            name_en: h.nameEn,
            provisional: h.provisional ?? false,
          })
          .onConflict((oc) => oc.column('day').doNothing())
          .returning(holidayColumns())
          .executeTakeFirst();
        if (!inserted) throw conflict(`${h.day} is already in the calendar`, { field: 'body.day' });
        return inserted;
      });
      await refresh();
      return row;
    },
    async remove(day) {
      if (!isIsoDate(day)) throw notFound(`holiday ${day}`);
      const r = await ctx.db.deleteFrom('holiday').where('day', '=', day).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw notFound(`holiday ${day}`);
      await refresh();
    },
    stop: () => clearInterval(timer),
  };
}
