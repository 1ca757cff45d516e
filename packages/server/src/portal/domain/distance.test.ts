import { describe, expect, it } from 'vitest';
import { boxAround, distanceMetres } from './distance.ts';

describe('distances for nearby problems', () => {
  it.each([
    [{ lon: 117.2, lat: 39.12 }, { lon: 117.2, lat: 39.12 }, 0],
    [{ lon: 117.2, lat: 39.12 }, { lon: 117.2, lat: 39.121 }, 111],
    [{ lon: 117.2, lat: 39.12 }, { lon: 117.201, lat: 39.12 }, 86],
    [{ lon: 117.2, lat: 39.12 }, { lon: 116.4, lat: 39.9 }, 111_300],
  ])('%j to %j is about %i m', (a, b, metres) => {
    expect(Math.abs(distanceMetres(a, b) - metres)).toBeLessThanOrEqual(Math.max(2, metres * 0.01));
  });

  it('boxes every point within the radius', () => {
    const centre = { lon: 117.2, lat: 39.12 };
    const box = boxAround(centre, 300);
    for (const bearing of [0, 45, 90, 135, 180, 225, 270, 315]) {
      const r = (bearing * Math.PI) / 180;
      const p = {
        lat: centre.lat + (299 / 111_320) * Math.cos(r),
        lon: centre.lon + (299 / (111_320 * Math.cos((39.12 * Math.PI) / 180))) * Math.sin(r),
      };
      expect(distanceMetres(centre, p)).toBeLessThan(300.5);
      expect(p.lon >= box.minLon && p.lon <= box.maxLon && p.lat >= box.minLat && p.lat <= box.maxLat).toBe(
        true,
      );
    }
  });
});
