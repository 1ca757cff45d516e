import { describe, expect, it } from 'vitest';
import { boundingBox, type Candidate, decideLinks, haversineMetres } from './duplicates.ts';

// 天津 和平区, near 滨江道
const here = { lon: 117.2, lat: 39.12 };
const east = (metres: number) => ({
  lon: here.lon + metres / (111_320 * Math.cos((39.12 * Math.PI) / 180)),
  lat: here.lat,
});

describe('haversineMetres', () => {
  it.each([
    [here, here, 0],
    [here, { lon: 117.2, lat: 39.13 }, 1112],
    [here, east(100), 100],
    [{ lon: 117.2, lat: 39.12 }, { lon: 116.4, lat: 39.9 }, 110_600],
  ])('%j → %j ≈ %i m', (a, b, metres) => {
    expect(Math.abs(haversineMetres(a, b) - metres)).toBeLessThan(Math.max(2, metres * 0.005));
  });
});

describe('boundingBox', () => {
  it('holds every point within the radius, in every direction', () => {
    const box = boundingBox(here, 150);
    for (let deg = 0; deg < 360; deg += 15) {
      const r = 150 / 111_320;
      const p = {
        lon: here.lon + (r * Math.cos((deg * Math.PI) / 180)) / Math.cos((here.lat * Math.PI) / 180),
        lat: here.lat + r * Math.sin((deg * Math.PI) / 180),
      };
      expect(p.lon >= box.minLon && p.lon <= box.maxLon && p.lat >= box.minLat && p.lat <= box.maxLat).toBe(
        true,
      );
    }
  });
});

describe('decideLinks', () => {
  const fresh = { ...here, categoryCode: 'request.street_light', gridCode: '120101001001001' };
  const c = (id: number, over: Partial<Candidate>): Candidate => ({
    id,
    categoryCode: 'request.street_light',
    gridCode: null,
    sameReporter: false,
    ...east(1000),
    ...over,
  });

  it.each<[string, Candidate, string | null]>([
    ['same category 60 m away → duplicate', c(1, east(60)), 'duplicate:nearby_same_category'],
    ['same category 1 km away → nothing', c(2, {}), null],
    ['other category next door → nothing', c(3, { ...east(10), categoryCode: 'request.noise' }), null],
    [
      'same reporter, same category far away → repeat',
      c(4, { sameReporter: true }),
      'repeat:same_reporter_same_category',
    ],
    [
      'same reporter, other category, same grid → repeat',
      c(5, { sameReporter: true, categoryCode: 'request.noise', gridCode: fresh.gridCode }),
      'repeat:same_reporter_same_place',
    ],
    [
      'same reporter, other category, nearby → repeat',
      c(6, { sameReporter: true, categoryCode: 'request.noise', ...east(50) }),
      'repeat:same_reporter_same_place',
    ],
    [
      'same reporter, other category elsewhere → nothing',
      c(7, { sameReporter: true, categoryCode: 'request.noise' }),
      null,
    ],
    [
      'no location: same category is not enough',
      { id: 8, categoryCode: fresh.categoryCode, gridCode: null, sameReporter: false },
      null,
    ],
  ])('%s', (_name, candidate, expected) => {
    const [d] = decideLinks(fresh, [candidate], 100);
    expect(d ? `${d.kind}:${d.reason}` : null).toBe(expected);
  });

  it('lists duplicates first, nearest first, and never drops any', () => {
    const links = decideLinks(fresh, [c(1, east(90)), c(2, { sameReporter: true }), c(3, east(20))], 100);
    expect(links.map((l) => l.caseId)).toEqual([3, 1, 2]);
  });
});
