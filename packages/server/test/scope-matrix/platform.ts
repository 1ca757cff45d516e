import { answers, type MatrixModule } from './types.ts';

/** Public endpoints with no scope: the same answer for everybody, signed in or not. */
export const platformMatrix: MatrixModule = {
  name: 'platform',
  entries: [
    {
      route: 'GET /healthz',
      inside: () => ({ method: 'GET', url: '/healthz' }),
      expect: answers([200], { anonymous: [200] }),
    },
  ],
};
