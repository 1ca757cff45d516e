import {
  answers,
  each,
  HEPING_USERS,
  type MatrixEntry,
  type MatrixFixture,
  type MatrixUser,
} from './types.ts';

const REVEALERS: MatrixUser[] = HEPING_USERS.filter((u) => u !== 'inspector' && u !== 'district_admin');

/** Log-in, own session, own tokens (no place), the audit log and reveals of personal data. */
export const identityAccessEntries: MatrixEntry[] = [
  {
    route: 'POST /api/v1/auth/login',
    inside: (f) => ({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: `nobody_${f.unique()}`, password: 'Wrong#2026x' },
    }),
    expect: answers([401]),
  },
  {
    route: 'POST /api/v1/auth/logout',
    inside: () => ({ method: 'POST', url: '/api/v1/auth/logout', freshSession: true }),
    expect: answers([204]),
  },
  {
    route: 'GET /api/v1/auth/me',
    inside: () => ({ method: 'GET', url: '/api/v1/auth/me' }),
    expect: answers([200]),
  },
  {
    route: 'POST /api/v1/auth/password',
    inside: () => ({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: 'Not#Mine2026', newPassword: 'Str0ng#Pass1' },
    }),
    expect: answers([422]),
  },
  {
    route: 'GET /api/v1/auth/demo-users',
    inside: () => ({ method: 'GET', url: '/api/v1/auth/demo-users' }),
    expect: answers([200], { anonymous: [200] }),
  },
  {
    route: 'POST /api/v1/tokens',
    inside: () => ({ method: 'POST', url: '/api/v1/tokens', payload: { name: 'matrix' } }),
    expect: answers([201]),
  },
  {
    route: 'GET /api/v1/tokens',
    inside: () => ({ method: 'GET', url: '/api/v1/tokens' }),
    expect: answers([200]),
  },
  {
    route: 'DELETE /api/v1/tokens/{id}',
    inside: async (f, who) => {
      const owner = f.sessions[who];
      const t = await tokenOf(f, owner?.userId ?? f.sessions.admin?.userId ?? 0);
      return { method: 'DELETE', url: `/api/v1/tokens/${t}` };
    },
    outside: async (f, who) => {
      const other = who === 'admin' ? f.sessions.gridworker : f.sessions.admin;
      return { method: 'DELETE', url: `/api/v1/tokens/${await tokenOf(f, other?.userId ?? 0)}` };
    },
    expect: answers([204, 404]),
  },
  {
    route: 'GET /api/v1/audit',
    inside: () => ({ method: 'GET', url: '/api/v1/audit?objectType=matrix&objectId=inside' }),
    outside: () => ({ method: 'GET', url: '/api/v1/audit?objectType=matrix&objectId=outside' }),
    expect: answers([403, 403], {
      district_admin: ['some', 'none'],
      admin: ['some', 'some'],
      auditor: ['some', 'some'],
    }),
  },
  {
    route: 'GET /api/v1/audit/verify',
    inside: () => ({ method: 'GET', url: '/api/v1/audit/verify' }),
    expect: answers([403], { district_admin: [200], admin: [200], auditor: [200] }),
  },
  {
    route: 'POST /api/v1/persons/{id}/reveal',
    inside: (f) => ({
      method: 'POST',
      url: `/api/v1/persons/${f.ids.insidePerson}/reveal`,
      payload: { reason: 'scope matrix' },
    }),
    outside: (f) => ({
      method: 'POST',
      url: `/api/v1/persons/${f.ids.outsidePerson}/reveal`,
      payload: { reason: 'scope matrix' },
    }),
    expect: answers([404, 404], {
      ...each(REVEALERS, [200, 404]),
      city_leader: [200, 200],
      hexi_op: [404, 200],
    }),
  },
];

async function tokenOf(f: MatrixFixture, userId: number): Promise<number> {
  const row = await f.t.ctx.db
    .insertInto('api_token')
    .values({ user_id: userId, name: 'matrix', prefix: 'cgt_matrix', token_hash: `matrix-${f.unique()}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
