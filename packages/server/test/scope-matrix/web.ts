import { answers, CITY_USERS, each, type MatrixFixture, type MatrixModule } from './types.ts';

/**
 * Console helpers. The targets of a case (units it may be sent to, for pickers) answer only for
 * who may see the case (the cases entries' case on each side; 404 otherwise, never a hint),
 * and list units only for who may take the action now.
 */
const targets = (inside: boolean) => (f: MatrixFixture) => ({
  method: 'GET' as const,
  url: `/api/v1/console/cases/${f.ids[inside ? 'insideCase' : 'outsideCase']}/targets?action=copy_notify`,
});

export const webMatrix: MatrixModule = {
  name: 'web',
  entries: [
    {
      route: 'GET /api/v1/console/cases/{id}/targets',
      inside: targets(true),
      outside: targets(false),
      expect: answers([200, 404], {
        ...each(CITY_USERS, [200, 200]),
        auditor: [404, 404],
        hexi_op: [404, 200],
      }),
    },
  ],
};
