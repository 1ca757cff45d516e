import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { badRequest, forbidden } from '../../http/problem.ts';
import { noContent } from '../../http/responses.ts';
import { can, requireStaff } from '../../identity/index.ts';
import { isIsoDate } from '../domain/calendar.ts';

const DAY = Type.String({
  pattern: '^(?!0000)\\d{4}-\\d{2}-\\d{2}$',
  description: 'YYYY-MM-DD (Beijing time)',
});
const Holiday = Type.Object({
  day: Type.String(),
  kind: Type.Union([Type.Literal('off'), Type.Literal('work')]),
  nameZh: Type.String(),
  nameEn: Type.String(),
  provisional: Type.Boolean(),
});
const NewHoliday = Type.Object(
  {
    day: DAY,
    kind: Type.Union([Type.Literal('off'), Type.Literal('work')], {
      description: "'off': a public holiday; 'work': an adjusted working day (调休上班)",
    }),
    nameZh: Type.String({ minLength: 1, maxLength: 100 }),
    nameEn: Type.String({ minLength: 1, maxLength: 100 }),
    provisional: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** /api/v1/calendar/holidays: the working calendar's public holidays and adjusted working days. */
/** The working calendar shifts every district's deadlines: only a city administrator changes it. */
function cityAdmin(req: Parameters<typeof requireStaff>[0]) {
  const actor = requireStaff(req);
  if (!can(actor, 'calendar.manage'))
    throw forbidden('only a city administrator changes the working calendar: it applies to every district');
  return actor;
}

export async function calendarRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['calendar'];
  r.get(
    '/api/v1/calendar/holidays',
    {
      schema: {
        tags,
        summary: 'Public holidays and adjusted working days',
        querystring: Type.Object({
          year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
          from: Type.Optional(DAY),
          to: Type.Optional(DAY),
        }),
        response: { 200: Type.Object({ items: Type.Array(Holiday) }) },
      },
    },
    async (req) => {
      requireStaff(req);
      for (const field of ['from', 'to'] as const) {
        const v = req.query[field];
        if (v !== undefined && !isIsoDate(v)) throw badRequest(`query.${field}`, 'must be a real date');
      }
      return { items: await ctx.services.calendar.list(req.query) };
    },
  );
  r.post(
    '/api/v1/calendar/holidays',
    {
      schema: {
        tags,
        summary: 'Add a public holiday or an adjusted working day (administrators)',
        body: NewHoliday,
        response: { 201: Holiday },
      },
    },
    async (req, reply) => {
      cityAdmin(req);
      return reply.status(201).send(await ctx.services.calendar.add(req.body));
    },
  );
  r.delete(
    '/api/v1/calendar/holidays/:day',
    {
      schema: {
        tags,
        summary: 'Remove a day from the calendar (administrators)',
        params: Type.Object({ day: DAY }),
        response: noContent('removed: the day follows the ordinary week again'),
      },
    },
    async (req, reply) => {
      cityAdmin(req);
      await ctx.services.calendar.remove(req.params.day);
      return reply.status(204).send(null);
    },
  );
}
