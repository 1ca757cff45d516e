import { describe, expect, it } from 'vitest';
import { splitFormat } from './format.ts';

describe('format suffixes', () => {
  it.each([
    ['services.json', 'services', 'json'],
    ['services.xml', 'services', 'xml'],
    ['services.JSON', 'services', 'json'],
    ['services', 'services', 'xml'],
    ['request.roads.pothole.json', 'request.roads.pothole', 'json'],
    ['request.roads.pothole', 'request.roads.pothole', 'xml'],
    ['120101-2026-000001.xml', '120101-2026-000001', 'xml'],
    ['a.html', 'a.html', 'xml'],
  ])('%s → %s as %s', (resource, name, format) => {
    expect(splitFormat(resource)).toEqual({ name, format });
  });
});
