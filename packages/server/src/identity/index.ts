// The identity module's public face: what other modules may import from it (the rest is
// internal; its service is ctx.services.identity). See CONTRIBUTING.md, "Module boundaries".
export { type Actor, ANONYMOUS, inRegionScope, type Post, type Role } from './actor.ts';
export { type Action, can, mayEver, scopeOf } from './domain/policy.ts';
export { DEPARTMENT_TYPE_CODES } from './domain/unit-catalog.ts';
export { requireRole, requireStaff } from './http.ts';
export { passwordWorkbook } from './password-sheets.ts';
export { passwordHasher } from './passwords.ts';
export {
  allocateTrackerId,
  hashSecret,
  newSecret,
  residentActor,
  trackerBySecret,
} from './residents.ts';
export { UnitSchema } from './schemas.ts';
export { sha256 } from './service-auth.ts';
export { toUnit, type Unit } from './service-units.ts';
