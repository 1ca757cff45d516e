import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Module } from '../context.ts';
import { installOpen311Errors } from './render.ts';
import { requestReadRoutes } from './routes-requests.ts';
import { serviceRoutes } from './routes-services.ts';
import { submitRoutes } from './routes-submit.ts';
import { updateRoutes } from './routes-updates.ts';

/** Open311 GeoReport v2 (and FixMyStreet's service request updates) under /open311/v2/. */
export const open311Module: Module = {
  name: 'open311',
  async routes(app, ctx) {
    await app.register(
      async (scope) => {
        const typed = scope.withTypeProvider<TypeBoxTypeProvider>();
        installOpen311Errors(scope);
        serviceRoutes(typed, ctx);
        requestReadRoutes(typed, ctx);
        submitRoutes(typed, ctx);
        updateRoutes(typed, ctx);
      },
      { prefix: '/open311/v2' },
    );
  },
};
