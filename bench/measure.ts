/** Small helpers for benches: timing, time-boxed throughput and a plain-text table. */

export function timeMs<T>(work: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = work();
  return { result, ms: performance.now() - started };
}

/**
 * Calls per second of `call(i)` for i = 0, 1, 2 … until `count` calls are made or `budgetMs` is
 * spent (whichever first; the clock is read every `check` calls), after `warmup` untimed calls.
 */
export function throughput(
  call: (i: number) => unknown,
  count: number,
  budgetMs: number,
  warmup = 1000,
  check = 64,
) {
  for (let i = 0; i < warmup; i++) call(i % count);
  let done = 0;
  const started = performance.now();
  let elapsed = 0;
  while (done < count) {
    const end = Math.min(count, done + check);
    for (let i = done; i < end; i++) call(i);
    done = end;
    elapsed = performance.now() - started;
    if (elapsed > budgetMs) break;
  }
  return { calls: done, perSecond: (done * 1000) / elapsed };
}

export function printTable(rows: Record<string, string | number>[]): void {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const text = (v: string | number | undefined) => (typeof v === 'number' ? formatNumber(v) : (v ?? ''));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => text(r[c]).length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i] as number)).join('  ');
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(columns.map((c) => text(r[c]))));
}

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return '';
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en-US');
  return v.toPrecision(3);
}
