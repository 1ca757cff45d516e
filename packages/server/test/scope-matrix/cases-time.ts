import {
  answers,
  each,
  type MatrixEntry,
  type MatrixFixture,
  type MatrixModule,
  type MatrixUser,
  type Probe,
} from './types.ts';

/**
 * Cases-time: supervision, key cases, the working calendar, notifications, webhooks and bulk
 * import. Its own pair of cases (inside: reported by the grid worker, held by its community
 * centre; outside: reported by hexi_op in 河西区), both marked key by the city leader.
 */
const request = (gridCode: string) => ({
  kind: 'dispute',
  category: 'dispute.neighbour',
  attributes: { parties_count: 2, risk_level: 'low' },
  description: '邻里纠纷（督办矩阵）',
  gridCode,
  channel: 'field',
});

async function post(f: MatrixFixture, who: MatrixUser, url: string, payload: unknown) {
  const res = await f.t.app.inject({
    method: 'POST',
    url,
    headers: f.sessions[who]?.headers ?? {},
    payload: payload as object,
  });
  if (res.statusCode >= 300) throw new Error(`matrix cases-time ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

const id = (f: MatrixFixture, inside: boolean) => f.ids[inside ? 'timeInsideCase' : 'timeOutsideCase'];
const both = (build: (f: MatrixFixture, inside: boolean) => Probe | Promise<Probe>) => ({
  inside: (f: MatrixFixture) => build(f, true),
  outside: (f: MatrixFixture) => build(f, false),
});
/** The auditor reads the audit log, not cases; administrators read their area's cases but act on none. */
const NOT_READERS = { auditor: [404, 404] as [number, number], admin: [403, 403] as [number, number] };
/** Who reads a case (the cases module's rule). */
const read = answers([200, 404], {
  auditor: [404, 404],
  hexi_op: [404, 200],
  ...each(['city_leader', 'admin'], [200, 200]),
});
/** Leaders and centre operators manage key cases in their scope; the cases are key already (409). */
const manageKey = answers([403, 403], {
  community_op: [409, 404],
  street_op: [409, 404],
  district_op: [409, 404],
  leader: [409, 404],
  city_leader: [409, 409],
  hexi_op: [404, 409],
});
/** City-wide settings (the working calendar): the city administrator only, not a district's. */
const cityAdminOnly = (status: number) => answers([403], { admin: [status] });
const BOUNDARY = '----matrix-import';
const csvUpload = (gridCode: string) =>
  Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="import.csv"\r\nContent-Type: text/csv\r\n\r\n` +
      `kind,category,description,gridCode\r\nrequest,request.road,人行道破损（矩阵）,${gridCode}\r\n` +
      `\r\n--${BOUNDARY}--\r\n`,
  );
let holidayDays = 0;
/** A receiver on the public internet (never reached: the matrix does not deliver). */
const HOOK_URL = 'https://hooks.example.org/matrix';
const district = (f: MatrixFixture, inside: boolean) => (inside ? f.inside : f.outside).district.code;
/** A new subscription of the district on that side, made by the city administrator. */
const freshHook = async (f: MatrixFixture, inside: boolean): Promise<number> =>
  (
    await post(f, 'admin', '/api/v1/webhooks', {
      url: HOOK_URL,
      events: ['*'],
      regionCode: district(f, inside),
    })
  ).id;

/**
 * A new 河西区 case reported by hexi_op and held by the 河西区 centre (its unit): where routing put
 * it depends on which 河西区 units have staff by now, so the probe sets the holder it asks about.
 */
async function heldByHexiCentre(f: MatrixFixture): Promise<number> {
  const made = await post(f, 'hexi_op', '/api/v1/cases', request(f.outside.grid.code));
  const centre = f.sessions.hexi_op?.unitIds[0] as number;
  await f.t.ctx.db
    .updateTable('cases')
    .set({ current_unit_id: centre, centre_unit_id: centre })
    .where('id', '=', Number(made.id))
    .execute();
  return Number(made.id);
}

const entries: MatrixEntry[] = [
  {
    route: 'GET /api/v1/cases/{id}/supervisions',
    ...both((f, inside) => ({ method: 'GET', url: `/api/v1/cases/${id(f, inside)}/supervisions` })),
    expect: read,
  },
  {
    route: 'POST /api/v1/cases/{id}/supervisions',
    ...both((f, inside) => ({
      method: 'POST',
      url: `/api/v1/cases/${id(f, inside)}/supervisions`,
      payload: { reason: '请加快办理' },
    })),
    expect: answers([403, 403], { leader: [201, 404], city_leader: [201, 201] }),
  },
  {
    route: 'POST /api/v1/cases/{id}/supervisions/{supervisionId}/reply',
    // a fresh supervision by the city leader for every probe: only its unit may reply, once.
    // Outside, each probe reports its own 河西区 case held by the 河西区 centre (hexi_op's unit),
    // so the answer does not depend on which 河西区 units earlier probes staffed (routing falls back).
    ...both(async (f, inside) => {
      const caseId = inside ? id(f, true) : await heldByHexiCentre(f);
      const s = await post(f, 'city_leader', `/api/v1/cases/${caseId}/supervisions`, {
        reason: '矩阵督办',
      });
      return {
        method: 'POST',
        url: `/api/v1/cases/${caseId}/supervisions/${s.id}/reply`,
        payload: { reply: '已办理' },
      };
    }),
    expect: answers([403, 404], {
      ...NOT_READERS,
      gridworker: [200, 404],
      community_op: [200, 404],
      hexi_op: [404, 200],
      city_leader: [403, 403],
    }),
  },
  {
    route: 'GET /api/v1/supervisions/open',
    inside: () => ({ method: 'GET', url: '/api/v1/supervisions/open' }),
    expect: answers([200]),
  },
  {
    route: 'GET /api/v1/cases/{id}/key',
    ...both((f, inside) => ({ method: 'GET', url: `/api/v1/cases/${id(f, inside)}/key` })),
    expect: read,
  },
  {
    route: 'POST /api/v1/cases/{id}/key',
    ...both((f, inside) => ({
      method: 'POST',
      url: `/api/v1/cases/${id(f, inside)}/key`,
      payload: { kind: 'key', reason: '矩阵', leaderUserId: f.ids.cityLeader },
    })),
    expect: manageKey,
  },
  {
    route: 'PATCH /api/v1/cases/{id}/key',
    ...both((f, inside) => ({
      method: 'PATCH',
      url: `/api/v1/cases/${id(f, inside)}/key`,
      payload: { version: 999999, reason: '改' },
    })),
    expect: manageKey,
  },
  {
    route: 'POST /api/v1/cases/{id}/key/plan/{seq}/done',
    ...both((f, inside) => ({
      method: 'POST',
      url: `/api/v1/cases/${id(f, inside)}/key/plan/99/done`,
      payload: {},
    })),
    // only the owning leader (the city leader) or the team reports steps; there is no step 99
    expect: answers([403, 404], { ...NOT_READERS, hexi_op: [404, 403], city_leader: [404, 404] }),
  },
  {
    route: 'DELETE /api/v1/cases/{id}/key',
    // on cases that are not key: 404 for managers, whether or not they may see the case
    ...both((f, inside) => ({
      method: 'DELETE',
      url: `/api/v1/cases/${f.ids[inside ? 'insideCase' : 'outsideCase']}/key`,
    })),
    expect: answers([403, 403], {
      community_op: [404, 404],
      street_op: [404, 404],
      district_op: [404, 404],
      leader: [404, 404],
      city_leader: [404, 404],
      hexi_op: [404, 404],
    }),
  },
  {
    route: 'GET /api/v1/key-cases',
    inside: () => ({ method: 'GET', url: '/api/v1/key-cases' }),
    expect: answers(['some'], { auditor: ['none'] }),
  },
  {
    route: 'GET /api/v1/key-cases/figures',
    inside: () => ({ method: 'GET', url: '/api/v1/key-cases/figures' }),
    expect: answers([200]),
  },
  {
    route: 'GET /api/v1/calendar/holidays',
    inside: () => ({ method: 'GET', url: '/api/v1/calendar/holidays?year=2026' }),
    expect: answers(['some']),
  },
  {
    route: 'POST /api/v1/calendar/holidays',
    inside: () => {
      const day = new Date(Date.UTC(2031, 0, 1 + holidayDays++)).toISOString().slice(0, 10);
      return {
        method: 'POST',
        url: '/api/v1/calendar/holidays',
        payload: { day, kind: 'off', nameZh: '矩阵', nameEn: 'Matrix' },
      };
    },
    expect: cityAdminOnly(201),
  },
  {
    route: 'DELETE /api/v1/calendar/holidays/{day}',
    inside: () => ({ method: 'DELETE', url: '/api/v1/calendar/holidays/2032-06-15' }),
    expect: cityAdminOnly(404),
  },
  {
    route: 'GET /api/v1/notifications',
    inside: () => ({ method: 'GET', url: '/api/v1/notifications' }),
    expect: answers([200]),
  },
  {
    route: 'POST /api/v1/notifications/read',
    inside: () => ({ method: 'POST', url: '/api/v1/notifications/read', payload: { all: true } }),
    expect: answers([200]),
  },
  {
    // webhooks belong to a region: a district administrator sees those of their district only
    route: 'GET /api/v1/webhooks',
    ...both((f, inside) => ({ method: 'GET', url: `/api/v1/webhooks?region=${district(f, inside)}` })),
    expect: answers([403, 403], { admin: ['some', 'some'], district_admin: ['some', 'none'] }),
  },
  {
    route: 'POST /api/v1/webhooks',
    ...both((f, inside) => ({
      method: 'POST',
      url: '/api/v1/webhooks',
      payload: { url: HOOK_URL, events: ['case.red_card'], regionCode: district(f, inside) },
    })),
    expect: answers([403, 403], { admin: [201, 201], district_admin: [201, 422] }),
  },
  {
    route: 'DELETE /api/v1/webhooks/{id}',
    ...both(async (f, inside) => ({
      method: 'DELETE',
      url: `/api/v1/webhooks/${await freshHook(f, inside)}`,
    })),
    expect: answers([403, 403], { admin: [204, 204], district_admin: [204, 404] }),
  },
  {
    route: 'GET /api/v1/webhooks/{id}/deliveries',
    ...both((f, inside) => ({
      method: 'GET',
      url: `/api/v1/webhooks/${f.ids[inside ? 'insideHook' : 'outsideHook']}/deliveries`,
    })),
    expect: answers([403, 403], { admin: [200, 200], district_admin: [200, 404] }),
  },
  {
    route: 'POST /api/v1/cases/import',
    // centre operators and administrators import into their own area; elsewhere the row is refused
    ...both((f, inside) => ({
      method: 'POST',
      url: '/api/v1/cases/import',
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: csvUpload((inside ? f.inside : f.outside).grid.code),
    })),
    expect: answers([403, 403], {
      community_op: [201, 422],
      street_op: [201, 422],
      district_op: [201, 422],
      district_admin: [201, 422],
      admin: [201, 201],
      hexi_op: [422, 201],
    }),
  },
];

export const casesTimeMatrix: MatrixModule = {
  name: 'cases-time',
  async setup(f) {
    f.ids.cityLeader = f.sessions.city_leader?.userId ?? 0;
    f.ids.timeInsideCase = (await post(f, 'gridworker', '/api/v1/cases', request(f.inside.grid.code))).id;
    f.ids.timeOutsideCase = (await post(f, 'hexi_op', '/api/v1/cases', request(f.outside.grid.code))).id;
    f.ids.insideHook = await freshHook(f, true);
    f.ids.outsideHook = await freshHook(f, false);
    for (const key of ['timeInsideCase', 'timeOutsideCase']) {
      await post(f, 'city_leader', `/api/v1/cases/${f.ids[key]}/key`, {
        kind: 'key',
        reason: '矩阵重点案件',
        leaderUserId: f.ids.cityLeader,
      });
    }
  },
  entries,
};
