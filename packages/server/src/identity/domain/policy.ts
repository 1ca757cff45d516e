import { type Actor, type Post, ROLES, type Role } from '../actor.ts';
import { isRootPath, outermostPaths } from './scope.ts';

/** What someone may want to do. Modules add their actions here (one line each). */
export type Action =
  | 'unit.read'
  | 'unit.manage'
  | 'user.read'
  | 'user.manage'
  | 'audit.read'
  | 'person.reveal'
  | 'region.manage'
  | 'category.manage'
  | 'calendar.manage'
  | 'webhook.manage'
  | 'case.read'
  | 'case.supervise'
  | 'dashboard.read'
  | 'place.read'
  | 'place.manage'
  | 'inspection.perform'
  | 'hazard.rectify'
  | 'hazard.recheck'
  | 'checklist.manage'
  | 'campaign.manage'
  | 'risk.manage';

const ALL_STAFF: Role[] = [...ROLES];

/** Which roles may do what; where they may is their posts' scope. */
export const ACTION_ROLES: Record<Action, readonly Role[]> = {
  'unit.read': ALL_STAFF,
  'unit.manage': ['admin'],
  'user.read': ['admin', 'leader', 'auditor', 'centre_operator'],
  'user.manage': ['admin'],
  'audit.read': ['auditor', 'admin'],
  'person.reveal': [
    'grid_worker',
    'grid_head',
    'centre_operator',
    'department_handler',
    'mediator',
    'leader',
  ],
  'region.manage': ['admin'],
  'category.manage': ['admin'],
  'calendar.manage': ['admin'],
  'webhook.manage': ['admin'],
  'case.read': [
    'grid_worker',
    'grid_head',
    'centre_operator',
    'department_handler',
    'mediator',
    'inspector',
    'leader',
    'admin',
  ],
  'case.supervise': ['leader', 'centre_operator'],
  'dashboard.read': ['leader', 'centre_operator', 'department_handler', 'inspector', 'admin'],
  'place.read': [
    'grid_worker',
    'grid_head',
    'centre_operator',
    'department_handler',
    'inspector',
    'leader',
    'admin',
  ],
  'place.manage': ['grid_worker', 'grid_head', 'centre_operator', 'inspector', 'admin'],
  'inspection.perform': ['grid_worker', 'grid_head', 'inspector'],
  'hazard.rectify': ['grid_worker', 'grid_head', 'centre_operator', 'department_handler', 'inspector'],
  'hazard.recheck': ['inspector'],
  'checklist.manage': ['admin'],
  'campaign.manage': ['leader', 'centre_operator', 'inspector', 'admin'],
  'risk.manage': ['centre_operator', 'inspector', 'admin'],
};

/** Where a thing is: a region (its path), and/or the unit it is assigned to. */
export interface Resource {
  regionPath?: string | null;
  unitId?: number | null;
}

function covers(post: Post, resource: Resource): boolean {
  if (resource.unitId != null && post.unitId === resource.unitId) return true;
  if (!post.regionPath) return false;
  // A thing with no place belongs to the whole city: only a city-wide post covers it.
  if (resource.regionPath == null) return resource.unitId == null && isRootPath(post.regionPath);
  return resource.regionPath.startsWith(post.regionPath);
}

/** May the actor do this to that? Pure: scope is the posts whose role allows the action. */
export function can(actor: Actor, action: Action, resource: Resource = {}): boolean {
  if (actor.kind !== 'staff') return false;
  const roles = ACTION_ROLES[action];
  return actor.posts.some((p) => roles.includes(p.role) && covers(p, resource));
}

/** Does the actor hold any role that allows the action (anywhere)? */
export function mayEver(actor: Actor, action: Action): boolean {
  return actor.kind === 'staff' && actor.posts.some((p) => ACTION_ROLES[action].includes(p.role));
}

/** The scope of an action for list queries: region subtrees and units. Empty: nothing. */
export interface Scope {
  regionPaths: string[];
  unitIds: number[];
  /** True when a post covers a whole city (things with no place are visible). */
  citywide: boolean;
}

export function scopeOf(actor: Actor, action: Action): Scope {
  if (actor.kind !== 'staff') return { regionPaths: [], unitIds: [], citywide: false };
  const posts = actor.posts.filter((p) => ACTION_ROLES[action].includes(p.role));
  const regionPaths = outermostPaths(posts.flatMap((p) => (p.regionPath ? [p.regionPath] : [])));
  // a grid worker's post names the centre they report to; it does not widen the cases they see
  // (the unit directory still shows them that centre)
  const atUnits =
    action === 'unit.read' ? posts : posts.filter((p) => p.role !== 'grid_worker' && p.role !== 'grid_head');
  return {
    regionPaths,
    unitIds: [...new Set(atUnits.flatMap((p) => (p.unitId === null ? [] : [p.unitId])))],
    citywide: regionPaths.some(isRootPath),
  };
}
