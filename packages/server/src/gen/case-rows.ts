import { sql } from 'kysely';
import { formatCaseNumber, localYear } from '../cases/index.ts';
import type { Db } from '../db/database.ts';
import { copyLine, isoOrNull } from './domain/copy-text.ts';
import { GEN_COLUMNS } from './sink.ts';
import type { GenGrid } from './world.ts';

/** The case tables a kind generator (disputes, inspections) writes besides its own. */
export const CASE_COLUMNS = {
  cases: GEN_COLUMNS.cases,
  case_number: GEN_COLUMNS.case_number,
  case_action: GEN_COLUMNS.case_action,
  case_kind_figure: [
    'city_code',
    'action_id',
    'figure',
    'case_id',
    'kind',
    'region_path',
    'reported_at',
    'at',
    'value',
  ],
} as const;
type CaseTable = keyof typeof CASE_COLUMNS;

/** One history row of a generated kind case: the engine's action (or a kind's) with its states. */
export interface KindAction {
  action: string;
  from: string | null;
  to: string;
  at: number;
  role: string;
  /** The acting unit (null: a resident or the system). */
  unit: number | null;
  payload?: Record<string, unknown>;
  /** What the action adds to the kind's figures (case_kind_figure), e.g. { fixed: 1 }. */
  figures?: Record<string, number>;
}

export interface KindCase {
  grid: GenGrid;
  kind: string;
  category: string;
  title: string;
  channel: string;
  priority: string;
  /** The community centre that holds the case (case level community). */
  centre: number | null;
  card: 'none' | 'yellow' | 'red';
  /** The open step and its clock (null when the case is closed). */
  step: 'accept' | 'handle' | 'verify' | null;
  stepStartedAt: number | null;
  warnAt: number | null;
  dueAt: number | null;
  acceptedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  lon: number | null;
  lat: number | null;
  actions: KindAction[];
}

interface Sink {
  add(table: CaseTable, line: string): void;
}

/**
 * Case ids, action ids and case numbers for the cases a kind generator adds, continuing those in
 * the database (as intake would: numbers per 6-digit district code and year); `finish` moves the
 * sequences past them.
 */
export class CaseRows {
  private constructor(
    private caseId: number,
    private actionId: number,
    private readonly sequence: Map<string, number>,
  ) {}

  static async open(db: Db): Promise<CaseRows> {
    const ids = await sql<{ c: number | null; a: number | null }>`
      select (select max(id) from cases) as c, (select max(id) from case_action) as a`.execute(db);
    const seq = await sql<{ district_code: string; year: number; last_value: number }>`
      select district_code, year, last_value from case_number_seq`.execute(db);
    return new CaseRows(
      Number(ids.rows[0]?.c ?? 0),
      Number(ids.rows[0]?.a ?? 0),
      new Map(seq.rows.map((r) => [`${r.district_code}|${r.year}`, Number(r.last_value)])),
    );
  }

  /** Write one case with its number and history; answers its id and number. */
  add(sink: Sink, c: KindCase): { id: number; number: string } {
    const g = c.grid;
    const first = c.actions[0] as KindAction;
    const last = c.actions[c.actions.length - 1] as KindAction;
    const reportedAt = first.at;
    const year = localYear(new Date(reportedAt));
    const key = `${g.district.slice(0, 6)}|${year}`;
    const seq = (this.sequence.get(key) ?? 0) + 1;
    this.sequence.set(key, seq);
    const number = formatCaseNumber(g.district.slice(0, 6), year, seq);
    const id = ++this.caseId;
    sink.add(
      'cases',
      copyLine([
        id,
        g.city,
        g.district,
        g.street,
        g.community,
        g.code,
        g.path,
        number,
        c.kind,
        c.category,
        c.title,
        c.lon,
        c.lat,
        c.channel,
        c.priority,
        last.to,
        'community',
        c.centre,
        c.centre,
        null,
        false,
        false,
        c.card,
        c.step,
        isoOrNull(c.stepStartedAt),
        isoOrNull(c.warnAt),
        isoOrNull(c.dueAt),
        null,
        null,
        null,
        0,
        0,
        0,
        isoOrNull(reportedAt),
        isoOrNull(c.acceptedAt),
        isoOrNull(c.resolvedAt),
        isoOrNull(c.closedAt),
        isoOrNull(last.at),
        c.actions.length,
        null,
      ]),
    );
    sink.add('case_number', copyLine([number, id, g.district, isoOrNull(reportedAt)]));
    c.actions.forEach((a, i) => {
      const actionId = ++this.actionId;
      sink.add(
        'case_action',
        copyLine([
          actionId,
          g.city,
          g.district,
          id,
          i + 1,
          a.action,
          a.unit,
          a.role,
          a.from,
          a.to,
          JSON.stringify(a.payload ?? {}),
          isoOrNull(a.at),
        ]),
      );
      for (const [figure, value] of Object.entries(a.figures ?? {}))
        sink.add(
          'case_kind_figure',
          copyLine([
            g.city,
            actionId,
            figure,
            id,
            c.kind,
            g.path,
            isoOrNull(reportedAt),
            isoOrNull(a.at),
            value,
          ]),
        );
    });
    return { id, number };
  }

  /** Move the case numbers' and ids' sequences past what was written. */
  async finish(db: Db): Promise<void> {
    for (const [key, last] of this.sequence) {
      const [district, year] = key.split('|') as [string, string];
      await sql`insert into case_number_seq (district_code, year, last_value) values (${district}, ${Number(year)}, ${last})
        on conflict (district_code, year) do update set last_value = greatest(case_number_seq.last_value, excluded.last_value)`.execute(
        db,
      );
    }
    if (this.caseId > 0)
      await sql`select setval(pg_get_serial_sequence('cases', 'id'), ${this.caseId})`.execute(db);
    if (this.actionId > 0)
      await sql`select setval(pg_get_serial_sequence('case_action', 'id'), ${this.actionId})`.execute(db);
  }
}

/** Move an identity column's sequence past the ids a generator wrote. */
export async function setIdentity(db: Db, table: string, last: number): Promise<void> {
  if (last > 0) await sql`select setval(pg_get_serial_sequence(${table}, 'id'), ${last})`.execute(db);
}

/** The largest id of a table (0 when empty): where a generator's ids start. */
export async function maxId(db: Db, table: string): Promise<number> {
  const r = await sql<{ m: number | null }>`select max(id) as m from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.m ?? 0);
}

/** A PostgreSQL array literal of numbers for COPY text. */
export const pgArray = (xs: readonly (number | string)[]) =>
  `{${xs.map((x) => (typeof x === 'number' ? String(x) : `"${x.replace(/(["\\])/g, '\\$1')}"`)).join(',')}}`;
