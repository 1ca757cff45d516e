import type { TestApp } from '../harness.ts';
import type { LoggedIn } from '../login.ts';

/** The demo users (README "Demo users") and an anonymous caller: every entry answers for each. */
export const MATRIX_USERS = [
  'gridworker',
  'community_op',
  'street_op',
  'district_op',
  'urban_handler',
  'housing_handler',
  'police_handler',
  'mediator',
  'inspector',
  'leader',
  'district_admin',
  'city_leader',
  'admin',
  'auditor',
  'hexi_op',
  'anonymous',
] as const;
export type MatrixUser = (typeof MATRIX_USERS)[number];

export interface Place {
  code: string;
  path: string;
}

/**
 * What entries build their requests from. "Inside" is the demo users' corner of 和平区 (the
 * gridworker's grid, its community and street); "outside" is the same in 河西区.
 */
export interface MatrixFixture {
  t: TestApp;
  inside: { grid: Place; community: Place; street: Place; district: Place };
  outside: { grid: Place; community: Place; street: Place; district: Place };
  /** Another grid of the inside community: the grid worker's neighbour, outside their scope. */
  neighbourGrid: Place;
  /** Sessions of the demo users (anonymous has none). */
  sessions: Partial<Record<MatrixUser, LoggedIn>>;
  /** A fresh lower-case word for names that must be unique. */
  unique(): string;
  /** Ids other entries' setups leave here (e.g. `insideUser`). */
  ids: Record<string, number>;
}

export interface Probe {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  payload?: unknown;
  /** Send the request from a new session of the same user (for log-out). */
  freshSession?: boolean;
  /** Extra request headers (e.g. a content type other than JSON). */
  headers?: Record<string, string>;
}

/** A status code, or for a list: 200 with at least one item ('some') or with none ('none'). */
export type Answer = number | 'some' | 'none';

export interface MatrixEntry {
  /** `METHOD /path` exactly as in the OpenAPI document: 'GET /api/v1/units/{id}'. */
  route: string;
  /** Runs once before the entry's requests (create what the probes point at). */
  setup?(f: MatrixFixture): Promise<void>;
  /** The request about something inside 和平区. */
  inside(f: MatrixFixture, who: MatrixUser): Probe | Promise<Probe>;
  /** The same request about something in 河西区; omitted when the endpoint has no place (own session, tokens). */
  outside?(f: MatrixFixture, who: MatrixUser): Probe | Promise<Probe>;
  /** The same request about the neighbour grid (`f.neighbourGrid`), for the users given a third answer. */
  neighbour?(f: MatrixFixture, who: MatrixUser): Probe | Promise<Probe>;
  /** Expected answers per user: [inside, outside, neighbour grid]. */
  expect: Record<MatrixUser, [Answer, Answer?, Answer?]>;
  /** How many things a list answer holds (default: `items.length`). */
  count?(body: unknown): number;
}

/** Expected answers: one default pair for staff, 401 for anonymous unless given, and the exceptions. */
export function answers(
  staff: [Answer, Answer?],
  exceptions: Partial<Record<MatrixUser, [Answer, Answer?]>> = {},
): Record<MatrixUser, [Answer, Answer?]> {
  const anonymous: [Answer, Answer?] = staff[1] === undefined ? [401] : [401, 401];
  const all = {} as Record<MatrixUser, [Answer, Answer?]>;
  for (const u of MATRIX_USERS) all[u] = u === 'anonymous' ? anonymous : staff;
  return { ...all, ...exceptions };
}

/** Users grouped by where their scope is. */
export const HEPING_USERS: MatrixUser[] = [
  'gridworker',
  'community_op',
  'street_op',
  'district_op',
  'urban_handler',
  'housing_handler',
  'police_handler',
  'mediator',
  'inspector',
  'leader',
  'district_admin',
];
export const CITY_USERS: MatrixUser[] = ['city_leader', 'admin', 'auditor'];

/** The same pair for each of the listed users. */
export function each(
  users: MatrixUser[],
  pair: [Answer, Answer?],
): Partial<Record<MatrixUser, [Answer, Answer?]>> {
  return Object.fromEntries(users.map((u) => [u, pair]));
}

/** One module's entries, with what they need created first. */
export interface MatrixModule {
  name: string;
  setup?(f: MatrixFixture): Promise<void>;
  entries: MatrixEntry[];
}
