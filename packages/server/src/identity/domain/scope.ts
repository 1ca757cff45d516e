import type { Actor, Post, Role } from '../actor.ts';

export interface ActorUser {
  id: number;
  username: string;
  displayName: string;
}

const GRID_ROLES: readonly Role[] = ['grid_worker', 'grid_head'];

/** A grid's code is its community's 12-digit code plus a sequence; above grids codes have 12 digits. */
export function isGridCode(code: string): boolean {
  return code.length > 12;
}

/** Region paths with every path already inside another one removed (sorted, shortest first). */
export function outermostPaths(paths: Iterable<string>): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length || a.localeCompare(b));
  const kept: string[] = [];
  for (const p of sorted) if (!kept.some((k) => p.startsWith(k))) kept.push(p);
  return kept;
}

/** The actor a staff user is, from their active posts. */
export function staffActor(user: ActorUser, posts: Omit<Post, 'gridCodes'>[], via: Actor['via']): Actor {
  const full: Post[] = posts.map((p) => ({
    ...p,
    gridCodes: GRID_ROLES.includes(p.role) && p.regionCode && isGridCode(p.regionCode) ? [p.regionCode] : [],
  }));
  return {
    kind: 'staff',
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    posts: full,
    roles: [...new Set(full.map((p) => p.role))],
    regionPaths: outermostPaths(full.flatMap((p) => (p.regionPath ? [p.regionPath] : []))),
    unitIds: [...new Set(full.flatMap((p) => (p.unitId === null ? [] : [p.unitId])))],
    via,
  };
}

/** A path with a single segment ('120000000000/') is a whole city: the root of the tree. */
export function isRootPath(path: string): boolean {
  return path.split('/').filter(Boolean).length === 1;
}
