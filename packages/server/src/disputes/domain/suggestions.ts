/**
 * Mediator suggestions for a dispute, pure: organisations whose area covers the dispute and that
 * take its type; their mediators ranked by specialty in the type, the closest area (the deepest
 * organisation first) and the lightest caseload. A mediator with a declared conflict with a party
 * is listed last and marked, never suggested as assignable.
 */
export interface OrgFacts {
  id: number;
  name: string;
  type: string;
  regionPath: string;
  kinds: string[];
}
export interface MediatorFacts {
  id: number;
  orgId: number;
  name: string;
  specialties: string[];
  caseload: number;
  conflicted: boolean;
}
export interface Suggestion extends MediatorFacts {
  orgName: string;
  orgType: string;
  specialist: boolean;
  assignable: boolean;
}

export function rankMediators(
  dispute: { type: string; regionPath: string },
  orgs: OrgFacts[],
  mediators: MediatorFacts[],
): Suggestion[] {
  const fit = new Map(
    orgs
      .filter(
        (o) =>
          dispute.regionPath.startsWith(o.regionPath) &&
          (o.kinds.length === 0 || o.kinds.includes(dispute.type)),
      )
      .map((o) => [o.id, o]),
  );
  const depth = (o: OrgFacts) => o.regionPath.split('/').length;
  return mediators
    .filter((m) => fit.has(m.orgId))
    .map((m) => {
      const o = fit.get(m.orgId) as OrgFacts;
      return {
        ...m,
        orgName: o.name,
        orgType: o.type,
        specialist: m.specialties.includes(dispute.type),
        assignable: !m.conflicted,
        depth: depth(o),
      };
    })
    .sort(
      (a, b) =>
        Number(a.conflicted) - Number(b.conflicted) ||
        Number(b.specialist) - Number(a.specialist) ||
        b.depth - a.depth ||
        a.caseload - b.caseload ||
        a.id - b.id,
    )
    .map(({ depth: _d, ...s }) => s);
}
