import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceClock } from '../src/lib/clock.ts';
import { readSheets } from '../src/lib/spreadsheet.ts';
import { createPasswordSheets, SHEET_TTL_MS, seal, unseal } from '../src/setup/password-sheets.ts';
import { firstLogin, postFile, workbook } from './golive-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

// The staff import's one-time password sheet lives in the database, sealed, taken once by its
// importer; a unit code a retired unit held is taken again without a clash.
const CITY = '120000000000';
const HEPING = '120101000000';
const USERS = ['username', 'display_name', 'role', 'unit', 'region_code'];
const UNITS = ['kind', 'department_type', 'region_code', 'name', 'phone', 'parent_unit'];

describe('staff import: password sheets and retired unit codes', () => {
  let t: TestApp;
  let admin: LoggedIn;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t.app, 'admin');
  });
  afterAll(() => t.close());

  const importUsers = async (rows: (string | null)[][], who = admin) =>
    postFile(
      t.app,
      who.headers,
      '/api/v1/setup/import/staff',
      'staff.xlsx',
      await workbook({ users: { columns: USERS, rows } }),
    );
  const download = (id: string, who: LoggedIn) =>
    t.app.inject({ method: 'GET', url: `/api/v1/setup/password-sheets/${id}`, headers: who.headers });
  const sheetRow = (id: string) =>
    t.ctx.db.selectFrom('setup_password_sheet').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('keeps the sheet sealed in the database; only its importer takes it, once; another process sees it', async () => {
    const res = await importUsers([['second_admin', '第二管理员', 'admin', '', CITY]]);
    expect(res.statusCode).toBe(200);
    const { passwordSheet } = res.json() as { passwordSheet: { id: string; users: number } };
    expect(passwordSheet.users).toBe(1);

    // sealed: the password is nowhere in the row, and the row opens only with its own binding
    const stored = await sheetRow(passwordSheet.id);
    expect(stored.owner_user_id).toBe(admin.userId);
    expect(stored.sealed).toBeTruthy();
    expect(stored.sealed).not.toMatch(/second_admin/);
    expect(() => unseal(t.ctx.config.secret, `${passwordSheet.id}:999`, stored.sealed as string)).toThrow();
    expect(() =>
      unseal('another secret', `${passwordSheet.id}:${admin.userId}`, stored.sealed as string),
    ).toThrow();

    // another process (a fresh store over the same database) has it: the importer takes it there
    const rows = await createPasswordSheets(t.ctx).take(
      { kind: 'staff', userId: admin.userId } as Parameters<
        ReturnType<typeof createPasswordSheets>['take']
      >[0],
      passwordSheet.id,
    );
    expect(rows?.map((r) => r.username)).toEqual(['second_admin']);
    const password = rows?.[0]?.password as string;
    // taken: cleared in the database, gone for everyone, audited
    expect(await sheetRow(passwordSheet.id)).toMatchObject({ sealed: null });
    expect((await download(passwordSheet.id, admin)).statusCode).toBe(404);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['object_id'])
      .where('action', '=', 'user.passwords.download')
      .execute();
    expect(audit.map((a) => a.object_id)).toContain(passwordSheet.id);

    // the second city administrator logs in with it, imports, and cannot take the first's sheet
    const second = await firstLogin(t.app, 'second_admin', password);
    const mine = (
      await importUsers([['hp_helper_a', '和平区帮手甲', 'centre_operator', `centre:${HEPING}`, '']], admin)
    ).json() as {
      passwordSheet: { id: string };
    };
    expect((await download(mine.passwordSheet.id, second)).statusCode).toBe(404);
    const taken = await download(mine.passwordSheet.id, admin);
    expect(taken.statusCode).toBe(200);
    expect(taken.headers['cache-control']).toBe('no-store');
    const [sheet] = await readSheets(taken.rawPayload);
    expect(sheet?.rows.map((r) => r.cells.username)).toEqual(['hp_helper_a']);
  });

  it('users and their password sheet are one write: when the sheet cannot be kept, no user is made', async () => {
    // the sheet's row is refused by the database (as a full disk or a lost connection would)
    await sql`alter table setup_password_sheet add constraint no_sheets_now check (users < 0) not valid`.execute(
      t.ctx.db,
    );
    try {
      const res = await importUsers([['sheetless_user', '无表用户', 'admin', '', CITY]]);
      expect(res.statusCode).toBe(500);
    } finally {
      await sql`alter table setup_password_sheet drop constraint no_sheets_now`.execute(t.ctx.db);
    }
    const made = await t.ctx.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'sheetless_user')
      .executeTakeFirst();
    expect(made).toBeUndefined();
    // the same file imports once the sheet can be kept
    const again = await importUsers([['sheetless_user', '无表用户', 'admin', '', CITY]]);
    expect(again.statusCode).toBe(200);
    expect((again.json() as { passwordSheet: { users: number } }).passwordSheet.users).toBe(1);
  });

  it('a sheet not taken within its time is cleared and refused', async () => {
    const res = await importUsers([
      ['hp_helper_b', '和平区帮手乙', 'centre_operator', `centre:${HEPING}`, ''],
    ]);
    const { passwordSheet } = res.json() as { passwordSheet: { id: string } };
    advanceClock(t.ctx, SHEET_TTL_MS + 60_000);
    expect((await download(passwordSheet.id, admin)).statusCode).toBe(404);
    expect(await sheetRow(passwordSheet.id)).toMatchObject({ sealed: null, taken_at: null });
  });

  it('seals and opens a sheet with the same secret and binding only', () => {
    const rows = [{ username: 'a', displayName: '甲', password: 'Secret-1', posts: '' }];
    const sealed = seal('s1', 'id:1', rows);
    expect(unseal('s1', 'id:1', sealed)).toEqual(rows);
    expect(() => unseal('s1', 'id:2', sealed)).toThrow();
  });

  it('a unit whose code a retired unit held is created as code#2; re-import updates it, posts reach it', async () => {
    const old = await t.ctx.db
      .selectFrom('unit')
      .select(['id', 'code', 'department_type'])
      .where('region_code', '=', HEPING)
      .where('kind', '=', 'department')
      .where('retired_at', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const retire = await t.app.inject({
      method: 'POST',
      url: `/api/v1/units/${old.id}/retire`,
      headers: admin.headers,
      payload: { reason: 'reorganised' },
    });
    expect(retire.statusCode).toBe(200);

    const file = await workbook({
      units: { columns: UNITS, rows: [['department', old.department_type, HEPING, '和平区新部门', '', '']] },
      users: { columns: USERS, rows: [['hp_new_dept', '新部门办理员', 'department_handler', old.code, '']] },
    });
    const send = (dryRun: boolean) =>
      postFile(t.app, admin.headers, `/api/v1/setup/import/staff?dryRun=${dryRun}`, 'staff.xlsx', file);
    expect((await send(true)).json()).toMatchObject({ units: { created: 1, updated: 0 }, dryRun: true });
    const first = await send(false);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      units: { created: 1, updated: 0 },
      users: { created: 1, posts: 1 },
    });
    const units = await t.ctx.db
      .selectFrom('unit')
      .select(['id', 'code', 'name', 'retired_at'])
      .where('code', 'like', `${old.code}%`)
      .orderBy('id')
      .execute();
    expect(units.map((u) => [u.code, u.retired_at === null])).toEqual([
      [old.code, false],
      [`${old.code}#2`, true],
    ]);
    const fresh = units[1] as { id: number };
    const post = await t.ctx.db
      .selectFrom('user_post')
      .innerJoin('app_user', 'app_user.id', 'user_post.user_id')
      .select('user_post.unit_id')
      .where('app_user.username', '=', 'hp_new_dept')
      .executeTakeFirstOrThrow();
    expect(Number(post.unit_id)).toBe(Number(fresh.id));

    // the same file again: the unit (named by its code) is updated, nobody is created twice
    const again = await send(false);
    expect(again.json()).toMatchObject({
      units: { created: 0, updated: 1 },
      users: { created: 0, posts: 0 },
    });
  });
});
