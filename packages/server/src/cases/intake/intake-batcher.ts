import type { AppContext } from '../../context.ts';
import { type IntakeJob, type IntakeOutcome, writeIntakes } from './intake-write.ts';

interface Waiting {
  job: IntakeJob;
  resolve(outcome: IntakeOutcome): void;
  reject(error: unknown): void;
}

/**
 * Group commit for intake: new cases that arrive while a batch is being written wait and go
 * together into the next transaction (one commit, a fixed number of statements whatever the
 * batch size), so concurrent reports share their round trips and their commit instead of queuing
 * one by one on the number sequences and the city's rollup rows. A lone report is written at once.
 * If a batch fails, its cases are written one by one, so one bad case fails alone.
 *
 * One batcher per server process for the whole city: every batch touches the city-level rollup
 * rows, so batches of different districts could not run side by side anyway; row locks are taken
 * in a fixed order (numbers by district, rollups by key), so several processes don't deadlock.
 */
export class IntakeBatcher {
  private readonly queue: Waiting[] = [];
  private running = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly maxBatch = 256,
  ) {}

  submit(job: IntakeJob): Promise<IntakeOutcome> {
    return new Promise<IntakeOutcome>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      if (!this.running) {
        this.running = true;
        // start on the next turn of the event loop, so that every request read in this one joins
        // the batch (PGlite runs queries on this thread: a batch started at once would hold the
        // loop until it commits, and each would be a batch of one)
        setImmediate(() => void this.drain());
      }
    });
  }

  private write(jobs: IntakeJob[]): Promise<IntakeOutcome[]> {
    return this.ctx.db.transaction().execute((trx) => writeIntakes(trx, this.ctx, jobs));
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const outcomes = await this.write(batch.map((w) => w.job));
          batch.forEach((w, i) => {
            w.resolve(outcomes[i] as IntakeOutcome);
          });
        } catch (error) {
          if (batch.length === 1) (batch[0] as Waiting).reject(error);
          else
            for (const w of batch) {
              try {
                const [outcome] = await this.write([w.job]);
                w.resolve(outcome as IntakeOutcome);
              } catch (alone) {
                w.reject(alone);
              }
            }
        }
      }
    } finally {
      this.running = false;
    }
  }
}

const batchers = new WeakMap<AppContext, IntakeBatcher>();

/** The intake batcher of a running server. */
export function intakeBatcher(ctx: AppContext): IntakeBatcher {
  let b = batchers.get(ctx);
  if (!b) {
    b = new IntakeBatcher(ctx);
    batchers.set(ctx, b);
  }
  return b;
}
