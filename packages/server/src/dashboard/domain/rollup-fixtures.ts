import type { RollupCase } from './rollup-contribution.ts';

/** A case just reported in a 和平区 community, as the rollup tests start from. */
export const reportedCase: RollupCase = {
  city_code: '120000000000',
  district_code: '120101000000',
  street_code: '120101001000',
  community_code: '120101001001',
  kind: 'request',
  category_code: 'request.noise',
  card: 'none',
  ratings_satisfied: 0,
  ratings_basically_satisfied: 0,
  ratings_unsatisfied: 0,
  reported_at: '2026-03-01T10:00:00Z',
  accepted_at: null,
  resolved_at: null,
  closed_at: null,
};
