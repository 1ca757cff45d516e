import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/bootstrap.ts';
import { insertDemoCategories } from '../src/cases/categories/category-service.ts';
import { loadConfig } from '../src/config.ts';
import { dumpPglite, restoreBackup, writeBackup } from '../src/db/backup.ts';
import { openDatabase } from '../src/db/database.ts';
import { buildApp, stopModules } from '../src/http/app.ts';
import { firstLogin, postFile, upload, workbook } from './golive-helpers.ts';
import type { TestApp } from './harness.ts';

// `npm run db:backup` / `db:restore` for the embedded database: a backup taken while the server
// runs, restored into an empty data folder, holds every case, attachment and audit entry, and
// the audit chain still verifies. (PostgreSQL is backed up with its own tools: README.)
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const DISTRICT = '620502000000';
const STREET = '620502001000';
const COMMUNITY = '620502001001';
const square = 'POLYGON ((105.70 34.55, 105.76 34.55, 105.76 34.60, 105.70 34.60, 105.70 34.55))';

async function start(dataDir: string, loadDataDir?: Blob): Promise<TestApp> {
  const database = await openDatabase(loadDataDir ? { loadDataDir } : { dataDir: join(dataDir, 'pglite') });
  const ctx = await createContext(
    { ...loadConfig(), databaseUrl: undefined, dataDir, demo: false, logLevel: 'warn' },
    database,
  );
  const app = await buildApp(ctx, { logger: false });
  return {
    app,
    ctx,
    close: async () => {
      await app.close();
      await stopModules(ctx);
      await database.close();
    },
  };
}

describe('backup and restore of the embedded database', () => {
  const dirs = {
    live: mkdtempSync(join(tmpdir(), 'cg-live-')),
    backups: mkdtempSync(join(tmpdir(), 'cg-bak-')),
    restored: mkdtempSync(join(tmpdir(), 'cg-res-')),
  };
  let t: TestApp;
  let number = '';
  beforeAll(async () => {
    t = await start(dirs.live);
    const { password } = await t.ctx.services.setup.initialiseCity({
      code: '620500',
      name: '天水市',
      adminUsername: 'ts_admin',
      adminDisplayName: '管理员',
    });
    const admin = await firstLogin(t.app, 'ts_admin', password);
    const csv = [
      'code,name,level,parent_code',
      `${DISTRICT},秦州区,district,620500000000`,
      `${STREET},大城街道,street,${DISTRICT}`,
      `${COMMUNITY},社区,community,${STREET}`,
    ].join('\n');
    expect(
      (await postFile(t.app, admin.headers, '/api/v1/setup/import/divisions', 'd.csv', csv)).statusCode,
    ).toBe(200);
    const grids = await workbook({
      grids: {
        columns: ['grid_code', 'name', 'community_code', 'boundary'],
        rows: [[`${COMMUNITY}001`, '第1网格', COMMUNITY, square]],
      },
    });
    expect(
      (await postFile(t.app, admin.headers, '/api/v1/setup/import/grids', 'g.xlsx', grids)).statusCode,
    ).toBe(200);
    const staff = await workbook({
      units: { columns: ['kind', 'region_code', 'name'], rows: [['centre', COMMUNITY, '社区综治中心']] },
    });
    expect(
      (await postFile(t.app, admin.headers, '/api/v1/setup/import/staff', 's.xlsx', staff)).statusCode,
    ).toBe(200);
    await insertDemoCategories(t.ctx.db);
    const category = await t.ctx.db
      .selectFrom('case_category')
      .select('code')
      .where('open_to_residents', '=', true)
      .where('attributes', '=', '[]' as never)
      .where('parent_code', 'is not', null)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const report = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/reports',
      headers: { 'x-forwarded-for': '10.1.1.1' },
      payload: {
        category: category.code,
        description: '路灯整晚不亮，请尽快修理',
        location: { lon: 105.73, lat: 34.57 },
        anonymous: true,
      },
    });
    expect(report.statusCode, report.body).toBe(201);
    number = report.json().number;
    const photo = upload('p.png', PNG, 'image/png');
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/portal/cases/${number}/photos`,
      headers: { ...photo.headers, 'x-portal-secret': report.json().secret, 'x-forwarded-for': '10.1.1.1' },
      payload: photo.payload,
    });
    expect(added.statusCode, added.body).toBeLessThan(300);
  });
  afterAll(async () => {
    await t?.close();
    for (const d of Object.values(dirs)) rmSync(d, { recursive: true, force: true });
  });

  it('restores into an empty data folder: the same cases, attachments and audit entries, and the chain verifies', async () => {
    const count = async (app: TestApp, table: 'cases' | 'case_attachment' | 'audit_log') =>
      Number(
        (
          await app.ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = {
      cases: await count(t, 'cases'),
      attachments: await count(t, 'case_attachment'),
      audit: await count(t, 'audit_log'),
    };
    expect(before.cases).toBe(1);
    expect(before.attachments).toBe(1);
    const target = join(dirs.backups, 'b1');
    const written = writeBackup(target, await dumpPglite(t.ctx.database), dirs.live);
    expect(written.attachments).toBe(1);
    await restoreBackup(target, dirs.restored);
    await expect(restoreBackup(target, dirs.restored)).rejects.toThrow(/already holds a database/);
    const r = await start(dirs.restored);
    try {
      expect({
        cases: await count(r, 'cases'),
        attachments: await count(r, 'case_attachment'),
        audit: await count(r, 'audit_log'),
      }).toEqual(before);
      expect((await r.ctx.services.identity.audit.verify()).ok).toBe(true);
      const attachment = await r.ctx.db
        .selectFrom('case_attachment')
        .select('sha256')
        .executeTakeFirstOrThrow();
      const file = await r.ctx.services.cases.attachments.open(r.ctx, attachment.sha256 as string);
      expect(file).toBeTruthy();
      expect((await r.app.inject({ method: 'GET', url: '/api/v1/city' })).json()).toMatchObject({
        name: '天水市',
      });
    } finally {
      await r.close();
    }
  });
});
