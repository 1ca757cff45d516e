import { describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { GridLocator } from './service-locate.ts';
import type { GeoJsonGeometry } from './tables.ts';

const square = (lon: number, lat: number): GeoJsonGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + 1, lat],
      [lon + 1, lat + 1],
      [lon, lat + 1],
      [lon, lat],
    ],
  ],
});

type Row = { code: string; boundary: GeoJsonGeometry };

/** A database whose grid query answers when the test says so (to change things meanwhile). */
function heldDatabase() {
  let release: (rows: Row[]) => void = () => {};
  let queries = 0;
  const chain = {
    select: () => chain,
    where: () => chain,
    execute: () => {
      queries++;
      return new Promise<Row[]>((resolve) => {
        release = resolve;
      });
    },
  };
  return {
    db: { selectFrom: () => chain } as unknown as Db,
    answer: (rows: Row[]) => release(rows),
    queries: () => queries,
  };
}

describe('GridLocator', () => {
  it('builds once on first use, however many ask at the same time', async () => {
    const held = heldDatabase();
    const locator = new GridLocator(held.db);
    const answers = [locator.locate(10.5, 10.5), locator.locate(20.5, 20.5)];
    held.answer([{ code: 'A', boundary: square(10, 10) }]);
    expect(await Promise.all(answers)).toEqual(['A', null]);
    expect(await locator.locate(10.5, 10.5)).toBe('A');
    expect(held.queries()).toBe(1);
  });

  it('replays changes committed while it was reading the grids', async () => {
    const held = heldDatabase();
    const locator = new GridLocator(held.db);
    const built = locator.ready();
    locator.apply([
      { code: 'B', boundary: square(20, 20) },
      { code: 'A', boundary: null },
    ]);
    held.answer([{ code: 'A', boundary: square(10, 10) }]);
    await built;
    expect(await locator.locate(20.5, 20.5)).toBe('B');
    expect(await locator.locate(10.5, 10.5)).toBeNull();
  });

  it('applies later changes at once, and rebuilds from the database after being invalidated', async () => {
    const held = heldDatabase();
    const locator = new GridLocator(held.db);
    const built = locator.ready();
    held.answer([{ code: 'A', boundary: square(10, 10) }]);
    await built;
    locator.apply([{ code: 'A', boundary: square(30, 30) }]);
    expect(await locator.locate(30.5, 30.5)).toBe('A');
    expect(await locator.locate(10.5, 10.5)).toBeNull();

    locator.invalidate();
    const rebuilt = locator.locate(40.5, 40.5);
    held.answer([{ code: 'C', boundary: square(40, 40) }]);
    expect(await rebuilt).toBe('C');
    expect(held.queries()).toBe(2);
  });

  it('does not install an index whose build began before it was invalidated', async () => {
    const first = heldDatabase();
    const locator = new GridLocator(first.db);
    const stale = locator.ready();
    locator.invalidate();
    first.answer([{ code: 'OLD', boundary: square(60, 60) }]);
    await stale;
    const fresh = locator.locate(60.5, 60.5);
    first.answer([{ code: 'NEW', boundary: square(60, 60) }]);
    expect(await fresh).toBe('NEW');
  });
});
