import { parseW3 } from './datetime.ts';
import { invalidArgument } from './errors.ts';

export type PublicStatus = 'open' | 'closed';

export const MAX_WINDOW_DAYS = 90;
export const DEFAULT_PAGE_SIZE = 1000;
export const MAX_PAGE_SIZE = 1000;
export const MAX_IDS = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** GET requests, as understood: either explicit ids (overriding the rest) or a filtered window. */
export type RequestsQuery =
  | { kind: 'ids'; ids: string[] }
  | {
      kind: 'search';
      serviceCodes: string[] | null;
      statuses: PublicStatus[] | null;
      start: Date;
      end: Date;
      page: number;
      pageSize: number;
    };

export type RawQuery = Record<string, string | string[] | undefined>;

/** Optional arguments: an empty value is the same as no value (the spec's "Optional Arguments"). */
function arg(query: RawQuery, name: string): string | undefined {
  const raw = query[name];
  const value = Array.isArray(raw) ? raw.join(',') : raw;
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function list(value: string | undefined): string[] | null {
  if (value === undefined) return null;
  const items = [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  return items.length ? items : null;
}

function date(query: RawQuery, name: string): Date | undefined {
  const value = arg(query, name);
  if (value === undefined) return undefined;
  const parsed = parseW3(value);
  if (!(parsed instanceof Date)) throw invalidArgument(name, parsed.error);
  return parsed;
}

function positiveInt(query: RawQuery, name: string, fallback: number, max: number): number {
  const value = arg(query, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw invalidArgument(name, 'must be a positive integer');
  if (Number(value) > max) throw invalidArgument(name, `must be at most ${max}`);
  return Number(value);
}

/**
 * Read GET requests' arguments. Without dates the window is the most recent 90 days; with one
 * date it is the 90 days from (or up to) it; with both it may not span more than 90 days.
 * The answer holds at most 1,000 requests a page (the spec's default volume).
 */
export function parseRequestsQuery(query: RawQuery, now: Date): RequestsQuery {
  const ids = list(arg(query, 'service_request_id'));
  if (ids) {
    if (ids.length > MAX_IDS) throw invalidArgument('service_request_id', `at most ${MAX_IDS} ids at once`);
    return { kind: 'ids', ids };
  }
  const statuses = list(arg(query, 'status')?.toLowerCase());
  for (const s of statuses ?? [])
    if (s !== 'open' && s !== 'closed') throw invalidArgument('status', `must be open or closed, not "${s}"`);
  const startArg = date(query, 'start_date');
  const endArg = date(query, 'end_date');
  const window = MAX_WINDOW_DAYS * DAY_MS;
  const end = endArg ?? (startArg ? new Date(startArg.getTime() + window) : now);
  const start = startArg ?? new Date(end.getTime() - window);
  if (start > end) throw invalidArgument('start_date', 'must not be after end_date');
  if (end.getTime() - start.getTime() > window)
    throw invalidArgument(
      'end_date',
      `the range from start_date may not span more than ${MAX_WINDOW_DAYS} days`,
    );
  return {
    kind: 'search',
    serviceCodes: list(arg(query, 'service_code')),
    statuses: statuses as PublicStatus[] | null,
    start,
    end,
    page: positiveInt(query, 'page', 1, 1_000_000),
    pageSize: positiveInt(query, 'page_size', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}
