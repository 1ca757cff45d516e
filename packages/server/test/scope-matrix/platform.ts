import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { webDistDir } from '../../src/web/module.ts';
import { type Answer, answers, type MatrixEntry, type MatrixModule, type Probe } from './types.ts';

/** The same answer for everybody, signed in or not. */
const everyone = (a: Answer) => answers([a], { anonymous: [a] });
const get = (url: string) => (): Probe => ({ method: 'GET', url });
/** The console answers 200 once built (npm run build), else a 503 page that says how to build it. */
const CONSOLE: Answer = existsSync(join(webDistDir(), 'index.html')) ? 200 : 503;
/** Open311's own catch-all: an unknown resource is Open311's 404, whatever the method. */
const open311Unknown = (method: Probe['method']): MatrixEntry => ({
  route: `${method} /open311/v2/*`,
  inside: () => ({
    method,
    url: '/open311/v2/no-such-resource.json',
    payload: method === 'GET' ? undefined : {},
  }),
  expect: everyone(404),
});

/**
 * Public endpoints with no scope: health, the API's own documentation, the console's files and
 * the catch-alls (an unknown API path is a 404 for everybody, never a hint of what exists).
 */
export const platformMatrix: MatrixModule = {
  name: 'platform',
  entries: [
    { route: 'GET /healthz', inside: get('/healthz'), expect: everyone(200) },
    { route: 'GET /api/openapi.json', inside: get('/api/openapi.json'), expect: everyone(200) },
    { route: 'GET /api/docs', inside: get('/api/docs'), expect: everyone(200) },
    { route: 'GET /api/docs/json', inside: get('/api/docs/json'), expect: everyone(200) },
    { route: 'GET /api/docs/yaml', inside: get('/api/docs/yaml'), expect: everyone(200) },
    {
      route: 'GET /api/docs/static/index.html',
      inside: get('/api/docs/static/index.html'),
      expect: everyone(302),
    },
    {
      route: 'GET /api/docs/static/swagger-initializer.js',
      inside: get('/api/docs/static/swagger-initializer.js'),
      expect: everyone(200),
    },
    {
      route: 'GET /api/docs/static/*',
      inside: get('/api/docs/static/no-such-file.js'),
      expect: everyone(404),
    },
    { route: 'GET /', inside: get('/'), expect: everyone(CONSOLE) },
    { route: 'GET /*', inside: get('/api/v1/no-such-endpoint'), expect: everyone(404) },
    open311Unknown('GET'),
    open311Unknown('POST'),
    open311Unknown('PUT'),
    open311Unknown('PATCH'),
    open311Unknown('DELETE'),
  ],
};
