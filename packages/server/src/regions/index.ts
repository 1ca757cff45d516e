// The regions module's public face: what other modules may import from it (the rest is
// internal; its service is ctx.services.regions). See CONTRIBUTING.md, "Module boundaries".
export { seedTianjinRegions } from './demo/seed.ts';
export type { BoundaryCollection } from './import-boundaries.ts';
export { type RegionMove, rewritePathPrefix } from './service-move.ts';
