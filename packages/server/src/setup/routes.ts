import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../identity/index.ts';
import { setupImportRoutes } from './routes-imports.ts';
import { CityProfileSchema, ProfileChangesSchema, StatusSchema } from './schemas.ts';
import type { ProfileChanges } from './service.ts';

const tags = ['setup'];

/** The city's profile (public), the setup checklist and going live (city administrators), and the setup files. */
export async function setupRoutes(app: FastifyInstance, ctx: AppContext) {
  const setup = ctx.services.setup;

  app.get(
    '/api/v1/city',
    {
      schema: {
        tags,
        summary:
          "The city this installation serves: name, code, where maps open, the portal's text, whether it is live",
        response: { 200: CityProfileSchema },
      },
    },
    async () => setup.profile(),
  );

  app.get(
    '/api/v1/setup/status',
    {
      schema: {
        tags,
        summary: 'The setup checklist: each step, its state and what is missing',
        response: { 200: StatusSchema },
      },
    },
    async (req) => setup.status(requireStaff(req)),
  );

  app.patch(
    '/api/v1/setup/city',
    {
      schema: {
        tags,
        summary:
          "Change the city's name, map centre and zoom, and the residents' portal title and introduction",
        body: ProfileChangesSchema,
        response: { 200: CityProfileSchema },
      },
    },
    async (req) => setup.updateProfile(requireStaff(req), req.body as ProfileChanges, req.ip),
  );

  app.post(
    '/api/v1/setup/go-live',
    {
      schema: {
        tags,
        summary: 'Go live: the demo banner goes (409 listing the steps still to do)',
        response: { 200: CityProfileSchema },
      },
    },
    async (req) => setup.goLive(requireStaff(req), req.ip),
  );

  await setupImportRoutes(app, ctx);
}
