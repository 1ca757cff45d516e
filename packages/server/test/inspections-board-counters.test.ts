import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countedBoard, keptBoard } from '../src/inspections/index.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { answers, api, multipart, photo, workbook } from './inspections-helpers.ts';
import { type LoggedIn, loginAs } from './login.ts';

const FIGURES = ['due', 'visited', 'found', 'fixed', 'overdue'] as const;

/**
 * The campaign board's counters are kept with every change — a campaign started over places
 * already there, places created, edited, moved, retired and imported, visits, hazards fixed and
 * red-carded by the sweep — and after each a rebuild from the rows agrees exactly, and every
 * figure on the board (total and each child) is the count of the rows behind it.
 */
describe('campaign board counters', () => {
  let t: TestApp;
  let call: ReturnType<typeof api>;
  const u = {} as Record<'inspector' | 'gridworker' | 'district_op' | 'admin', LoggedIn>;
  let campaignId: number;
  let grids: string[];
  let checklist: { id: number; items: { code: string; answerType: string; min?: number }[] };
  let hazards: { id: number; itemCode: string }[];
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  /** Counters equal a rebuild, and the board's figures the counts of their rows (down to the grid). */
  async function agrees(region = '120101000000'): Promise<Record<string, number>> {
    expect(await keptBoard(t.ctx.db)).toEqual(await countedBoard(t.ctx.db));
    const board = (await call(u.district_op, 'GET', `/api/v1/campaigns/${campaignId}/board?region=${region}`))
      .body;
    const rows = [
      board.total,
      ...board.children.filter((c: { due: number; found: number }) => c.due + c.found),
    ];
    for (const row of rows)
      for (const figure of FIGURES) {
        const r = await call(
          u.district_op,
          'GET',
          `/api/v1/campaigns/${campaignId}/board/rows?region=${row.code}&figure=${figure}&limit=500`,
        );
        // the total the rows endpoint gives (a counter) and the rows it lists (counted here)
        expect({
          region: row.code,
          figure,
          n: r.body.total,
          listed: r.body.places.length + r.body.hazards.length,
        }).toEqual({ region: row.code, figure, n: row[figure], listed: row[figure] });
      }
    const deeper = board.children.find(
      (c: { due: number; level: string }) => c.due > 0 && c.level !== 'grid',
    );
    if (deeper) await agrees(deeper.code);
    return board.total;
  }

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    call = api(t);
    for (const name of ['inspector', 'gridworker', 'district_op', 'admin'] as const)
      u[name] = await loginAs(t.app, name);
    const g = await t.ctx.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'grid')
      .where('path', 'like', '120000000000/120101000000/%')
      .where('retired_at', 'is', null)
      .orderBy('code')
      .execute();
    grids = g.map((x) => x.code);
    checklist = (await call(u.inspector, 'GET', '/api/v1/checklists?placeType=small_venue')).body.items[0];
  });
  afterAll(() => t?.close());

  it('starts from the places already there', async () => {
    const r = await call(u.district_op, 'POST', '/api/v1/campaigns', {
      name: '计数器',
      regionCode: '120101000000',
      placeTypes: ['shop', 'restaurant', 'workshop', 'rental'],
      startsOn: day(-1),
      endsOn: day(100),
    });
    expect(r.status).toBe(201);
    campaignId = r.body.id;
    expect(await agrees()).toMatchObject({ due: 4, visited: 0, found: 0 });
  });

  it('follows places created, retyped, moved, retired and imported', async () => {
    const made = await call(u.admin, 'POST', '/api/v1/places', {
      key: 'CNT-1',
      name: '计数小店',
      type: 'shop',
      gridCode: grids[0],
    });
    expect(made.status).toBe(201);
    const id = made.body.place.id;
    expect(await agrees()).toMatchObject({ due: 5 });
    expect((await call(u.admin, 'PATCH', `/api/v1/places/${id}`, { gridCode: grids.at(-1) })).status).toBe(
      200,
    );
    expect(await agrees()).toMatchObject({ due: 5 });
    expect((await call(u.admin, 'PATCH', `/api/v1/places/${id}`, { type: 'school' })).status).toBe(200);
    expect(await agrees()).toMatchObject({ due: 4 });
    expect((await call(u.admin, 'PATCH', `/api/v1/places/${id}`, { type: 'restaurant' })).status).toBe(200);
    expect((await call(u.admin, 'PATCH', `/api/v1/places/${id}`, { retired: true })).status).toBe(200);
    expect(await agrees()).toMatchObject({ due: 4 });
    const file = multipart(
      await workbook([
        ['编号', '名称', '类型', '网格'],
        ['CNT-2', '导入小店', 'shop', grids[1] ?? null],
        ['CNT-3', '导入学校', 'school', grids[1] ?? null],
      ]),
    );
    const imp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/places/import',
      headers: { ...u.admin.headers, 'content-type': file.contentType },
      payload: file.payload,
    });
    expect(imp.statusCode).toBe(201);
    expect(await agrees()).toMatchObject({ due: 5 });
    // imported again: CNT-3 becomes a shop (due), CNT-2 a school (not due)
    const again = multipart(
      await workbook([
        ['编号', '名称', '类型', '网格'],
        ['CNT-2', '导入小店', 'school', grids[1] ?? null],
        ['CNT-3', '导入学校', 'shop', grids[0] ?? null],
      ]),
    );
    const imp2 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/places/import',
      headers: { ...u.admin.headers, 'content-type': again.contentType },
      payload: again.payload,
    });
    expect(imp2.json()).toMatchObject({ updated: 2 });
    expect(await agrees()).toMatchObject({ due: 5 });
  });

  it('follows visits, hazards found and fixed, and the sweep’s red cards', async () => {
    const restaurant = (await call(u.inspector, 'GET', '/api/v1/places?type=restaurant')).body.items[0];
    const visit = () =>
      call(u.inspector, 'POST', '/api/v1/inspections', {
        placeId: restaurant.id,
        templateId: checklist.id,
        campaignId,
        answers: answers(checklist.items, ['sv.exits', 'sv.windows']),
      });
    const first = await visit();
    expect(first.status).toBe(201);
    hazards = first.body.hazards;
    expect(await agrees()).toMatchObject({ visited: 1, found: 2, fixed: 0, overdue: 0 });
    const h = hazards.find((x) => x.itemCode === 'sv.windows') as { id: number };
    await call(u.gridworker, 'POST', `/api/v1/hazards/${h.id}/rectify`, { note: '已改', photos: [photo()] });
    expect(await agrees()).toMatchObject({ fixed: 0 });
    const passed = await call(u.inspector, 'POST', `/api/v1/hazards/${h.id}/recheck`, {
      result: 'pass',
      note: '合格',
    });
    expect(passed.body.status).toBe('closed');
    expect(await agrees()).toMatchObject({ fixed: 1, overdue: 0 });
    expect((await call(u.admin, 'POST', '/api/v1/demo/clock', { advanceHours: 4 * 24 })).status).toBe(200);
    expect(await agrees()).toMatchObject({ found: 2, fixed: 1, overdue: 1 });
    // a second visit of the campaign: the place stays visited once, its new hazards count
    expect((await visit()).status).toBe(201);
    expect(await agrees()).toMatchObject({ visited: 1, found: 4, fixed: 1, overdue: 1 });
    const late = hazards.find((x) => x.itemCode === 'sv.exits') as { id: number };
    await call(u.gridworker, 'POST', `/api/v1/hazards/${late.id}/rectify`, {
      note: '已改',
      photos: [photo()],
    });
    expect(await agrees()).toMatchObject({ overdue: 0 });
    const failed = await call(u.inspector, 'POST', `/api/v1/hazards/${late.id}/recheck`, {
      result: 'fail',
      note: '未改好',
    });
    expect(failed.body.status).toBe('open');
    expect(await agrees()).toMatchObject({ fixed: 1, overdue: 0 });
  });
});
