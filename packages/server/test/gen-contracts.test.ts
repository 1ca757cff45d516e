import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReplay } from '../src/cases/workflow/replay-check.ts';
import { generateContracts } from '../src/gen/contracts.ts';
import { loadGrids, loadUnits } from '../src/gen/world.ts';
import { countedBoard, keptBoard } from '../src/inspections/index.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { api } from './inspections-helpers.ts';
import { type LoggedIn, loginAs } from './login.ts';
import { databaseUrlFor } from './pg-admin.ts';

/**
 * `npm run gen --disputes N --places N --visits N` at a small size: what it writes leaves every
 * figure and counter exact — the disputes' figures equal a rebuild from the rows and the counts
 * of the disputes, the places' counters and the campaign board equal counts of their rows, and
 * every generated case (kind dispute and hazard) is its replayed history.
 */
describe('generating disputes and inspections', () => {
  let t: TestApp;
  let call: ReturnType<typeof api>;
  let admin: LoggedIn;
  const q = async <T>(text: TemplateStringsArray, ...values: unknown[]) =>
    (await sql<T>(text, ...values).execute(t.ctx.db)).rows;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    call = api(t);
    admin = await loginAs(t.app, 'admin');
    const db = t.ctx.db;
    const name = (await q<{ n: string }>`select current_database() as n`)[0]?.n ?? '';
    const url = process.env.DATABASE_URL;
    await generateContracts(
      t.ctx.database,
      { grids: await loadGrids(db), units: await loadUnits(db) },
      { disputes: 1500, places: 300, visits: 2500 },
      {
        years: 1.5,
        seed: 3,
        batch: 400,
        now: new Date(),
        ...(url ? { databaseUrl: databaseUrlFor(url, name) } : {}),
      },
    );
    const rebuilt = await call(admin, 'POST', '/api/v1/disputes-figures/rebuild');
    expect(rebuilt.status, JSON.stringify(rebuilt.body)).toBe(200);
  }, 300_000);
  afterAll(() => t?.close());

  it('writes disputes whose figures equal their rows, and a second rebuild changes nothing', async () => {
    const [counts] = await q<{ screened: number; resolved: number; mediated: number; closed: number }>`
      select count(*)::int as screened,
        count(*) filter (where outcome = 'agreement')::int as resolved,
        (count(*) filter (where outcome is not null) + coalesce(sum(jsonb_array_length(failed_orgs)), 0))::int as mediated,
        count(*) filter (where status = 'closed')::int as closed
      from dispute`;
    expect(counts?.screened).toBe(1500);
    const city = (await q<{ code: string }>`select code from region where level = 'city'`)[0]?.code;
    const figures = await call(
      admin,
      'GET',
      `/api/v1/disputes-figures?region=${city}&from=2000-01&to=2999-12`,
    );
    expect(figures.status).toBe(200);
    expect(figures.body.items[0]).toMatchObject({
      screened: counts?.screened,
      resolved: counts?.resolved,
      mediated: counts?.mediated,
    });
    // a Tianjin-like resolution rate, every state reached
    expect((counts?.resolved ?? 0) / (counts?.screened ?? 1)).toBeGreaterThan(0.8);
    const states = await q<{ status: string }>`select distinct status from dispute order by 1`;
    expect(states.map((s) => s.status)).toEqual(
      expect.arrayContaining(['agreed', 'assigned', 'closed', 'mediating', 'screened']),
    );
    const [referred] = await q<{
      n: number;
    }>`select count(*)::int as n from dispute where referral is not null`;
    expect(referred?.n).toBeGreaterThan(0);
    const [kind] = await q<{ closed: number }>`
      select coalesce(sum(value), 0)::int as closed from case_kind_figure where kind = 'dispute' and figure = 'closed'`;
    expect(kind?.closed).toBe(counts?.closed);
    const again = await call(admin, 'POST', '/api/v1/disputes-figures/rebuild');
    expect(again.body.differing).toBe(0);
  });

  it('gives every dispute its case, parties, sessions and (when agreed) an agreement all parties confirmed', async () => {
    const bad = await q<{ case_id: number; why: string }>`
      select d.case_id, 'case' as why from dispute d left join cases c on c.id = d.case_id
        where c.id is null or c.kind <> 'dispute' or c.category_code <> 'dispute.' || d.type
          or (c.status = 'closed') <> (d.status = 'closed')
      union all
      select d.case_id, 'parties' from dispute d
        where (select count(*) from dispute_party p where p.case_id = d.case_id and p.side = 'applicant') = 0
           or (select count(*) from dispute_party p where p.case_id = d.case_id and p.side = 'respondent') = 0
      union all
      select a.case_id, 'agreement' from dispute_agreement a join dispute d on d.case_id = a.case_id
        where d.outcome = 'agreement' and (a.effective_at is null or
          (select count(*) from jsonb_object_keys(a.confirmations)) <> (select count(*) from dispute_party p where p.case_id = a.case_id))
      union all
      select d.case_id, 'session' from dispute d join mediation_session s on s.case_id = d.case_id
        where s.org_id <> d.org_id and not d.failed_orgs @> jsonb_build_array(jsonb_build_object('orgId', s.org_id))
      limit 10`;
    expect(bad).toEqual([]);
  });

  it('keeps every place’s counters equal to its visits and hazards', async () => {
    const bad = await q<{ id: number }>`
      select p.id from place p
      where p.key like 'GEN-%' and (
        p.recurrences <> (select count(*) from hazard h where h.place_id = p.id and h.recurrence)
        or p.last_inspected_at is distinct from (select max(at) from inspection i where i.place_id = p.id))
      limit 10`;
    expect(bad).toEqual([]);
    const [n] = await q<{ places: number; visits: number; hazards: number; recurrences: number }>`
      select (select count(*)::int from place where key like 'GEN-%') as places,
        (select count(*)::int from inspection) as visits, (select count(*)::int from hazard) as hazards,
        (select count(*)::int from hazard where recurrence) as recurrences`;
    expect(n?.places).toBe(300);
    expect(n?.visits).toBeGreaterThan(1500);
    expect(n?.recurrences).toBeGreaterThan(0);
    const visits = await q<{ id: number }>`
      select i.id from inspection i where i.failed <> (select count(*) from hazard h where h.inspection_id = i.id)
        or i.failed <> (select count(*) from jsonb_array_elements(i.answers) a where a->>'outcome' = 'fail')
      limit 10`;
    expect(visits).toEqual([]);
    // every photo of a failed item and of a fix has its place_photo key, as the routes write it
    const [photos] = await q<{ missing: number; keys: number }>`
      select (select count(*)::int from (
          select i.place_id, ph ->> 'sha256' as sha from inspection i
            cross join lateral jsonb_array_elements(i.answers) a
            cross join lateral jsonb_array_elements(coalesce(a -> 'photos', '[]'::jsonb)) ph
          union all
          select h.place_id, ph ->> 'sha256' from hazard h
            cross join lateral jsonb_array_elements(coalesce(h.evidence -> 'photos', '[]'::jsonb)) ph) x
        where not exists (select 1 from place_photo pp where pp.place_id = x.place_id and pp.sha256 = x.sha)) as missing,
        (select count(*)::int from place_photo) as keys`;
    expect(photos?.missing).toBe(0);
    expect(photos?.keys).toBeGreaterThan(0);
  });

  it('derives each hazard’s status from its case, and the kind figures from its actions', async () => {
    const bad = await q<{ id: number }>`
      select h.id from hazard h join cases c on c.id = h.case_id
      where c.kind <> 'hazard' or h.status <> case
        when c.status = 'resolved' then 'rectified'
        when c.status in ('closed', 'rejected', 'withdrawn', 'merged') then
          case when h.status = 'escalated' then 'escalated' else 'closed' end
        else 'open' end
      limit 10`;
    expect(bad).toEqual([]);
    const [f] = await q<{ fixed: number; closed: number; escalated: number; esc: number }>`
      select (select coalesce(sum(value), 0)::int from case_kind_figure where kind = 'hazard' and figure = 'fixed') as fixed,
        (select count(*)::int from hazard where status = 'closed') as closed,
        (select coalesce(sum(value), 0)::int from case_kind_figure where kind = 'hazard' and figure = 'escalated') as escalated,
        (select count(*)::int from hazard where status = 'escalated') as esc`;
    expect(f?.fixed).toBe(f?.closed);
    expect(f?.escalated).toBe(f?.esc);
  });

  it('shows the running city-wide campaign on its board with figures equal to the counts of rows', async () => {
    const list = await call(admin, 'GET', '/api/v1/campaigns');
    const running = list.body.items.find((c: { name: string }) => c.name === '城市安全隐患排查整治专项行动');
    const board = (await call(admin, 'GET', `/api/v1/campaigns/${running.id}/board`)).body;
    expect(board.total.visited).toBeGreaterThan(0);
    // the board's counters are exactly a rebuild from the generated rows
    expect(await keptBoard(t.ctx.db)).toEqual(await countedBoard(t.ctx.db));
    // the city's figures (summed from its streets' rows at read) are the counts of the rows
    const [counted] = (
      await sql<{ due: number; visited: number; found: number }>`
        select (select count(*)::int from place p join campaign c on c.id = ${running.id}
            where p.retired_at is null and p.region_path like c.region_path || '%'
              and c.place_types @> to_jsonb(p.place_type)) as due,
          (select count(distinct place_id)::int from inspection where campaign_id = ${running.id}) as visited,
          (select count(*)::int from hazard where campaign_id = ${running.id}) as found`.execute(t.ctx.db)
    ).rows;
    expect(board.total).toMatchObject(counted ?? {});
    for (const figure of ['due', 'visited', 'found', 'fixed', 'overdue']) {
      const rows = await call(
        admin,
        'GET',
        `/api/v1/campaigns/${running.id}/board/rows?figure=${figure}&limit=1`,
      );
      expect({ figure, total: rows.body.total }).toEqual({ figure, total: board.total[figure] });
    }
  });

  it('leaves every generated case equal to its replayed history', async () => {
    const r = await checkReplay(t.ctx.db, 700);
    expect(r.mismatches).toEqual([]);
    expect(r.cases).toBeGreaterThan(1500);
  });
});
