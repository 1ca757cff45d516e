import {
  answers,
  each,
  type MatrixFixture,
  type MatrixModule,
  type MatrixUser,
  type Probe,
} from './types.ts';

/**
 * Cases: a case in the inside grid (reported by the grid worker, held by its community centre)
 * and one in the outside grid (reported by hexi_op, held by its community centre). Staff whose
 * posts cover the place, or whose unit holds the case, see it; others get 404, never a hint.
 */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
const BOUNDARY = '----matrix';
const multipart = (data: Buffer, type: string) =>
  Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="f"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
const MULTIPART = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };

const dispute = (gridCode: string) => ({
  kind: 'dispute',
  category: 'dispute.neighbour',
  attributes: { parties_count: 2, risk_level: 'low' },
  description: '邻里纠纷（矩阵）',
  gridCode,
  channel: 'field',
});

/** The SHA-256 of the photo attached to each side's case (different bytes, so different files). */
const shas = { inside: '', outside: '' };

async function reportAs(
  f: MatrixFixture,
  who: MatrixUser,
  gridCode: string,
  photo: Buffer,
): Promise<{ id: number; sha: string }> {
  const headers = f.sessions[who]?.headers ?? {};
  const res = await f.t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers,
    payload: dispute(gridCode),
  });
  if (res.statusCode !== 201) throw new Error(`matrix case: ${res.statusCode} ${res.body}`);
  const id = res.json().id as number;
  const up = await f.t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${id}/attachments`,
    headers: { ...headers, ...MULTIPART },
    payload: multipart(photo, 'image/png'),
  });
  if (up.statusCode !== 201) throw new Error(`matrix attachment: ${up.statusCode} ${up.body}`);
  return { id, sha: up.json().attachments[0].sha256 as string };
}

const caseId = (f: MatrixFixture, inside: boolean) => f.ids[inside ? 'insideCase' : 'outsideCase'];
const both = (build: (f: MatrixFixture, inside: boolean) => Probe) => ({
  inside: (f: MatrixFixture) => build(f, true),
  outside: (f: MatrixFixture) => build(f, false),
});

/**
 * Who reads a case: 和平区 staff with case.read (inside), 河西区 (outside), city-wide leaders and
 * administrators (both); administrators read the cases whose categories and users they manage.
 * The auditor reads the audit log, not cases.
 */
const read = answers([200, 404], {
  auditor: [404, 404],
  hexi_op: [404, 200],
  city_leader: [200, 200],
  admin: [200, 200],
});
/** A note: reporter, grid worker, centre holding it, leaders and administrators; other readers 403. */
const note = answers([403, 404], {
  gridworker: [200, 404],
  community_op: [200, 404],
  leader: [200, 404],
  district_admin: [200, 404],
  admin: [200, 200],
  auditor: [404, 404],
  hexi_op: [404, 200],
  city_leader: [200, 200],
});
/** Attach (a text file, refused after the scope and workflow checks): 422 for who may attach. */
const attach = answers([403, 404], {
  gridworker: [422, 404],
  community_op: [422, 404],
  admin: [403, 403],
  auditor: [404, 404],
  hexi_op: [404, 422],
  city_leader: [403, 403],
});
const signedIn = (status: number) => answers([status, status]);

export const casesMatrix: MatrixModule = {
  name: 'cases',
  async setup(f) {
    const inside = await reportAs(f, 'gridworker', f.inside.grid.code, PNG);
    const outside = await reportAs(f, 'hexi_op', f.outside.grid.code, Buffer.concat([PNG, Buffer.from([0])]));
    f.ids.insideCase = inside.id;
    f.ids.outsideCase = outside.id;
    // a case of the grid next to the grid worker's, in the same community (held by its centre)
    f.ids.neighbourCase = (
      await reportAs(f, 'community_op', f.neighbourGrid.code, Buffer.concat([PNG, Buffer.from([1])]))
    ).id;
    shas.inside = inside.sha;
    shas.outside = outside.sha;
  },
  entries: [
    {
      route: 'GET /api/v1/categories',
      inside: () => ({ method: 'GET', url: '/api/v1/categories?kind=request' }),
      expect: answers(['some'], { anonymous: ['some'] }),
    },
    {
      route: 'GET /api/v1/categories/{code}',
      inside: () => ({ method: 'GET', url: '/api/v1/categories/request.road' }),
      expect: answers([200], { anonymous: [200] }),
    },
    {
      route: 'PATCH /api/v1/categories/{code}',
      inside: () => ({ method: 'PATCH', url: '/api/v1/categories/request.road', payload: { sortOrder: 7 } }),
      // categories apply to every district: the city administrator only
      expect: answers([403], { admin: [200] }),
    },
    {
      route: 'GET /api/v1/routing-rules',
      inside: () => ({ method: 'GET', url: '/api/v1/routing-rules' }),
      expect: answers(['some']),
    },
    {
      route: 'PUT /api/v1/routing-rules/{categoryCode}/{level}',
      inside: () => ({
        method: 'PUT',
        url: '/api/v1/routing-rules/request.road/street',
        payload: { unitType: 'urban_management', fallbackUnitType: 'centre', skipEscalation: 'urgent' },
      }),
      // routing applies to every district: the city administrator only
      expect: answers([403], { admin: [200] }),
    },
    {
      route: 'GET /api/v1/cases',
      ...both((f, inside) => ({
        method: 'GET',
        url: `/api/v1/cases?region=${(inside ? f.inside : f.outside).district.code}`,
      })),
      expect: answers(['some', 'none'], {
        auditor: ['none', 'none'],
        hexi_op: ['none', 'some'],
        ...each(['city_leader', 'admin'], ['some', 'some']),
      }),
    },
    {
      route: 'GET /api/v1/cases/inbox',
      inside: () => ({ method: 'GET', url: '/api/v1/cases/inbox' }),
      expect: answers([200]),
    },
    {
      route: 'GET /api/v1/cases/summons-ratings',
      inside: () => ({ method: 'GET', url: '/api/v1/cases/summons-ratings' }),
      expect: answers([200]),
    },
    {
      route: 'GET /api/v1/cases/events',
      inside: () => ({ method: 'GET', url: '/api/v1/cases/events' }),
      expect: answers([406]),
    },
    {
      route: 'GET /api/v1/cases/{idOrNumber}',
      ...both((f, inside) => ({ method: 'GET', url: `/api/v1/cases/${caseId(f, inside)}` })),
      // the grid worker's post names the community centre; it does not widen their scope to the
      // community's other grids, which its operator reads
      neighbour: (f) => ({ method: 'GET', url: `/api/v1/cases/${f.ids.neighbourCase}` }),
      expect: { ...read, gridworker: [200, 404, 404], community_op: [200, 404, 200] },
    },
    {
      route: 'POST /api/v1/cases/{id}/actions',
      ...both((f, inside) => ({
        method: 'POST',
        url: `/api/v1/cases/${caseId(f, inside)}/actions`,
        payload: { action: 'note', clientId: `matrix-${f.unique()}`, payload: { text: '矩阵' } },
      })),
      expect: note,
    },
    {
      route: 'POST /api/v1/cases/{id}/attachments',
      ...both((f, inside) => ({
        method: 'POST',
        url: `/api/v1/cases/${caseId(f, inside)}/attachments`,
        headers: MULTIPART,
        payload: multipart(Buffer.from('not a photo'), 'text/plain'),
      })),
      expect: attach,
    },
    {
      route: 'GET /api/v1/attachments/{sha256}',
      ...both((_f, inside) => ({
        method: 'GET',
        url: `/api/v1/attachments/${inside ? shas.inside : shas.outside}`,
      })),
      expect: read,
    },
    // last: the cases it makes (every user reports on both sides) would show in the searches above
    {
      route: 'POST /api/v1/cases',
      ...both((f, inside) => ({
        method: 'POST',
        url: '/api/v1/cases',
        payload: dispute(inside ? f.inside.grid.code : f.outside.grid.code),
      })),
      expect: signedIn(201),
    },
  ],
};
