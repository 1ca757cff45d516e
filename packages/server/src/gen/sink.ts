import { readFileSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** The tables the generator fills, with the columns it writes, in COPY order. */
export const GEN_COLUMNS = {
  cases: [
    'id',
    'city_code',
    'district_code',
    'street_code',
    'community_code',
    'grid_code',
    'region_path',
    'number',
    'kind',
    'category_code',
    'title',
    'lon',
    'lat',
    'channel',
    'priority',
    'status',
    'level',
    'current_unit_id',
    'centre_unit_id',
    'handler_unit_id',
    'anonymous',
    'is_key',
    'card',
    'step',
    'step_started_at',
    'warn_at',
    'due_at',
    'duplicate_of',
    'merged_into',
    'rating',
    'ratings_satisfied',
    'ratings_basically_satisfied',
    'ratings_unsatisfied',
    'reported_at',
    'accepted_at',
    'resolved_at',
    'closed_at',
    'updated_at',
    'version',
    'status_before_suspend',
  ],
  case_number: ['number', 'case_id', 'district_code', 'reported_at'],
  case_action: [
    'id',
    'city_code',
    'district_code',
    'case_id',
    'seq',
    'action',
    'actor_unit_id',
    'actor_role',
    'from_status',
    'to_status',
    'payload',
    'at',
  ],
  case_summons: [
    'city_code',
    'case_id',
    'unit_id',
    'summoned_by_unit_id',
    'summoned_at',
    'report_in_due_at',
    'reported_in_at',
    'done_at',
    'rating',
    'rated_at',
  ],
  case_link: ['city_code', 'case_id', 'linked_case_id', 'kind'],
} as const;
export type GenTable = keyof typeof GEN_COLUMNS;

/**
 * Buffers COPY text per table and loads it in bulk: COPY FROM STDIN (pg-copy-streams, one
 * connection per table, all tables at once) on PostgreSQL; COPY from a blob on PGlite. The
 * tables and their columns are GEN_COLUMNS unless given (the disputes and inspections generators).
 */
export class CopySink<T extends string = GenTable> {
  private readonly tables: T[];
  private buffers: Map<T, string[]>;
  private readonly pool?: pg.Pool;
  private readonly backendPids = new Set<number>();
  constructor(
    url: string | undefined,
    private readonly pglite?: PGlite,
    private readonly columns: Record<T, readonly string[]> = GEN_COLUMNS as unknown as Record<
      T,
      readonly string[]
    >,
    /** Load the tables one after another, in the order given (for foreign keys between them). */
    private readonly ordered = false,
  ) {
    this.tables = Object.keys(columns) as T[];
    this.buffers = new Map(this.tables.map((t) => [t, []]));
    if (url)
      this.pool = new pg.Pool({ connectionString: url, max: this.tables.length, idleTimeoutMillis: 0 });
  }

  add(table: T, line: string) {
    (this.buffers.get(table) as string[]).push(line);
  }

  /** Hand the buffered rows to the database; the next rows buffer while this one loads. */
  flush(): Promise<void> {
    const batch = this.buffers;
    this.buffers = new Map(this.tables.map((t) => [t, []]));
    if (this.ordered)
      return (async () => {
        for (const table of this.tables) {
          const lines = batch.get(table) as string[];
          if (lines.length) await this.load(table, lines);
        }
      })();
    return Promise.all(
      this.tables.map((table) => {
        const lines = batch.get(table) as string[];
        return lines.length ? this.load(table, lines) : undefined;
      }),
    ).then(() => undefined);
  }

  private async load(table: T, lines: string[]) {
    const columns = this.columns[table].join(', ');
    const sql = `copy ${table} (${columns}) from stdin`;
    if (this.pglite) {
      await this.pglite.query(`copy ${table} (${columns}) from '/dev/blob'`, [], {
        blob: new Blob(lines),
      });
      return;
    }
    const client = await (this.pool as pg.Pool).connect();
    try {
      const pid = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      this.backendPids.add(Number(pid.rows[0]?.pid));
      await new Promise<void>((resolve, reject) => {
        const stream = client.query(copyFrom(sql));
        stream.on('error', reject);
        stream.on('finish', resolve);
        let i = 0;
        const pump = () => {
          while (i < lines.length) {
            const chunk = lines.slice(i, i + 2000).join('');
            i += 2000;
            if (!stream.write(chunk)) return void stream.once('drain', pump);
          }
          stream.end();
        };
        pump();
      });
    } finally {
      client.release();
    }
  }

  /**
   * CPU seconds the database server spent in our COPY connections (PostgreSQL on this machine,
   * read from /proc; null when it cannot be read): with the generator's own CPU time, what a
   * load costs regardless of how busy the machine was.
   */
  serverCpuSeconds(): number | null {
    let ticks = 0;
    let read = 0;
    for (const pid of this.backendPids) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        ticks += Number(fields[11]) + Number(fields[12]);
        read++;
      } catch {
        // a server on another machine (or in another container): no figure
      }
    }
    if (read === 0) return null;
    return ticks / 100;
  }

  async close() {
    await this.pool?.end();
  }
}
