import { createHash } from 'node:crypto';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A deterministic source of numbers in [0, 1). */
export type Random = () => number;

/**
 * A random stream that depends only on the seed and a key (e.g. a region code), so each region's
 * geometry stays the same whatever else is generated before it.
 */
export function randomFor(seed: string, key: string): Random {
  const digest = createHash('sha256').update(`${seed}:${key}`).digest();
  const rng = xoroshiro128plus(digest.readInt32LE(0));
  return () => uniformFloat64(rng);
}

/** An integer in [min, max], both included. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
