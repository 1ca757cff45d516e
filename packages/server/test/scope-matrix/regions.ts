import { answers, type MatrixFixture, type MatrixModule, type Place, type Probe } from './types.ts';

/** Boundaries are public: everybody, signed in or not, reads them inside and outside. */
const publicRead = answers([200, 200], { anonymous: [200, 200] });
/** Writes: administrators whose scope covers the region; other staff 403, anonymous 401. */
const adminWrite = (ok: number) => answers([403, 403], { district_admin: [ok, 403], admin: [ok, ok] });

/** A fresh 3-digit sequence for codes the probes create (900 and up: unused in the demo city). */
let sequence = 900;
const next = () => String(sequence++);

const side = (f: MatrixFixture, inside: boolean) => (inside ? f.inside : f.outside);
const communityCode = (street: Place) => `${street.code.slice(0, 9)}${next()}`;

/** A new grid in the side's community, written directly, for probes that use one up. */
async function freshGrid(f: MatrixFixture, inside: boolean): Promise<string> {
  const community = side(f, inside).community;
  const code = `${community.code}${next()}`;
  await f.t.ctx.db
    .insertInto('region')
    .values({
      code,
      parent_code: community.code,
      level: 'grid',
      name: '矩阵网格',
      path: `${community.path}${code}/`,
      depth: 4,
      grid_kind: 'basic',
    })
    .execute();
  return code;
}

const tinySquare = (lon: number, lat: number, d = 0.0002) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon - d, lat - d],
      [lon + d, lat - d],
      [lon + d, lat + d],
      [lon - d, lat + d],
      [lon - d, lat - d],
    ],
  ],
});

/** One probe per place: the same request inside 和平区 and in 河西区. */
const both = (build: (f: MatrixFixture, inside: boolean) => Probe | Promise<Probe>) => ({
  inside: (f: MatrixFixture) => build(f, true),
  outside: (f: MatrixFixture) => build(f, false),
});

export const regionsMatrix: MatrixModule = {
  name: 'regions',
  entries: [
    {
      route: 'GET /api/v1/regions',
      ...both((f, inside) => ({
        method: 'GET',
        url: `/api/v1/regions?within=${side(f, inside).district.code}&level=street`,
      })),
      expect: answers(['some', 'some'], { anonymous: ['some', 'some'] }),
    },
    {
      route: 'GET /api/v1/regions/{code}',
      ...both((f, inside) => ({ method: 'GET', url: `/api/v1/regions/${side(f, inside).grid.code}` })),
      expect: publicRead,
    },
    {
      route: 'GET /api/v1/regions/{code}/children',
      ...both((f, inside) => ({
        method: 'GET',
        url: `/api/v1/regions/${side(f, inside).community.code}/children`,
      })),
      expect: answers(['some', 'some'], { anonymous: ['some', 'some'] }),
    },
    {
      route: 'GET /api/v1/regions/{code}/counts',
      ...both((f, inside) => ({
        method: 'GET',
        url: `/api/v1/regions/${side(f, inside).street.code}/counts`,
      })),
      expect: publicRead,
    },
    {
      route: 'GET /api/v1/regions/{code}/boundaries',
      ...both((f, inside) => ({
        method: 'GET',
        url: `/api/v1/regions/${side(f, inside).community.code}/boundaries`,
      })),
      expect: publicRead,
    },
    {
      route: 'GET /api/v1/regions/{code}/export',
      ...both((f, inside) => ({
        method: 'GET',
        url: `/api/v1/regions/${side(f, inside).community.code}/export`,
      })),
      expect: publicRead,
    },
    {
      route: 'GET /api/v1/regions/{code}/history',
      ...both((f, inside) => ({
        method: 'GET',
        url: `/api/v1/regions/${side(f, inside).community.code}/history`,
      })),
      expect: publicRead,
    },
    {
      route: 'GET /api/v1/locate',
      ...both((_f, inside) => ({
        method: 'GET',
        url: inside ? '/api/v1/locate?lon=117.2012&lat=39.1196' : '/api/v1/locate?lon=117.2363&lat=39.0845',
      })),
      expect: publicRead,
    },
    {
      route: 'POST /api/v1/regions',
      ...both((f, inside) => {
        const street = side(f, inside).street;
        return {
          method: 'POST',
          url: '/api/v1/regions',
          payload: {
            code: communityCode(street),
            name: '矩阵社区',
            level: 'community',
            parentCode: street.code,
          },
        };
      }),
      expect: adminWrite(201),
    },
    {
      route: 'PATCH /api/v1/regions/{code}',
      ...both((f, inside) => ({
        method: 'PATCH',
        url: `/api/v1/regions/${side(f, inside).community.code}`,
        payload: { households: 4321 },
      })),
      expect: adminWrite(200),
    },
    {
      route: 'POST /api/v1/regions/{code}/move',
      // Moving a community under the street it is in already: authorised, and changes nothing.
      ...both((f, inside) => ({
        method: 'POST',
        url: `/api/v1/regions/${side(f, inside).community.code}/move`,
        payload: { parentCode: side(f, inside).street.code },
      })),
      expect: adminWrite(200),
    },
    {
      route: 'POST /api/v1/regions/{code}/retire',
      ...both(async (f, inside) => ({
        method: 'POST',
        url: `/api/v1/regions/${await freshGrid(f, inside)}/retire`,
        payload: {},
      })),
      expect: adminWrite(200),
    },
    {
      route: 'POST /api/v1/regions/import/divisions',
      ...both((f, inside) => {
        const street = side(f, inside).street;
        return {
          method: 'POST',
          url: '/api/v1/regions/import/divisions',
          headers: { 'content-type': 'text/csv' },
          payload: `code,name,level,parent_code\n${communityCode(street)},矩阵社区,community,${street.code}\n`,
        };
      }),
      expect: adminWrite(200),
    },
    {
      route: 'POST /api/v1/regions/import/boundaries',
      ...both(async (f, inside) => {
        const code = await freshGrid(f, inside);
        // A tiny square in the middle of the community (a boundary outside its parent is refused).
        const box = await f.t.ctx.db
          .selectFrom('region')
          .select(['min_lon', 'max_lon', 'min_lat', 'max_lat'])
          .where('code', '=', side(f, inside).community.code)
          .executeTakeFirstOrThrow();
        const lon = ((box.min_lon ?? 0) + (box.max_lon ?? 0)) / 2;
        const lat = ((box.min_lat ?? 0) + (box.max_lat ?? 0)) / 2;
        return {
          method: 'POST',
          url: '/api/v1/regions/import/boundaries',
          payload: {
            type: 'FeatureCollection',
            features: [{ type: 'Feature', properties: { code }, geometry: tinySquare(lon, lat) }],
          },
        };
      }),
      expect: adminWrite(200),
    },
  ],
};
