import type { Actor, Post, Role } from '../../identity/index.ts';
import type { Capacity } from './state-machine.ts';

/** What the workflow needs to know about a case to say who stands where. */
export interface CaseFacts {
  regionPath: string | null;
  gridCode: string | null;
  currentUnitId: number | null;
  currentUnitIsCentre: boolean;
  centreUnitId: number | null;
  reporterUserId: number | null;
  /** Units summoned to the case whose summons is still open. */
  openSummonsUnitIds: readonly number[];
}

const WORKING_ROLES: readonly Role[] = ['centre_operator', 'department_handler', 'mediator', 'inspector'];

const atUnit = (posts: Post[], unitId: number | null, roles: readonly Role[]) =>
  unitId !== null && posts.some((p) => p.unitId === unitId && roles.includes(p.role));

const coversPlace = (p: Post, c: CaseFacts) =>
  (p.regionPath !== null && c.regionPath?.startsWith(p.regionPath) === true) ||
  (c.gridCode !== null && p.gridCodes.includes(c.gridCode));

/**
 * The actor's capacities on one case (see state-machine.ts): derived from their posts (role at a
 * unit or over a region) and the case's current unit, coordinating centre, summonses and reporter.
 * Someone who may read the case but stands in no other relation to it is an observer.
 */
export function capacitiesOf(actor: Actor, c: CaseFacts): Capacity[] {
  const caps: Capacity[] = [];
  const posts = actor.kind === 'staff' ? actor.posts : [];
  if (actor.userId !== null && actor.userId === c.reporterUserId) caps.push('reporter');
  if (posts.some((p) => (p.role === 'grid_worker' || p.role === 'grid_head') && coversPlace(p, c)))
    caps.push('grid_worker');
  if (c.currentUnitIsCentre && atUnit(posts, c.currentUnitId, ['centre_operator'])) caps.push('centre');
  if (atUnit(posts, c.currentUnitId, WORKING_ROLES)) caps.push('assignee');
  if (atUnit(posts, c.centreUnitId, ['centre_operator'])) caps.push('coordinator');
  if (c.openSummonsUnitIds.some((u) => atUnit(posts, u, WORKING_ROLES))) caps.push('summoned');
  if (posts.some((p) => p.role === 'leader' && (coversPlace(p, c) || p.unitId === c.currentUnitId)))
    caps.push('leader');
  if (posts.some((p) => p.role === 'admin' && coversPlace(p, c))) caps.push('admin');
  if (caps.length === 0) caps.push('observer');
  return caps;
}
