import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A uniform [0, 1) source; every generator function takes one so runs repeat from a seed. */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  const rng = xoroshiro128plus(seed);
  return () => uniformFloat64(rng);
}

/** Exponentially distributed value with this mean. */
export const exponential = (random: Random, mean: number) => -Math.log(1 - random()) * mean;

/** Log-normal value with this median and spread (sigma of the underlying normal). */
export function logNormal(random: Random, median: number, sigma: number): number {
  const u = 1 - random();
  const v = random();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return median * Math.exp(sigma * z);
}

/** Draws indexes in proportion to weights (cumulative table + binary search). */
export class WeightedPicker {
  private readonly cumulative: Float64Array;
  constructor(weights: readonly number[]) {
    if (weights.length === 0) throw new Error('nothing to pick from');
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += Math.max(0, w);
      this.cumulative[i] = sum;
    });
    if (sum <= 0) throw new Error('weights sum to zero');
  }
  pick(random: Random): number {
    const c = this.cumulative;
    const target = random() * (c[c.length - 1] as number);
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((c[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Zipf-like weights 1/(rank+1)^s for `n` items (rank 0 is the heaviest). */
export const zipfWeights = (n: number, s: number) => Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
