import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Module } from '../context.ts';
import { forbidden, notFound, unauthorized } from '../http/problem.ts';
import { type Actor, ANONYMOUS, can } from '../identity/index.ts';
import { advanceClockAndSettle, clockOffsetMs, serverNow } from '../lib/clock.ts';

const Clock = Type.Object({ now: Type.String(), offsetMs: Type.Number() });
const actorOf = (request: FastifyRequest): Actor => (request as { actor?: Actor }).actor ?? ANONYMOUS;

/**
 * The demo's server clock: with DEMO on, a city administrator may move it forward to walk
 * deadlines and "next month" (every module reads time from it: src/lib/clock.ts).
 */
export const demoModule: Module = {
  name: 'demo',
  routes(app, ctx) {
    app.get(
      '/api/v1/demo/clock',
      {
        schema: {
          tags: ['demo'],
          summary: 'The server clock (moved forward from the system time by an administrator in a demo)',
          response: { 200: Clock },
        },
      },
      async (req) => {
        if (actorOf(req).kind === 'anonymous') throw unauthorized();
        return { now: serverNow(ctx).toISOString(), offsetMs: clockOffsetMs(ctx) };
      },
    );
    app.post(
      '/api/v1/demo/clock',
      {
        schema: {
          tags: ['demo'],
          summary: 'Move the demo server clock forward (DEMO only, city administrators)',
          body: Type.Object(
            { advanceHours: Type.Number({ minimum: 0, maximum: 24 * 366 }) },
            { additionalProperties: false },
          ),
          response: { 200: Clock },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        if (actor.kind === 'anonymous') throw unauthorized();
        if (!ctx.config.demo) throw notFound('demo clock');
        if (!can(actor, 'region.manage', { regionPath: null }))
          throw forbidden('only a city administrator moves the demo clock');
        const { advanceHours } = req.body as { advanceHours: number };
        const now = await advanceClockAndSettle(ctx, advanceHours * 3_600_000);
        return { now: now.toISOString(), offsetMs: clockOffsetMs(ctx) };
      },
    );
  },
};
