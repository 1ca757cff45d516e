import type { AppContext } from '../context.ts';
import type { CaseRow } from './case-history.ts';
import { type IntakeJob, writeIntakes } from './intake-write.ts';

interface Waiting {
  job: IntakeJob;
  resolve(row: CaseRow): void;
  reject(error: unknown): void;
}

/**
 * Group commit for intake: new cases that arrive while a batch is being written wait and go
 * together into the next transaction (one commit, one statement per table), so concurrent
 * reports don't queue one by one on the district's number sequence. A lone report is written at
 * once. If a batch fails, its cases are written one by one, so one bad case fails alone.
 */
export class IntakeBatcher {
  private readonly queue: Waiting[] = [];
  private running = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly maxBatch = 200,
  ) {}

  submit(job: IntakeJob): Promise<CaseRow> {
    return new Promise<CaseRow>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private write(jobs: IntakeJob[]): Promise<CaseRow[]> {
    return this.ctx.db.transaction().execute((trx) => writeIntakes(trx, this.ctx, jobs));
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const rows = await this.write(batch.map((w) => w.job));
          batch.forEach((w, i) => {
            w.resolve(rows[i] as CaseRow);
          });
        } catch (error) {
          if (batch.length === 1) (batch[0] as Waiting).reject(error);
          else
            for (const w of batch) {
              try {
                const [row] = await this.write([w.job]);
                w.resolve(row as CaseRow);
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

const batchers = new WeakMap<AppContext, Map<string, IntakeBatcher>>();

/**
 * The intake batcher of a district (one per running server and district): districts have their
 * own number sequences, so their batches run side by side on separate connections.
 */
export function intakeBatcher(ctx: AppContext, districtCode: string): IntakeBatcher {
  let byDistrict = batchers.get(ctx);
  if (!byDistrict) {
    byDistrict = new Map();
    batchers.set(ctx, byDistrict);
  }
  let b = byDistrict.get(districtCode);
  if (!b) {
    b = new IntakeBatcher(ctx);
    byDistrict.set(districtCode, b);
  }
  return b;
}
