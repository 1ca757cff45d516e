import { describe, expect, it } from 'vitest';
import { Open311Error } from './errors.ts';
import { parseRequestsQuery, type RawQuery } from './requests-query.ts';

const now = new Date('2026-05-10T00:00:00Z');
const day = 86_400_000;

function search(q: RawQuery) {
  const r = parseRequestsQuery(q, now);
  if (r.kind !== 'search') throw new Error('expected a search');
  return r;
}

function error(q: RawQuery): string {
  try {
    parseRequestsQuery(q, now);
  } catch (e) {
    if (e instanceof Open311Error) return `${e.status} ${e.message}`;
    throw e;
  }
  return 'no error';
}

describe('GET requests arguments', () => {
  it('defaults to the most recent 90 days and 1,000 requests a page', () => {
    const r = search({});
    expect(r.end).toEqual(now);
    expect(now.getTime() - r.start.getTime()).toBe(90 * day);
    expect(r).toMatchObject({ page: 1, pageSize: 1000, serviceCodes: null, statuses: null });
  });

  it("treats empty arguments as absent (the spec's optional arguments)", () => {
    expect(search({ start_date: '', status: ' ', service_code: '' })).toMatchObject({
      statuses: null,
      serviceCodes: null,
    });
  });

  it.each([
    [{ start_date: '2026-01-01T00:00:00Z' }, '2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
    [{ end_date: '2026-04-01T00:00:00Z' }, '2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
    [
      { start_date: '2026-01-01T00:00:00Z', end_date: '2026-04-01T00:00:00Z' },
      '2026-01-01T00:00:00.000Z',
      '2026-04-01T00:00:00.000Z',
    ],
  ])('a window of at most 90 days around the dates given: %j', (q, start, end) => {
    const r = search(q);
    expect([r.start.toISOString(), r.end.toISOString()]).toEqual([start, end]);
  });

  it.each([
    [{ start_date: '2026-01-01T00:00:00Z', end_date: '2026-04-01T00:00:01Z' }, /400 end_date: .*90 days/],
    [
      { start_date: '2026-04-01T00:00:00Z', end_date: '2026-01-01T00:00:00Z' },
      /400 start_date: must not be after/,
    ],
    [{ start_date: 'last week' }, /400 start_date/],
    [{ end_date: '2026-01-01T00:00:00' }, /400 end_date: must include a time zone/],
    [{ status: 'pending' }, /400 status: must be open or closed/],
    [{ page: '0' }, /400 page/],
    [{ page_size: '1001' }, /400 page_size: must be at most 1000/],
    [{ page_size: 'ten' }, /400 page_size/],
  ])('refuses %j', (q, message) => {
    expect(error(q)).toMatch(message);
  });

  it('reads comma lists of status and service_code', () => {
    expect(search({ status: 'open,closed', service_code: 'a, b,a' })).toMatchObject({
      statuses: ['open', 'closed'],
      serviceCodes: ['a', 'b'],
    });
  });

  it('lets service_request_id override every other argument', () => {
    expect(
      parseRequestsQuery({ service_request_id: 'x-1,x-2', status: 'bogus', start_date: 'bad' }, now),
    ).toEqual({
      kind: 'ids',
      ids: ['x-1', 'x-2'],
    });
  });
});
