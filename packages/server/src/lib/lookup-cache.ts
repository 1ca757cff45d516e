/**
 * A small time-limited memo for reference data read on every intake (categories, grids, routing
 * units): these change rarely and through admin actions, so a few seconds' staleness is harmless
 * and saves several queries per report. Failed look-ups are not kept.
 */
export class LookupCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 50_000,
  ) {}

  get(key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const value = load();
    this.entries.set(key, { value, until: now + this.ttlMs });
    value.then(
      (v) => {
        if (v === undefined || v === null) this.entries.delete(key);
      },
      () => this.entries.delete(key),
    );
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
