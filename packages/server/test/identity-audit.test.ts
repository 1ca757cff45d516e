import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

describe('personal data and the audit log', () => {
  let t: TestApp;
  let gridPath: string;
  let personId: number;
  let gridworker: LoggedIn;
  let auditor: LoggedIn;
  beforeAll(async () => {
    t = await createTestApp();
    gridworker = await loginAs(t.app, 'gridworker');
    auditor = await loginAs(t.app, 'auditor');
    gridPath = gridworker.regionPaths[0] ?? '';
    personId = await t.ctx.db.transaction().execute((trx) =>
      t.ctx.services.identity.persons.create(trx, {
        name: '张三',
        phone: '13812345678',
        idNumber: '120101199001011234',
        address: '天津市和平区南京路100号3门',
        regionPath: gridPath,
      }),
    );
  });
  afterAll(() => t.close());

  const reveal = (who: LoggedIn, id: number, reason: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${id}/reveal`,
      headers: who.headers,
      payload: { reason },
    });
  const auditOf = (who: LoggedIn, query: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/audit?${query}`, headers: who.headers });

  it('stores personal data apart and shows it masked', async () => {
    const masked = await t.ctx.services.identity.persons.masked([personId, 999999]);
    expect([...masked.values()]).toEqual([
      {
        id: personId,
        name: '张*',
        phone: '138****5678',
        idNumber: '1201**********1234',
        address: '天津市和平区****',
        masked: true,
      },
    ]);
  });

  it('keeps the phone as a keyed hash, finding repeats however the number is written', async () => {
    const row = await t.ctx.db
      .selectFrom('person')
      .select('phone_hash')
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    const expected = createHmac('sha256', t.ctx.config.secret).update('13812345678').digest('hex');
    expect(row.phone_hash).toBe(expected);
    const again = await t.ctx.db.transaction().execute((trx) =>
      t.ctx.services.identity.persons.create(trx, {
        name: '张三',
        phone: '+86 138-1234-5678',
        regionPath: gridPath,
      }),
    );
    expect(await t.ctx.services.identity.persons.idsByPhone('138 1234 5678')).toEqual([again, personId]);
  });

  it('reveals to a grid worker of the place with a reason, and audits the reveal', async () => {
    const res = await reveal(gridworker, personId, '回访当事人');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: personId,
      name: '张三',
      phone: '13812345678',
      idNumber: '120101199001011234',
      address: '天津市和平区南京路100号3门',
      masked: false,
    });
    const log = await auditOf(auditor, `action=person.reveal&objectId=${personId}`);
    expect(log.json().items[0]).toMatchObject({
      action: 'person.reveal',
      actorUserId: gridworker.userId,
      actorName: 'gridworker',
      objectType: 'person',
      objectId: String(personId),
      reason: '回访当事人',
      regionPath: gridPath,
    });
  });

  it('refuses a reveal without a reason, outside scope, or by a role that may not, and logs none of them', async () => {
    const before = await t.ctx.services.identity.audit.count();
    expect((await reveal(gridworker, personId, '')).statusCode).toBe(400);
    const blank = await reveal(gridworker, personId, '   ');
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].field).toBe('body.reason');
    expect((await reveal(await loginAs(t.app, 'hexi_op'), personId, 'curious')).statusCode).toBe(404);
    expect((await reveal(await loginAs(t.app, 'admin'), personId, 'curious')).statusCode).toBe(404);
    expect((await reveal(gridworker, 987654, 'none')).statusCode).toBe(404);
    const reveals = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_log where action = 'person.reveal' and id > ${before}`.execute(
      t.ctx.db,
    );
    expect(reveals.rows[0]?.n).toBe(0);
  });

  it('shows auditors only the entries in their scope', async () => {
    await loginAs(t.app, 'hexi_op');
    const districtAdmin = await loginAs(t.app, 'district_admin');
    const hexiLogins = await auditOf(auditor, 'action=auth.login&limit=500');
    expect(hexiLogins.json().items.some((e: { actorName: string }) => e.actorName === 'hexi_op')).toBe(true);
    const seen = await auditOf(districtAdmin, 'limit=500');
    const items = seen.json().items as { actorName: string; regionPath: string | null }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e) => e.regionPath?.startsWith('120000000000/120101000000/'))).toBe(true);
    expect((await auditOf(gridworker, '')).statusCode).toBe(403);
  });

  it('pages through the log newest first', async () => {
    const first = (await auditOf(auditor, 'limit=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.items[0].id).toBeGreaterThan(first.items[1].id);
    const next = (await auditOf(auditor, `limit=2&cursor=${first.nextCursor}`)).json();
    expect(next.items[0].id).toBeLessThan(first.items[1].id);
  });

  it('keeps one chain when many transactions append at once', async () => {
    const { audit } = t.ctx.services.identity;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        audit.record(t.ctx.db, {
          action: 'test.concurrent',
          objectId: i,
          regionPath: gridPath,
          detail: { i },
        }),
      ),
    );
    const result = await audit.verify();
    expect(result).toMatchObject({ ok: true, firstBroken: null });
    expect(result.checked).toBe(await audit.count());
  });

  it('refuses to change or delete audit entries', async () => {
    await expect(sql`update audit_log set reason = 'x' where id = 1`.execute(t.ctx.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log where id = 1`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('verifies the chain, and after tampering reports the first broken link', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: auditor.headers });
    expect(ok.json()).toMatchObject({ ok: true, firstBroken: null });
    expect(ok.json().checked).toBeGreaterThan(5);
    const target = (await auditOf(auditor, 'action=person.reveal')).json().items[0].id as number;
    // An attacker with database access: switch off the guard and rewrite history.
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(t.ctx.db);
    await sql`update audit_log set reason = 'routine' where id = ${target}`.execute(t.ctx.db);
    const broken = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit/verify',
      headers: auditor.headers,
    });
    expect(broken.json()).toMatchObject({ ok: false, firstBroken: { id: target, reason: 'hash_mismatch' } });
    expect(broken.json().checked).toBe(target - 1);
    const gridworkerAsks = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit/verify',
      headers: gridworker.headers,
    });
    expect(gridworkerAsks.statusCode).toBe(403);
  });
});
