import { describe, expect, it } from 'vitest';
import { LookupCache } from './lookup-cache.ts';

describe('lookup cache', () => {
  it('loads once within the time limit and again after it', async () => {
    const cache = new LookupCache<number>(1000);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('a', load, 0)).toBe(1);
    expect(await cache.get('a', load, 999)).toBe(1);
    expect(await cache.get('a', load, 1000)).toBe(2);
    expect(await cache.get('b', load, 1000)).toBe(3);
  });

  it('does not keep misses or failures', async () => {
    const cache = new LookupCache<number | undefined>(1000);
    let loads = 0;
    const miss = async () => {
      loads++;
      return undefined;
    };
    await cache.get('x', miss, 0);
    await cache.get('x', miss, 1);
    expect(loads).toBe(2);
    await expect(cache.get('y', () => Promise.reject(new Error('down')), 0)).rejects.toThrow('down');
    expect(await cache.get('y', async () => 7, 1)).toBe(7);
  });

  it('forgets everything on clear (an administrator changed the data)', async () => {
    const cache = new LookupCache<string>(60_000);
    await cache.get('k', async () => 'old', 0);
    cache.clear();
    expect(await cache.get('k', async () => 'new', 1)).toBe('new');
  });
});
