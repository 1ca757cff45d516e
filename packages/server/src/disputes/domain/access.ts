import type { MediationRole } from './mediation-machine.ts';

/**
 * Who may do what with disputes, as data. A post covers a dispute when the dispute lies in the
 * post's region subtree, or the post is at the unit of the mediation organisation holding it.
 * Pure: takes the actor's posts, not the request.
 */
export interface AccessPost {
  role: string;
  unitId: number | null;
  regionPath: string | null;
}
export interface AccessActor {
  kind: string;
  posts: readonly AccessPost[];
}
export interface Where {
  regionPath: string;
  unitId?: number | null;
}

export type DisputeAccess = 'read' | 'screen' | 'register' | 'manage_registry' | 'figures';

export const ACCESS_ROLES: Record<DisputeAccess, readonly string[]> = {
  read: ['grid_worker', 'grid_head', 'centre_operator', 'mediator', 'leader', 'admin'],
  screen: ['grid_worker', 'grid_head', 'centre_operator'],
  // a dispute is registered where it is found (screening) or where it is brought (a mediation committee, 来访)
  register: ['grid_worker', 'grid_head', 'centre_operator', 'mediator'],
  manage_registry: ['centre_operator', 'admin'],
  figures: ['centre_operator', 'mediator', 'leader', 'admin'],
};
/** The capacities of the mediation table (mediation-machine.ts) and the post roles that hold them. */
export const MEDIATION_ROLE_POSTS: Record<MediationRole, readonly string[]> = {
  centre: ['centre_operator'],
  mediator: ['mediator'],
};

export function covers(post: AccessPost, where: Where): boolean {
  if (where.unitId != null && post.unitId === where.unitId) return true;
  return post.regionPath != null && where.regionPath.startsWith(post.regionPath);
}

export function allowed(actor: AccessActor, access: DisputeAccess, where: Where): boolean {
  if (actor.kind !== 'staff') return false;
  return actor.posts.some((p) => ACCESS_ROLES[access].includes(p.role) && covers(p, where));
}

/** The mediation capacities the actor holds for a dispute (centre, mediator). */
export function mediationRoles(actor: AccessActor, where: Where): MediationRole[] {
  if (actor.kind !== 'staff') return [];
  return (Object.keys(MEDIATION_ROLE_POSTS) as MediationRole[]).filter((r) =>
    actor.posts.some((p) => MEDIATION_ROLE_POSTS[r].includes(p.role) && covers(p, where)),
  );
}

/** Region subtrees (paths) where the actor holds an access (list queries); empty: nothing. */
export function pathsFor(actor: AccessActor, access: DisputeAccess): string[] {
  if (actor.kind !== 'staff') return [];
  const paths = actor.posts
    .filter((p) => ACCESS_ROLES[access].includes(p.role) && p.regionPath)
    .map((p) => p.regionPath as string);
  return paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
}

/** Units where the actor holds an access (a mediation organisation's unit). */
export const unitsFor = (actor: AccessActor, access: DisputeAccess): number[] =>
  actor.kind !== 'staff'
    ? []
    : [
        ...new Set(
          actor.posts
            .filter((p) => ACCESS_ROLES[access].includes(p.role) && p.unitId != null)
            .map((p) => p.unitId as number),
        ),
      ];
