import { answers, CITY_USERS, each, type MatrixFixture, type MatrixModule, type Place } from './types.ts';

/**
 * Dashboard: figures of a region subtree for every staff member whose scope holds the region
 * (404 above or beside it, never a hint); the overdue list names cases, so it also needs the
 * right to read the cases of that region. Probes ask about each side's grid (every demo user's
 * scope holds the inside one) or, for the ranking of children, each side's community.
 */
const grid = (f: MatrixFixture, inside: boolean): Place => (inside ? f.inside : f.outside).grid;
const community = (f: MatrixFixture, inside: boolean): Place => (inside ? f.inside : f.outside).community;

const about = (path: string, place: (f: MatrixFixture, inside: boolean) => Place, query = '') => ({
  inside: (f: MatrixFixture) => ({
    method: 'GET' as const,
    url: `/api/v1/dashboard/${path}?region=${place(f, true).code}${query}`,
  }),
  outside: (f: MatrixFixture) => ({
    method: 'GET' as const,
    url: `/api/v1/dashboard/${path}?region=${place(f, false).code}${query}`,
  }),
});

/** Figures: 和平区 staff inside, 河西区 outside, city-wide staff both. */
const figures = answers([200, 404], { ...each(CITY_USERS, [200, 200]), hexi_op: [404, 200] });

export const dashboardMatrix: MatrixModule = {
  name: 'dashboard',
  entries: [
    { route: 'GET /api/v1/dashboard/summary', ...about('summary', grid), expect: figures },
    { route: 'GET /api/v1/dashboard/trend', ...about('trend', grid), expect: figures },
    { route: 'GET /api/v1/dashboard/breakdown', ...about('breakdown', grid), expect: figures },
    {
      route: 'GET /api/v1/dashboard/children',
      ...about('children', community, '&figure=received'),
      // a grid worker's scope is their grid: their community's ranking lies above it
      expect: { ...figures, gridworker: [404, 404] },
    },
    {
      route: 'GET /api/v1/dashboard/overdue',
      ...about('overdue', grid),
      // cases, not figures: the auditor reads the audit log, not cases
      expect: { ...figures, auditor: [404, 404] },
    },
  ],
};
