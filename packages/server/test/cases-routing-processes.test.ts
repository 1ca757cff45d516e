import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/bootstrap.ts';
import type { AppContext } from '../src/context.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { buildApp, stopModules } from '../src/http/app.ts';
import { gridOf } from './cases-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';
import { databaseUrlFor } from './pg-admin.ts';

/**
 * Routing is cached per server process; a change made through one process applies in another from
 * the next report on (the routing version, migration 0334), not after the cache's 30 s. Two app
 * instances on one database: on PostgreSQL each with its own pool (as two processes), on PGlite
 * sharing the embedded database (one process can hold a PGlite; the version check is the same).
 */
describe('routing changed through one server process, used by another', () => {
  let a: TestApp;
  let b: { app: Awaited<ReturnType<typeof buildApp>>; ctx: AppContext; close(): Promise<void> };
  let adminA: LoggedIn;
  let opB: LoggedIn;
  let grid: string;

  beforeAll(async () => {
    a = await createTestApp();
    let database: Database = a.ctx.database;
    let closeDb = async () => {};
    const url = process.env.DATABASE_URL;
    if (url) {
      const name = (await sql<{ n: string }>`select current_database() as n`.execute(a.ctx.db)).rows[0]?.n;
      database = await openDatabase({ url: databaseUrlFor(url, name as string) });
      closeDb = () => database.close();
    }
    const ctx = await createContext({ ...a.ctx.config }, database);
    const app = await buildApp(ctx, { logger: false });
    b = {
      app,
      ctx,
      async close() {
        await app.close();
        await stopModules(ctx);
        await closeDb();
      },
    };
    adminA = await loginAs(a.app, 'admin');
    opB = await loginAs(b.app, 'community_op');
    grid = gridOf(await loginAs(b.app, 'gridworker'));
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const reportOnB = async () => {
    const res = await b.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: opB.headers,
      payload: {
        kind: 'request',
        category: 'request.parking',
        description: '门口占道停车',
        gridCode: grid,
        channel: 'phone',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().currentUnit.kind as string;
  };
  const ruleOnA = async (unitType: string) => {
    const res = await a.app.inject({
      method: 'PUT',
      url: '/api/v1/routing-rules/request.parking/community',
      headers: adminA.headers,
      payload: { unitType, fallbackUnitType: 'centre', skipEscalation: 'urgent' },
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('the next report on the other instance follows the change, and the change back', async () => {
    // B has read (and cached) the table: parking goes to the police station
    expect(await reportOnB()).toBe('station');
    await ruleOnA('centre');
    expect(await reportOnB()).toBe('centre');
    await ruleOnA('public_security');
    expect(await reportOnB()).toBe('station');
  });

  it('the first report on the other instance after a category is retired there is refused, and taken again once restored', async () => {
    // B has read (and cached) the category with its routing
    expect(await reportOnB()).toBe('station');
    const retire = async (retired: boolean) => {
      const res = await a.app.inject({
        method: 'PATCH',
        url: '/api/v1/categories/request.parking',
        headers: adminA.headers,
        payload: { retired },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    await retire(true);
    const refused = await b.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: opB.headers,
      payload: {
        kind: 'request',
        category: 'request.parking',
        description: '门口占道停车',
        gridCode: grid,
        channel: 'phone',
      },
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().detail).toContain('no active category request.parking');
    await retire(false);
    expect(await reportOnB()).toBe('station');
  });

  it('reports arriving together on the other instance all follow the change', async () => {
    await ruleOnA('centre');
    const kinds = await Promise.all(Array.from({ length: 6 }, () => reportOnB()));
    expect(kinds).toEqual(Array(6).fill('centre'));
    await ruleOnA('public_security');
    expect(await reportOnB()).toBe('station');
  });
});
