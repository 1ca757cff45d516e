/**
 * Who is making a request, and what they may see. Every service call that reads or writes
 * takes an Actor; scope is enforced in the data layer from these fields.
 */
export type Role =
  | 'grid_worker'
  | 'grid_head'
  | 'centre_operator'
  | 'department_handler'
  | 'mediator'
  | 'inspector'
  | 'leader'
  | 'admin'
  | 'auditor';

export const ROLES: readonly Role[] = [
  'grid_worker',
  'grid_head',
  'centre_operator',
  'department_handler',
  'mediator',
  'inspector',
  'leader',
  'admin',
  'auditor',
];

/** A post a user holds: a role at a unit and/or over a region subtree (grid workers: grids). */
export interface Post {
  id: number;
  role: Role;
  unitId: number | null;
  /** Root of the post's region subtree (for grid workers, each grid is its own post or listed below). */
  regionCode: string | null;
  regionPath: string | null;
  gridCodes: string[];
}

export interface Actor {
  kind: 'staff' | 'resident' | 'anonymous';
  userId: number | null;
  username: string | null;
  displayName: string;
  posts: Post[];
  /** Distinct roles over all posts. */
  roles: Role[];
  /** Region subtrees in scope (paths, none inside another); empty for residents and anonymous. */
  regionPaths: string[];
  /** Units the actor acts for. */
  unitIds: number[];
  via: 'session' | 'token' | 'none';
}

export const ANONYMOUS: Actor = {
  kind: 'anonymous',
  userId: null,
  username: null,
  displayName: '',
  posts: [],
  roles: [],
  regionPaths: [],
  unitIds: [],
  via: 'none',
};

/** Is a region (by its path) inside the actor's region scope? */
export function inRegionScope(actor: Actor, regionPath: string | null | undefined): boolean {
  if (!regionPath) return false;
  return actor.regionPaths.some((p) => regionPath.startsWith(p));
}
