import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { Problem } from '../../http/problem.ts';
import { type CaseScope, caseScopeOf } from '../policy.ts';
import { signedIn } from '../read/case-routes.ts';
import type { CaseEvent } from './case-events.ts';

const HEARTBEAT_MS = 15_000;

/** Is this event about a case the scope may see? (Same rule as case-scope.ts, on the event's facts.) */
export function eventInScope(s: CaseScope, e: CaseEvent): boolean {
  if (s.userId !== null && e.reporterUserId === s.userId) return true;
  if (e.regionPath && s.regionPaths.some((p) => e.regionPath?.startsWith(p))) return true;
  return e.unitIds.some((u) => s.unitIds.includes(u));
}

/** A live Server-Sent Events stream of the case events in the caller's scope. */
export async function eventRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get(
    '/api/v1/cases/events',
    {
      schema: {
        tags: ['cases'],
        summary: 'Server-Sent Events: case events in your scope, as they happen',
        response: {
          200: {
            description: 'an endless stream: `id: <seq>`, `event: <type>`, `data: <case event JSON>`',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
        },
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      if (!String(request.headers.accept ?? '').includes('text/event-stream'))
        throw new Problem(406, 'Not Acceptable', 'this is an event stream: send Accept: text/event-stream');
      const scope = caseScopeOf(actor, ctx.services.caseKinds);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(': connected\n\n');
      const unsubscribe = ctx.services.caseEvents.subscribe((event) => {
        if (!eventInScope(scope, event)) return;
        const { payload: _payload, written: _written, ...visible } = event;
        res.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(visible)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      request.raw.on('close', close);
      res.on('close', close);
    },
  );
}
