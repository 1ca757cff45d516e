import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';

/**
 * The routing table's version (migration 0334: every change to a routing rule or a category
 * adds one), read before each use of the cached table so that a change made through another
 * server process applies from the next report on. Reads are shared: a caller joins the next read
 * to start (never one already under way, which might predate its own start), so however many
 * intakes arrive at once, at most two small reads are in flight.
 */
class VersionReader {
  private queued: Promise<number> | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly ctx: AppContext) {}

  read(): Promise<number> {
    if (this.queued) return this.queued;
    const before = this.running;
    const next = before
      .catch(() => undefined)
      .then(async () => {
        this.queued = null;
        const r = await sql<{ version: number }>`select version from case_routing_version`.execute(
          this.ctx.db,
        );
        return Number(r.rows[0]?.version ?? 0);
      });
    this.queued = next;
    this.running = next;
    return next;
  }
}

const readers = new WeakMap<AppContext, VersionReader>();

/** The routing table's version now (one shared small read). */
export function routingVersion(ctx: AppContext): Promise<number> {
  let r = readers.get(ctx);
  if (!r) {
    r = new VersionReader(ctx);
    readers.set(ctx, r);
  }
  return r.read();
}
