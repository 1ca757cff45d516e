import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './token-bucket.ts';

describe('token bucket per client', () => {
  it('allows a burst of `capacity`, then refuses with the wait until the next token', () => {
    const b = new TokenBuckets({ capacity: 3, refillPerMinute: 6 });
    const answers = [0, 1, 2, 3].map(() => b.take('1.2.3.4', 0));
    expect(answers.slice(0, 3).every((a) => a.allowed)).toBe(true);
    expect(answers[3]).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it.each([
    [9_999, false],
    [10_000, true],
  ])('refills at the given rate (after %i ms: %s)', (elapsed, allowed) => {
    const b = new TokenBuckets({ capacity: 1, refillPerMinute: 6 });
    b.take('c', 0);
    expect(b.take('c', elapsed).allowed).toBe(allowed);
  });

  it('keeps clients apart', () => {
    const b = new TokenBuckets({ capacity: 1, refillPerMinute: 1 });
    expect(b.take('a', 0).allowed).toBe(true);
    expect(b.take('a', 0).allowed).toBe(false);
    expect(b.take('b', 0).allowed).toBe(true);
  });

  it('never holds more than capacity after a long pause', () => {
    const b = new TokenBuckets({ capacity: 2, refillPerMinute: 60 });
    b.take('c', 0);
    const later = 3_600_000;
    expect([b.take('c', later), b.take('c', later), b.take('c', later)].map((a) => a.allowed)).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('forgets the least recently seen clients beyond maxClients', () => {
    const b = new TokenBuckets({ capacity: 1, refillPerMinute: 1, maxClients: 2 });
    b.take('a', 0);
    b.take('b', 0);
    b.take('c', 0); // drops a
    expect(b.take('a', 0).allowed).toBe(true);
  });
});
