/**
 * A token bucket per client (in memory, per server process): `capacity` requests at once, then
 * `refillPerMinute` more each minute. Pure apart from the Map it keeps; time is passed in.
 * Several server processes each keep their own buckets, so the limit is per process.
 */
export interface BucketOptions {
  capacity: number;
  refillPerMinute: number;
  /** Buckets kept at most (the least recently seen are dropped first). */
  maxClients?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  constructor(private readonly options: BucketOptions) {}

  /** Take one token for `client` at time `now` (ms): allowed, or the seconds until one is back. */
  take(
    client: string,
    now: number,
  ): { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number } {
    const { capacity, refillPerMinute, maxClients = 100_000 } = this.options;
    const perMs = refillPerMinute / 60_000;
    const previous = this.buckets.get(client);
    const tokens = previous ? Math.min(capacity, previous.tokens + (now - previous.at) * perMs) : capacity;
    this.buckets.delete(client);
    if (this.buckets.size >= maxClients) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    if (tokens >= 1) {
      this.buckets.set(client, { tokens: tokens - 1, at: now });
      return { allowed: true, remaining: Math.floor(tokens - 1) };
    }
    this.buckets.set(client, { tokens, at: now });
    return { allowed: false, retryAfterSeconds: Math.ceil((1 - tokens) / perMs / 1000) };
  }
}
