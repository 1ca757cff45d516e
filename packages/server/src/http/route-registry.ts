import type { FastifyInstance } from 'fastify';

const registries = new WeakMap<FastifyInstance, Set<string>>();
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Records every route the app registers (modules, plugins, hidden ones), as `METHOD /path`
 * with OpenAPI-style parameters (`/api/v1/units/{id}`), so checks such as the scope matrix can
 * cover what the server really answers, not only what the OpenAPI document shows. HEAD and
 * OPTIONS (derived from GET, CORS) are left out. Call before any route is registered.
 */
export function recordRoutes(app: FastifyInstance) {
  const routes = new Set<string>();
  registries.set(app, routes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    for (const m of methods) if (METHODS.includes(m)) routes.add(`${m} ${path}`);
  });
}

/** Every route registered on `app` (see recordRoutes), sorted. */
export function registeredRoutes(app: FastifyInstance): string[] {
  return [...(registries.get(app) ?? [])].sort();
}
