import {
  acting,
  both,
  get,
  grid,
  importFile,
  items,
  LIST,
  OPS,
  PNG,
  points,
  READ,
  STAFF_ONLY,
  setupInspectionsMatrix,
  shas,
  side,
  templateId,
} from './inspections-fixture.ts';
import { answers, type MatrixModule } from './types.ts';

/**
 * Inspections: a place (with a visit, a photo, a hazard per user for rectify and for re-check,
 * a campaign and a risk source) in each side's grid (inspections-fixture.ts). Readers of places —
 * everyone but the mediator and the auditor — see the inside one; 河西区 and city-wide staff the
 * outside one. Inside what they read, users without the right to act get 403; outside it, 404.
 */
export const inspectionsMatrix: MatrixModule = {
  name: 'inspections',
  setup: setupInspectionsMatrix,
  entries: [
    {
      route: 'GET /api/v1/places',
      ...get((f, _s, i) => `/api/v1/places?region=${grid(f, i)}`),
      expect: LIST,
    },
    {
      route: 'POST /api/v1/places',
      ...both((f, inside) => ({
        method: 'POST',
        url: '/api/v1/places',
        payload: { key: `matrix-${f.unique()}`, name: '矩阵新场所', type: 'shop', gridCode: grid(f, inside) },
      })),
      expect: acting(
        201,
        ['gridworker', ...OPS, 'inspector', 'district_admin', 'admin'],
        ['hexi_op', 'admin'],
      ),
    },
    {
      route: 'GET /api/v1/places/{id}',
      ...get((f, s) => `/api/v1/places/${f.ids[`place_${s}`]}`),
      expect: READ,
    },
    {
      route: 'PATCH /api/v1/places/{id}',
      ...both((f, inside) => ({
        method: 'PATCH',
        url: `/api/v1/places/${f.ids[`place_${side(inside)}`]}`,
        payload: { address: `地址 ${f.unique()}` },
      })),
      expect: acting(
        200,
        ['gridworker', ...OPS, 'inspector', 'district_admin', 'admin'],
        ['hexi_op', 'admin'],
      ),
    },
    {
      route: 'GET /api/v1/places/{id}/photos/{sha256}',
      ...get((f, s) => `/api/v1/places/${f.ids[`place_${s}`]}/photos/${shas[s]}`),
      expect: READ,
    },
    {
      route: 'POST /api/v1/places/import',
      ...both((f, inside) => importFile(f, inside)),
      // a file about places outside the importer's area is refused row by row
      expect: answers([422, 422], {
        ...Object.fromEntries([
          ...['gridworker', ...OPS, 'inspector', 'district_admin'].map((u) => [u, [200, 422]]),
        ]),
        admin: [200, 200],
        hexi_op: [422, 200],
      }),
    },
    {
      route: 'GET /api/v1/checklists',
      inside: () => ({ method: 'GET', url: '/api/v1/checklists' }),
      expect: answers([200]),
    },
    {
      route: 'GET /api/v1/checklists/{id}',
      inside: () => ({ method: 'GET', url: `/api/v1/checklists/${templateId}` }),
      expect: STAFF_ONLY,
    },
    {
      route: 'POST /api/v1/checklists',
      inside: () => ({
        method: 'POST',
        url: '/api/v1/checklists',
        payload: {
          placeType: 'hotel',
          title: '旅馆检查表',
          items: [
            {
              code: 'h.exits',
              textZh: '疏散通道畅通',
              textEn: 'Exits clear',
              legalBasis: '《中华人民共和国消防法》第二十八条',
              severity: 'major',
              answerType: 'pass_fail',
              photoOnFail: true,
              category: 'hazard.fire',
            },
          ],
        },
      }),
      expect: answers([403], { admin: [201] }),
    },
    {
      route: 'POST /api/v1/inspections',
      ...both((f, inside) => ({
        method: 'POST',
        url: '/api/v1/inspections',
        payload: { placeId: f.ids[`place_${side(inside)}`], templateId, answers: items },
      })),
      expect: acting(201, ['gridworker', 'inspector'], []),
    },
    {
      route: 'GET /api/v1/inspections/{id}',
      ...get((f, s) => `/api/v1/inspections/${f.ids[`visit_${s}`]}`),
      expect: READ,
    },
    {
      route: 'GET /api/v1/hazards',
      ...get((f, _s, i) => `/api/v1/hazards?region=${grid(f, i)}`),
      expect: LIST,
    },
    {
      route: 'GET /api/v1/hazards/{id}',
      ...get((f, s) => `/api/v1/hazards/${f.ids[`hazard_${s}`]}`),
      expect: READ,
    },
    {
      route: 'POST /api/v1/hazards/{id}/rectify',
      ...both((f, inside, who) => ({
        method: 'POST',
        url: `/api/v1/hazards/${f.ids[`rectify_${side(inside)}_${who}`]}/rectify`,
        payload: {
          note: '已整改',
          photos: [
            { data: PNG.toString('base64'), takenAt: new Date().toISOString(), lon: 117.2, lat: 39.1 },
          ],
        },
      })),
      // the fix is the hazard case's action: its grid's worker or the unit it was routed to (the
      // district centre: the fire unit has nobody), with the policy's hazard.rectify
      expect: acting(200, ['gridworker', 'district_op'], ['hexi_op']),
    },
    {
      route: 'POST /api/v1/hazards/{id}/recheck',
      ...both((f, inside, who) => ({
        method: 'POST',
        url: `/api/v1/hazards/${f.ids[`recheck_${side(inside)}_${who}`]}/recheck`,
        payload: { result: 'pass', note: '复查合格' },
      })),
      expect: acting(200, ['inspector'], []),
    },
    {
      route: 'GET /api/v1/campaigns',
      inside: () => ({ method: 'GET', url: '/api/v1/campaigns' }),
      expect: answers(['some'], { mediator: ['none'], auditor: ['none'] }),
    },
    {
      route: 'POST /api/v1/campaigns',
      ...both((f, inside) => ({
        method: 'POST',
        url: '/api/v1/campaigns',
        payload: {
          name: '矩阵行动',
          regionCode: (inside ? f.inside : f.outside).community.code,
          placeTypes: ['shop'],
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
        },
      })),
      expect: {
        ...acting(
          201,
          [...OPS, 'inspector', 'leader', 'district_admin', 'city_leader', 'admin'],
          ['hexi_op', 'city_leader', 'admin'],
        ),
        gridworker: [404, 404],
      },
    },
    {
      route: 'GET /api/v1/campaigns/{id}/board',
      ...get((f, s, i) => `/api/v1/campaigns/${f.ids[`campaign_${s}`]}/board?region=${grid(f, i)}`),
      expect: READ,
    },
    {
      route: 'GET /api/v1/campaigns/{id}/board/rows',
      ...get(
        (f, s, i) => `/api/v1/campaigns/${f.ids[`campaign_${s}`]}/board/rows?region=${grid(f, i)}&figure=due`,
      ),
      expect: READ,
    },
    {
      route: 'GET /api/v1/campaigns/{id}/ledger',
      ...get((f, s, i) => `/api/v1/campaigns/${f.ids[`campaign_${s}`]}/ledger?region=${grid(f, i)}`),
      expect: READ,
    },
    {
      route: 'POST /api/v1/risk-sources',
      ...both((_f, inside) => ({
        method: 'POST',
        url: '/api/v1/risk-sources',
        payload: {
          name: '矩阵风险源',
          kind: 'gas',
          location: points[side(inside)],
          tier: 'yellow',
          plan: { checker: '安全员', what: '气瓶', everyDays: 7 },
        },
      })),
      expect: acting(201, [...OPS, 'inspector', 'district_admin', 'admin'], ['hexi_op', 'admin']),
    },
    {
      route: 'GET /api/v1/risk-sources/{id}',
      ...get((f, s) => `/api/v1/risk-sources/${f.ids[`risk_${s}`]}`),
      expect: READ,
    },
    {
      route: 'POST /api/v1/risk-sources/{id}/tier',
      ...both(async (f, inside) => {
        const id = f.ids[`risk_${side(inside)}`] as number;
        const now = await f.t.ctx.db
          .selectFrom('risk_source')
          .select('tier')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        return {
          method: 'POST',
          url: `/api/v1/risk-sources/${id}/tier`,
          payload: { tier: now.tier === 'red' ? 'orange' : 'red', reason: '矩阵' },
        };
      }),
      expect: acting(200, [...OPS, 'inspector', 'district_admin', 'admin'], ['hexi_op', 'admin']),
    },
    {
      route: 'GET /api/v1/risk-map',
      ...get((f, _s, i) => `/api/v1/risk-map?region=${grid(f, i)}`),
      expect: READ,
    },
    {
      route: 'GET /api/v1/demo/clock',
      inside: () => ({ method: 'GET', url: '/api/v1/demo/clock' }),
      expect: answers([200]),
    },
    {
      route: 'POST /api/v1/demo/clock',
      inside: () => ({ method: 'POST', url: '/api/v1/demo/clock', payload: { advanceHours: 0 } }),
      expect: answers([403], { admin: [200] }),
    },
  ],
};
