import type { CaseKind, CasePriority } from './tables.ts';

/**
 * Escalation goes to the direct parent level's centre. A skip (e.g. community straight to the
 * district) is allowed only for incidents and urgent cases, which cannot wait a level.
 */
export function maySkipLevel(c: { kind: CaseKind; priority: CasePriority }): boolean {
  return c.kind === 'incident' || c.priority === 'urgent';
}
