import { describe, expect, it } from 'vitest';
import { formatW3, parseW3 } from './datetime.ts';

describe('W3C date-times', () => {
  it.each([
    ['2026-05-04T01:30:00.000Z', '2026-05-04T09:30:00+08:00'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01T00:00:00+08:00'],
    ['2026-02-28T23:59:59.000Z', '2026-03-01T07:59:59+08:00'],
  ])('writes %s in local time with its offset: %s', (iso, expected) => {
    expect(formatW3(new Date(iso))).toBe(expected);
  });

  it.each([
    ['2010-05-24T00:00:00Z', '2010-05-24T00:00:00.000Z'],
    ['2010-05-24T08:00:00+08:00', '2010-05-24T00:00:00.000Z'],
    ['2010-05-24T00:00-05:00', '2010-05-24T05:00:00.000Z'],
    ['2010-05-24T00:00:00.250Z', '2010-05-24T00:00:00.250Z'],
    ['2010-05-24', '2010-05-23T16:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    const d = parseW3(text);
    expect(d instanceof Date && d.toISOString()).toBe(iso);
  });

  it.each([
    ['2010-05-24T00:00:00', /time zone/],
    ['yesterday', /W3C date-time/],
    ['2026-02-30', /not a valid date/],
    ['2026-13-01T00:00:00Z', /not a valid date/],
    ['1274659200', /W3C date-time/],
  ])('refuses %s', (text, message) => {
    const d = parseW3(text);
    expect(d instanceof Date ? 'accepted' : d.error).toMatch(message);
  });
});
