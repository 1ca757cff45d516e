import { Type } from 'typebox';
import type { Module } from '../context.ts';
import { ping } from '../db/database.ts';
import { pendingMigrations } from '../db/migrate.ts';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  database: Type.Object({ kind: Type.String(), reachable: Type.Boolean() }),
  migrations: Type.Object({ current: Type.Boolean(), pending: Type.Array(Type.String()) }),
});

export const healthModule: Module = {
  name: 'health',
  routes(app, ctx) {
    app.get(
      '/healthz',
      {
        schema: {
          tags: ['health'],
          summary: 'Database reachable and migrations current',
          response: { 200: Health, 503: Health },
        },
      },
      async (_req, reply) => {
        const reachable = await ping(ctx.db).catch(() => false);
        const pending = reachable
          ? await pendingMigrations(ctx.database).catch(() => ['unknown'])
          : ['unknown'];
        const ok = reachable && pending.length === 0;
        return reply.status(ok ? 200 : 503).send({
          status: ok ? 'ok' : 'degraded',
          database: { kind: ctx.database.kind, reachable },
          migrations: { current: pending.length === 0, pending },
        });
      },
    );
  },
};
