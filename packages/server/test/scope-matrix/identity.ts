import { sql } from 'kysely';
import { identityAccessEntries } from './identity-access.ts';
import {
  answers,
  CITY_USERS,
  each,
  type MatrixFixture,
  type MatrixModule,
  type MatrixUser,
} from './types.ts';

/** Who may read a user posted in the inside grid (user.read in scope) and who may manage them. */
const INSIDE_READERS: MatrixUser[] = ['community_op', 'street_op', 'district_op', 'leader', 'district_admin'];
const readUser = answers([404, 404], {
  ...each(INSIDE_READERS, [200, 404]),
  ...each(CITY_USERS, [200, 200]),
  hexi_op: [404, 200],
});
const manageUser = (ok: number) =>
  answers([404, 404], {
    ...each(INSIDE_READERS, [403, 404]),
    district_admin: [ok, 404],
    city_leader: [403, 403],
    auditor: [403, 403],
    admin: [ok, ok],
    hexi_op: [404, 403],
  });
const readUnit = answers([200, 404], { ...each(CITY_USERS, [200, 200]), hexi_op: [404, 200] });
const manageUnit = (ok: number) => answers([404, 404], { district_admin: [ok, 404], admin: [ok, ok] });

async function gridWorker(f: MatrixFixture, grid: { code: string; path: string }) {
  const row = await f.t.ctx.db
    .insertInto('app_user')
    .values({ username: `matrix_${f.unique()}`, display_name: 'Matrix user', password_hash: 'scrypt$x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await f.t.ctx.db
    .insertInto('user_post')
    .values({ user_id: row.id, role: 'grid_worker', region_code: grid.code, region_path: grid.path })
    .execute();
  return Number(row.id);
}

async function station(f: MatrixFixture, street: { code: string; path: string }) {
  const type = `matrix_${f.unique()}`;
  const row = await f.t.ctx.db
    .insertInto('unit')
    .values({
      code: `${type}:${street.code}`,
      name: 'Matrix station',
      kind: 'station',
      department_type: type,
      level: 'street',
      region_code: street.code,
      region_path: street.path,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

const side = (f: MatrixFixture, inside: boolean) => (inside ? f.inside : f.outside);
const userId = (f: MatrixFixture, inside: boolean) => f.ids[inside ? 'insideUser' : 'outsideUser'];
const centreId = async (f: MatrixFixture, inside: boolean) =>
  (await f.t.ctx.services.identity.centreFor(side(f, inside).community.code))?.id ?? 0;

export const identityMatrix: MatrixModule = {
  name: 'identity',
  async setup(f) {
    const { identity } = f.t.ctx.services;
    f.ids.insideUser = await gridWorker(f, f.inside.grid);
    f.ids.outsideUser = await gridWorker(f, f.outside.grid);
    f.ids.insideUnit = await station(f, f.inside.street);
    f.ids.outsideUnit = await station(f, f.outside.street);
    await f.t.ctx.db.transaction().execute(async (trx) => {
      f.ids.insidePerson = await identity.persons.create(trx, {
        name: '张三',
        phone: '13800000001',
        regionPath: f.inside.grid.path,
      });
      f.ids.outsidePerson = await identity.persons.create(trx, {
        name: '李四',
        phone: '13800000002',
        regionPath: f.outside.grid.path,
      });
      await identity.audit.record(trx, {
        action: 'matrix.probe',
        objectType: 'matrix',
        objectId: 'inside',
        regionPath: f.inside.grid.path,
      });
      await identity.audit.record(trx, {
        action: 'matrix.probe',
        objectType: 'matrix',
        objectId: 'outside',
        regionPath: f.outside.grid.path,
      });
    });
  },
  entries: [
    ...identityAccessEntries,
    {
      route: 'GET /api/v1/users',
      inside: async (f) => ({
        method: 'GET',
        url: `/api/v1/users?q=${await usernameOf(f, f.ids.insideUser)}`,
      }),
      outside: async (f) => ({
        method: 'GET',
        url: `/api/v1/users?q=${await usernameOf(f, f.ids.outsideUser)}`,
      }),
      expect: answers(['none', 'none'], {
        ...each(INSIDE_READERS, ['some', 'none']),
        ...each(CITY_USERS, ['some', 'some']),
        hexi_op: ['none', 'some'],
      }),
    },
    {
      route: 'POST /api/v1/users',
      inside: (f) => ({
        method: 'POST',
        url: '/api/v1/users',
        payload: {
          username: `m_${f.unique()}`,
          displayName: 'M',
          password: 'Str0ng#Pass1',
          posts: [{ role: 'grid_worker', regionCode: f.inside.grid.code }],
        },
      }),
      outside: (f) => ({
        method: 'POST',
        url: '/api/v1/users',
        payload: {
          username: `m_${f.unique()}`,
          displayName: 'M',
          password: 'Str0ng#Pass1',
          posts: [{ role: 'grid_worker', regionCode: f.outside.grid.code }],
        },
      }),
      expect: answers([403, 403], { district_admin: [201, 404], admin: [201, 201] }),
    },
    {
      route: 'GET /api/v1/users/{id}',
      inside: (f) => ({ method: 'GET', url: `/api/v1/users/${userId(f, true)}` }),
      outside: (f) => ({ method: 'GET', url: `/api/v1/users/${userId(f, false)}` }),
      expect: readUser,
    },
    {
      route: 'PATCH /api/v1/users/{id}',
      inside: (f) => ({
        method: 'PATCH',
        url: `/api/v1/users/${userId(f, true)}`,
        payload: { displayName: 'Matrix user' },
      }),
      outside: (f) => ({
        method: 'PATCH',
        url: `/api/v1/users/${userId(f, false)}`,
        payload: { displayName: 'Matrix user' },
      }),
      expect: manageUser(200),
    },
    {
      route: 'GET /api/v1/users/{id}/posts',
      inside: (f) => ({ method: 'GET', url: `/api/v1/users/${userId(f, true)}/posts` }),
      outside: (f) => ({ method: 'GET', url: `/api/v1/users/${userId(f, false)}/posts` }),
      expect: readUser,
    },
    {
      route: 'POST /api/v1/users/{id}/posts',
      inside: (f) => ({
        method: 'POST',
        url: `/api/v1/users/${userId(f, true)}/posts`,
        payload: { role: 'inspector', regionCode: f.inside.community.code },
      }),
      outside: (f) => ({
        method: 'POST',
        url: `/api/v1/users/${userId(f, false)}/posts`,
        payload: { role: 'inspector', regionCode: f.outside.community.code },
      }),
      expect: manageUser(201),
    },
    {
      route: 'DELETE /api/v1/users/{id}/posts/{postId}',
      inside: async (f) => ({
        method: 'DELETE',
        url: `/api/v1/users/${userId(f, true)}/posts/${await extraPost(f, true)}`,
      }),
      outside: async (f) => ({
        method: 'DELETE',
        url: `/api/v1/users/${userId(f, false)}/posts/${await extraPost(f, false)}`,
      }),
      expect: manageUser(200),
    },
    {
      route: 'POST /api/v1/users/{id}/reset-password',
      inside: (f) => ({
        method: 'POST',
        url: `/api/v1/users/${userId(f, true)}/reset-password`,
        payload: { newPassword: 'Str0ng#Pass1' },
      }),
      outside: (f) => ({
        method: 'POST',
        url: `/api/v1/users/${userId(f, false)}/reset-password`,
        payload: { newPassword: 'Str0ng#Pass1' },
      }),
      expect: manageUser(200),
    },
    {
      route: 'GET /api/v1/units',
      inside: (f) => ({ method: 'GET', url: `/api/v1/units?region=${f.inside.community.code}` }),
      outside: (f) => ({ method: 'GET', url: `/api/v1/units?region=${f.outside.community.code}` }),
      expect: answers(['some', 'none'], { ...each(CITY_USERS, ['some', 'some']), hexi_op: ['none', 'some'] }),
    },
    {
      route: 'POST /api/v1/units',
      inside: (f) => ({
        method: 'POST',
        url: '/api/v1/units',
        payload: {
          name: 'M',
          kind: 'station',
          departmentType: `matrix_${f.unique()}`,
          regionCode: f.inside.street.code,
        },
      }),
      outside: (f) => ({
        method: 'POST',
        url: '/api/v1/units',
        payload: {
          name: 'M',
          kind: 'station',
          departmentType: `matrix_${f.unique()}`,
          regionCode: f.outside.street.code,
        },
      }),
      expect: manageUnit(201),
    },
    {
      route: 'GET /api/v1/units/{id}',
      inside: async (f) => ({ method: 'GET', url: `/api/v1/units/${await centreId(f, true)}` }),
      outside: async (f) => ({ method: 'GET', url: `/api/v1/units/${await centreId(f, false)}` }),
      expect: readUnit,
    },
    {
      route: 'PATCH /api/v1/units/{id}',
      inside: (f) => ({
        method: 'PATCH',
        url: `/api/v1/units/${f.ids.insideUnit}`,
        payload: { phone: '022-12345678' },
      }),
      outside: (f) => ({
        method: 'PATCH',
        url: `/api/v1/units/${f.ids.outsideUnit}`,
        payload: { phone: '022-12345678' },
      }),
      expect: manageUnit(200),
    },
    {
      route: 'GET /api/v1/units/{id}/jurisdiction',
      inside: async (f) => ({ method: 'GET', url: `/api/v1/units/${await centreId(f, true)}/jurisdiction` }),
      outside: async (f) => ({
        method: 'GET',
        url: `/api/v1/units/${await centreId(f, false)}/jurisdiction`,
      }),
      expect: readUnit,
    },
    {
      route: 'POST /api/v1/units/{id}/retire',
      inside: async (f) => ({
        method: 'POST',
        url: `/api/v1/units/${await station(f, f.inside.street)}/retire`,
        payload: {},
      }),
      outside: async (f) => ({
        method: 'POST',
        url: `/api/v1/units/${await station(f, f.outside.street)}/retire`,
        payload: {},
      }),
      expect: manageUnit(200),
    },
  ],
};

async function usernameOf(f: MatrixFixture, id: number | undefined): Promise<string> {
  const r = await f.t.ctx.db
    .selectFrom('app_user')
    .select('username')
    .where('id', '=', id ?? 0)
    .executeTakeFirstOrThrow();
  return r.username;
}

async function extraPost(f: MatrixFixture, inside: boolean): Promise<number> {
  const place = side(f, inside).grid;
  const r = await sql<{ id: number }>`insert into user_post (user_id, role, region_code, region_path)
    values (${userId(f, inside)}, 'grid_head', ${place.code}, ${place.path}) returning id`.execute(
    f.t.ctx.db,
  );
  return Number(r.rows[0]?.id);
}
