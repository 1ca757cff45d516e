import { randomUUID } from 'node:crypto';
import { upload, workbook } from '../golive-helpers.ts';
import { answers, type MatrixFixture, type MatrixModule, type Probe } from './types.ts';

// Setting the city up is for a city-wide administrator only (403 for every other member of
// staff, 401 anonymous); the files are sent as dry runs so nothing changes for other entries.
const cityAdmin = (ok: number) => answers([403], { admin: [ok] });

const file = (url: string, name: string, data: Buffer | string): Probe => {
  const u = upload(name, data);
  return { method: 'POST', url, headers: u.headers, payload: u.payload };
};

async function gridBoundary(f: MatrixFixture): Promise<string> {
  const r = await f.t.ctx.db
    .selectFrom('region')
    .select('boundary')
    .where('code', '=', f.inside.grid.code)
    .executeTakeFirstOrThrow();
  return JSON.stringify(r.boundary);
}

export const setupMatrix: MatrixModule = {
  name: 'setup',
  entries: [
    {
      route: 'GET /api/v1/city',
      inside: () => ({ method: 'GET', url: '/api/v1/city' }),
      expect: answers([200], { anonymous: [200] }),
    },
    {
      route: 'GET /api/v1/setup/status',
      inside: () => ({ method: 'GET', url: '/api/v1/setup/status' }),
      expect: cityAdmin(200),
    },
    {
      route: 'PATCH /api/v1/setup/city',
      inside: () => ({ method: 'PATCH', url: '/api/v1/setup/city', payload: { portalTitle: '市民随手拍' } }),
      expect: cityAdmin(200),
    },
    {
      route: 'POST /api/v1/setup/go-live',
      inside: () => ({ method: 'POST', url: '/api/v1/setup/go-live' }),
      expect: cityAdmin(200),
    },
    {
      route: 'POST /api/v1/setup/import/divisions',
      inside: (f) =>
        file(
          '/api/v1/setup/import/divisions?dryRun=true',
          'divisions.csv',
          `code,name,level,parent_code\n${f.inside.street.code.slice(0, 9)}998,矩阵社区,community,${f.inside.street.code}\n`,
        ),
      expect: cityAdmin(200),
    },
    {
      route: 'POST /api/v1/setup/import/boundaries',
      inside: async (f) =>
        file(
          '/api/v1/setup/import/boundaries?dryRun=true',
          'b.geojson',
          `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"${f.inside.grid.code}"},"geometry":${await gridBoundary(f)}}]}`,
        ),
      expect: cityAdmin(200),
    },
    {
      route: 'POST /api/v1/setup/import/grids',
      inside: async (f) =>
        file(
          '/api/v1/setup/import/grids?dryRun=true',
          'grids.xlsx',
          await workbook({
            grids: {
              columns: ['grid_code', 'name', 'community_code', 'boundary'],
              rows: [
                [`${f.inside.community.code}998`, '矩阵网格', f.inside.community.code, await gridBoundary(f)],
              ],
            },
          }),
        ),
      expect: cityAdmin(200),
    },
    {
      route: 'POST /api/v1/setup/import/staff',
      inside: async (f) =>
        file(
          '/api/v1/setup/import/staff?dryRun=true',
          'staff.xlsx',
          await workbook({
            users: {
              columns: ['username', 'display_name', 'role', 'unit', 'region_code'],
              rows: [
                [`m_${f.unique()}`, '矩阵值班员', 'centre_operator', `centre:${f.inside.community.code}`, ''],
              ],
            },
          }),
        ),
      expect: cityAdmin(200),
    },
    {
      route: 'GET /api/v1/setup/password-sheets/{id}',
      inside: () => ({ method: 'GET', url: `/api/v1/setup/password-sheets/${randomUUID()}` }),
      expect: cityAdmin(404),
    },
    {
      route: 'GET /api/v1/setup/export/categories',
      inside: () => ({ method: 'GET', url: '/api/v1/setup/export/categories' }),
      expect: cityAdmin(200),
    },
    {
      route: 'POST /api/v1/setup/import/categories',
      inside: async () =>
        file(
          '/api/v1/setup/import/categories?dryRun=true',
          'categories.xlsx',
          await workbook({
            categories: {
              columns: ['code', 'kind', 'name_zh', 'name_en'],
              rows: [['matrix.one', 'request', '矩阵', 'Matrix']],
            },
          }),
        ),
      expect: cityAdmin(200),
    },
    {
      route: 'POST /api/v1/setup/import/calendar',
      inside: () =>
        file(
          '/api/v1/setup/import/calendar?year=2028&dryRun=true',
          'h.csv',
          'day,kind,name_zh,name_en\n2028-01-01,off,元旦,New Year\n',
        ),
      expect: cityAdmin(200),
    },
  ],
};
