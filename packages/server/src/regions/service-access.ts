import { forbidden, unauthorized } from '../http/problem.ts';
import { type Actor, ANONYMOUS, can, mayEver } from '../identity/index.ts';

/**
 * The platform itself (demo seeding, command-line imports): may change any region. Only code
 * holds this object; no request can present it.
 */
export const REGIONS_SYSTEM_ACTOR: Actor = Object.freeze({
  ...ANONYMOUS,
  kind: 'staff',
  displayName: 'CivicGrid',
});

/**
 * The one place region writes are authorised: an administrator whose scope covers the region
 * (by its path: for a new region, its own future path; for a move, both ends).
 */
export function assertMayManage(actor: Actor, regionPath: string, what = 'this region'): void {
  if (actor === REGIONS_SYSTEM_ACTOR) return;
  if (actor.kind === 'anonymous') throw unauthorized('sign in as an administrator to change regions');
  if (!can(actor, 'region.manage', { regionPath }))
    throw forbidden(`only an administrator whose scope covers ${what} may change it`);
}

/**
 * Before a write request's body is even read: only someone who administers regions somewhere
 * may send one (so an anonymous upload of a large import is refused at once).
 */
export function assertMayManageSomewhere(actor: Actor): void {
  if (actor === REGIONS_SYSTEM_ACTOR) return;
  if (actor.kind === 'anonymous') throw unauthorized('sign in as an administrator to change regions');
  if (!mayEver(actor, 'region.manage')) throw forbidden('only administrators may change regions');
}
