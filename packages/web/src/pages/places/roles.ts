import type { Me } from '../../api/types.ts';

/**
 * The console's copy of the inspections policy (identity/domain/policy.ts), only to show menus and
 * buttons to those who may use them: the server decides every request.
 */
export const INSPECTING = ['grid_worker', 'grid_head', 'inspector'];
export const READERS = [...INSPECTING, 'centre_operator', 'department_handler', 'leader', 'admin'];
const MANAGE: Record<'place' | 'campaign' | 'risk', string[]> = {
  place: ['grid_worker', 'grid_head', 'centre_operator', 'inspector', 'admin'],
  campaign: ['leader', 'centre_operator', 'inspector', 'admin'],
  risk: ['centre_operator', 'inspector', 'admin'],
};

/** May the user manage places, campaigns or risk sources somewhere? */
export function mayManage(me: Me | null, what: keyof typeof MANAGE): boolean {
  return (me?.roles ?? []).some((r) => MANAGE[what].includes(r));
}

/** Checklists are city-wide: only an administrator on the root region edits them. */
export function mayEditChecklists(me: Me | null): boolean {
  return (me?.posts ?? []).some(
    (p) => p.role === 'admin' && (p.regionPath ?? '').split('/').filter(Boolean).length === 1,
  );
}
