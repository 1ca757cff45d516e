/** The setup module's public face: its service (ctx.services.setup) and the city profile. */
export type { CityInit, CityProfile, ProfileChanges, SetupService } from './service.ts';
