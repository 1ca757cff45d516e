import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAll, neighbourDispute, report, type Users } from './cases-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';

/** Reports that arrive together are written together (group commit): nothing of them is lost or mixed up. */
describe('cases intake: concurrent reports', () => {
  let t: TestApp;
  let u: Users;
  let heping: string[];
  let hexi: string[];
  const gridsOf = async (district: string) =>
    (
      await t.ctx.db
        .selectFrom('region')
        .select('code')
        .where('level', '=', 'grid')
        .where('code', 'like', `${district.slice(0, 6)}%`)
        .where('retired_at', 'is', null)
        .orderBy('code')
        .limit(20)
        .execute()
    ).map((r) => r.code);
  beforeAll(async () => {
    t = await createTestApp();
    u = await loginAll(t.app);
    heping = await gridsOf('120101');
    hexi = await gridsOf('120103');
  });
  afterAll(() => t.close());

  it('numbers 60 simultaneous reports of two districts without gaps, each with its history and rollups', async () => {
    const received = async (code: string) =>
      Number(
        (
          await sql<{ n: number }>`select coalesce(sum(received), 0)::int as n from case_rollup_daily
            where region_code = ${code} and kind = '*'`.execute(t.ctx.db)
        ).rows[0]?.n,
      );
    const before = { city: await received('120000000000'), heping: await received('120101000000') };
    const sent = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        i % 2 === 0
          ? report(t.app, u.district_op, {
              ...neighbourDispute(heping[i % heping.length] as string),
              channel: 'phone',
            })
          : report(t.app, u.hexi_op, {
              ...neighbourDispute(hexi[i % hexi.length] as string),
              channel: 'phone',
            }),
      ),
    );
    expect(sent.map((r) => r.statusCode)).toEqual(Array(60).fill(201));
    const cases = sent.map((r) => r.json() as { id: number; number: string; gridCode: string });
    expect(new Set(cases.map((c) => c.id)).size).toBe(60);
    for (const district of ['120101', '120103']) {
      const seqs = cases
        .filter((c) => c.number.startsWith(`${district}-`))
        .map((c) => Number(c.number.split('-')[2]))
        .sort((a, b) => a - b);
      expect(seqs.length).toBe(30);
      expect((seqs.at(-1) as number) - (seqs[0] as number)).toBe(29);
    }
    const history = await t.ctx.db
      .selectFrom('case_action')
      .select(['case_id', 'action'])
      .where(
        'case_id',
        'in',
        cases.map((c) => c.id),
      )
      .execute();
    expect(history.filter((h) => h.action === 'report').length).toBe(60);
    expect(await received('120000000000')).toBe(before.city + 60);
    expect(await received('120101000000')).toBe(before.heping + 30);
  });

  it('makes one case of simultaneous retries with one Idempotency-Key, and refuses the one whose body differs', async () => {
    const body = { ...neighbourDispute(heping[0] as string), channel: 'phone' };
    const other = { ...body, description: '另一件事：楼道堆放杂物' };
    const sent = await Promise.all([
      ...Array.from({ length: 5 }, () => report(t.app, u.district_op, body, 'batch-retry-1')),
      report(t.app, u.district_op, other, 'batch-retry-1'),
    ]);
    const codes = sent.map((r) => r.statusCode);
    const made = sent.filter((r) => r.statusCode === 201 || r.statusCode === 200).map((r) => r.json().id);
    // the first arrival makes the case (201); the same body again answers it (200); the other body is refused
    expect(new Set(made).size).toBe(1);
    if (codes[5] === 422) {
      expect(codes.slice(0, 5).sort()).toEqual([200, 200, 200, 200, 201]);
      expect(sent[5]?.json().errors[0].field).toBe('header.idempotency-key');
    } else {
      // the differing body came first: it made the case, and the five retries of the other body are refused
      expect(codes[5]).toBe(201);
      expect(codes.slice(0, 5)).toEqual(Array(5).fill(422));
    }
    const rows = await t.ctx.db
      .selectFrom('case_idempotency')
      .select('case_id')
      .where('key', 'like', '%:batch-retry-1')
      .execute();
    expect(rows.map((r) => Number(r.case_id))).toEqual(made.slice(0, 1));
  });

  it('a bad report in a crowd fails alone; the others are made', async () => {
    const good = Array.from({ length: 8 }, (_, i) =>
      report(t.app, u.district_op, { ...neighbourDispute(heping[i] as string), channel: 'phone' }),
    );
    const bad = report(t.app, u.district_op, {
      ...neighbourDispute(heping[0] as string),
      channel: 'phone',
      attributes: { parties_count: 'many' },
    });
    const [badRes, ...goodRes] = await Promise.all([bad, ...good]);
    expect(badRes?.statusCode).toBe(422);
    expect(goodRes.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
  });
});

/** A batch that fails in the database (here: a trigger refusing one reporter) is written again report by report. */
describe('cases intake: a batch that fails in the database', () => {
  let t: TestApp;
  let u: Users;
  beforeAll(async () => {
    t = await createTestApp();
    u = await loginAll(t.app);
    await sql`create function refuse_reporter() returns trigger language plpgsql as $$
      begin
        if new.name = '拒收' then raise exception 'refused by the test'; end if;
        return new;
      end $$`.execute(t.ctx.db);
    await sql`create trigger refuse_reporter before insert on person for each row execute function refuse_reporter()`.execute(
      t.ctx.db,
    );
  });
  afterAll(() => t.close());

  it('makes every other report of the batch, and nothing of the refused one', async () => {
    const grid = (
      await t.ctx.db
        .selectFrom('region')
        .select('code')
        .where('level', '=', 'grid')
        .where('code', 'like', '120101%')
        .orderBy('code')
        .executeTakeFirstOrThrow()
    ).code;
    const before = Number(
      (await sql<{ n: number }>`select count(*)::int as n from cases`.execute(t.ctx.db)).rows[0]?.n,
    );
    const body = (name: string) => ({
      ...neighbourDispute(grid),
      channel: 'phone',
      reporter: { name, phone: '13812345678' },
    });
    const sent = await Promise.all([
      ...Array.from({ length: 6 }, () => report(t.app, u.district_op, body('张三'))),
      report(t.app, u.district_op, body('拒收'), 'refused-once'),
    ]);
    expect(sent.slice(0, 6).map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    expect(sent[6]?.statusCode).toBe(500);
    expect(sent[6]?.headers['content-type']).toContain('application/problem+json');
    const after = Number(
      (await sql<{ n: number }>`select count(*)::int as n from cases`.execute(t.ctx.db)).rows[0]?.n,
    );
    expect(after).toBe(before + 6);
    const kept = await t.ctx.db
      .selectFrom('case_idempotency')
      .select('key')
      .where('key', 'like', '%:refused-once')
      .execute();
    expect(kept).toEqual([]);
  });
});
