import ExcelJS from 'exceljs';
import { intakeCase } from '../../src/cases/intake/intake-service.ts';
import type { Actor } from '../../src/identity/index.ts';
import { answers, MATRIX_USERS, type MatrixFixture, type MatrixUser, type Probe } from './types.ts';

/**
 * Inspections: a place (with a visit, a photo, a hazard per user for rectify and for re-check,
 * a campaign and a risk source) in each side's grid. Readers of places — everyone but the
 * mediator and the auditor — see the inside one; 河西区 and city-wide staff the outside one.
 * Inside what they read, users without the right to act get 403; outside it, 404.
 */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
export const side = (inside: boolean) => (inside ? 'in' : 'out');
export const points: Record<string, { lon: number; lat: number }> = {};
export const shas: Record<string, string> = {};
export let items: { itemCode: string; outcome: string; value?: number }[] = [];
export let templateId = 0;

export const READ = answers([200, 404], {
  mediator: [404, 404],
  auditor: [404, 404],
  hexi_op: [404, 200],
  city_leader: [200, 200],
  admin: [200, 200],
});
/** Read everywhere they read; act (201/200) as listed; 403 for other readers. */
export function acting(ok: number, inside: MatrixUser[], outside: MatrixUser[]) {
  const exp = { ...READ };
  for (const u of MATRIX_USERS) {
    if (u === 'anonymous') continue;
    const [i, o] = READ[u];
    exp[u] = [
      i === 200 ? (inside.includes(u) ? ok : 403) : i,
      o === 200 ? (outside.includes(u) ? ok : 403) : o,
    ];
  }
  return exp;
}
export const OPS: MatrixUser[] = ['community_op', 'street_op', 'district_op'];

async function pointIn(f: MatrixFixture, code: string) {
  const g = await f.t.ctx.db
    .selectFrom('region')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  for (let i = 1; i < 20; i++)
    for (let j = 1; j < 20; j++) {
      const lon = (g.min_lon as number) + ((g.max_lon as number) - (g.min_lon as number)) * (i / 20);
      const lat = (g.min_lat as number) + ((g.max_lat as number) - (g.min_lat as number)) * (j / 20);
      if ((await f.t.ctx.services.regions.locator.locate(lon, lat)) === code) return { lon, lat };
    }
  throw new Error(`no point found inside ${code}`);
}

/** Who found the fixture's hazards (no user: nobody probing is their reporter). */
const matrixInspector = (regionPath: string): Actor => ({
  kind: 'staff',
  userId: null,
  username: null,
  displayName: 'matrix inspector',
  posts: [{ id: 0, role: 'inspector', unitId: null, regionCode: null, regionPath, gridCodes: [] }],
  roles: ['inspector'],
  regionPaths: [regionPath],
  unitIds: [],
  via: 'none',
});

async function setupSide(f: MatrixFixture, inside: boolean) {
  const db = f.t.ctx.db;
  const grid = (inside ? f.inside : f.outside).grid;
  const district = (inside ? f.inside : f.outside).district;
  const s = side(inside);
  points[s] = await pointIn(f, grid.code);
  const now = new Date();
  const place = await db
    .insertInto('place')
    .values({
      key: `matrix-${s}`,
      name: `矩阵小餐馆 ${s}`,
      place_type: 'restaurant',
      size_class: 'small',
      area_m2: null,
      address: null,
      lon: null,
      lat: null,
      grid_code: grid.code,
      region_path: grid.path,
      district_code: district.code,
      safety_grid_code: null,
      responsible_person_id: null,
      licences: '[]',
      risk_tier: 'low',
      next_due_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  f.ids[`place_${s}`] = Number(place.id);
  const stored = await f.t.ctx.services.cases.attachments.store(
    f.t.ctx,
    Buffer.concat([PNG, Buffer.from(s)]),
    undefined,
    undefined,
  );
  shas[s] = stored.sha256;
  const visit = await db
    .insertInto('inspection')
    .values({
      place_id: place.id,
      template_id: templateId,
      campaign_id: null,
      inspector_id: 1,
      inspector_name: 'matrix',
      person_met_id: null,
      region_path: grid.path,
      grid_code: grid.code,
      lon: null,
      lat: null,
      at: now,
      failed: 0,
      answers: JSON.stringify([
        {
          itemCode: 'sv.exits',
          outcome: 'fail',
          photos: [{ sha256: stored.sha256, takenAt: now.toISOString(), lon: 0, lat: 0 }],
        },
      ]),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  f.ids[`visit_${s}`] = Number(visit.id);
  // what the visit route writes beside the visit: the place's photo key (its photo lookup)
  await db.insertInto('place_photo').values({ place_id: place.id, sha256: stored.sha256 }).execute();
  for (const purpose of ['show', 'rectify', 'recheck'])
    for (const who of purpose === 'show' ? (['anonymous'] as MatrixUser[]) : MATRIX_USERS) {
      const kase = await intakeCase(f.t.ctx, matrixInspector(grid.path), {
        kind: 'hazard',
        category: 'hazard.fire',
        attributes: { place_type: 'restaurant' },
        description: `scope matrix hazard ${s}`,
        gridCode: grid.code,
        channel: 'field',
      });
      const h = await db
        .insertInto('hazard')
        .values({
          place_id: place.id,
          inspection_id: visit.id,
          campaign_id: null,
          item_code: 'sv.exits',
          item_text: '疏散通道',
          severity: 'major',
          category: 'hazard.fire',
          region_path: grid.path,
          grid_code: grid.code,
          case_id: kase.caseId,
          case_number: kase.number,
          status: 'open',
          found_at: now,
          deadline_at: new Date(now.getTime() + 3 * 86_400_000),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      f.ids[purpose === 'show' ? `hazard_${s}` : `${purpose}_${s}_${who}`] = Number(h.id);
    }
  const campaign = await db
    .insertInto('campaign')
    .values({
      name: `矩阵 ${s}`,
      region_code: district.code,
      region_path: district.path,
      place_types: JSON.stringify(['restaurant']),
      starts_on: '2020-01-01',
      ends_on: '2099-12-31',
      target_coverage: 1,
      target_fixed: 1,
      template_id: null,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  f.ids[`campaign_${s}`] = Number(campaign.id);
  const source = await db
    .insertInto('risk_source')
    .values({
      name: `矩阵风险源 ${s}`,
      kind: 'gas',
      place_id: null,
      region_path: grid.path,
      grid_code: grid.code,
      lon: (points[s] as { lon: number }).lon,
      lat: (points[s] as { lat: number }).lat,
      tier: 'blue',
      plan: JSON.stringify({ checker: 'x', what: 'y', everyDays: 7 }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  f.ids[`risk_${s}`] = Number(source.id);
}

export async function importFile(f: MatrixFixture, inside: boolean): Promise<Probe> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('places');
  ws.addRow(['key', 'name', 'type', 'grid']);
  ws.addRow([`matrix-import-${f.unique()}`, '矩阵导入', 'shop', (inside ? f.inside : f.outside).grid.code]);
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  const boundary = '----matrixinsp';
  return {
    method: 'POST',
    url: '/api/v1/places/import?dryRun=true',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

export const both = (
  build: (f: MatrixFixture, inside: boolean, who: MatrixUser) => Probe | Promise<Probe>,
) => ({
  inside: (f: MatrixFixture, who: MatrixUser) => build(f, true, who),
  outside: (f: MatrixFixture, who: MatrixUser) => build(f, false, who),
});
export const get = (url: (f: MatrixFixture, s: string, inside: boolean) => string) =>
  both((f, inside) => ({ method: 'GET', url: url(f, side(inside), inside) }));
export const grid = (f: MatrixFixture, inside: boolean) => (inside ? f.inside : f.outside).grid.code;
export const LIST = answers(['some', 404], {
  ...Object.fromEntries(
    Object.entries(READ).map(([u, [i, o]]) => [u, [i === 200 ? 'some' : i, o === 200 ? 'some' : o]]),
  ),
});
export const STAFF_ONLY = answers([200]);

/** The places, visits, hazards, campaigns and risk sources of both sides. */
export async function setupInspectionsMatrix(f: MatrixFixture) {
  const t = await f.t.ctx.db
    .selectFrom('checklist_template')
    .selectAll()
    .where('place_type', '=', 'small_venue')
    .orderBy('version', 'desc')
    .executeTakeFirstOrThrow();
  templateId = Number(t.id);
  items = t.items.map((i) =>
    i.answerType === 'count'
      ? { itemCode: i.code, outcome: 'pass', value: i.min ?? 1 }
      : { itemCode: i.code, outcome: 'pass' },
  );
  await setupSide(f, true);
  await setupSide(f, false);
}
