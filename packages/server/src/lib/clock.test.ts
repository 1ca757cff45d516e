import { describe, expect, it } from 'vitest';
import { cityDay } from './clock.ts';

describe('the city day', () => {
  it('is the Beijing date: 16:30 UTC is already the next day in the city', () => {
    expect(cityDay(new Date('2026-12-01T16:30:00Z'))).toBe('2026-12-02');
    expect(cityDay(new Date('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
  });
});
