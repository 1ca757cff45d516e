/** The facts of a case, beyond its state, that decide whether an allowed action can succeed now. */
export interface OfferFacts {
  pending_extension: unknown;
  current_unit_id: number | null;
  centre_unit_id: number | null;
  rating: string | null;
}

/**
 * The workflow's allowed actions, less those the case's facts would refuse anyway (so no button
 * is offered that can only fail): approving or refusing an extension needs one pending, asking
 * for one needs none; recall needs the case away from its coordinating centre; a rated case is
 * not rated again. The action itself still checks all of this.
 */
export function offeredActions<A extends string>(allowed: readonly A[], c: OfferFacts): A[] {
  const pending = c.pending_extension !== null && c.pending_extension !== undefined;
  return allowed.filter((a) => {
    if (a === 'approve_extension' || a === 'deny_extension') return pending;
    if (a === 'request_extension') return !pending;
    if (a === 'recall') return c.centre_unit_id !== null && c.centre_unit_id !== c.current_unit_id;
    if (a === 'rate') return c.rating === null;
    return true;
  });
}
