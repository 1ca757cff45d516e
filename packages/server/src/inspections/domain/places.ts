/**
 * Places under supervision: their types, risk tiers and inspection schedule. Pure: no I/O, no clock.
 */

export const PLACE_TYPES = [
  'shop',
  'restaurant',
  'workshop',
  'rental',
  'school',
  'hospital',
  'enterprise',
  'construction_site',
  'market',
  'hotel',
  'venue',
] as const;
export type PlaceType = (typeof PLACE_TYPES)[number];
export const isPlaceType = (v: string): v is PlaceType => (PLACE_TYPES as readonly string[]).includes(v);

/** The three small venues (三小场所) share one checklist; every other type has its own. */
export const CHECKLIST_TYPES = [
  'small_venue',
  'rental',
  'school',
  'hospital',
  'enterprise',
  'construction_site',
  'market',
  'hotel',
  'venue',
] as const;
export type ChecklistType = (typeof CHECKLIST_TYPES)[number];
export const isChecklistType = (v: string): v is ChecklistType =>
  (CHECKLIST_TYPES as readonly string[]).includes(v);

export function checklistTypeOf(type: PlaceType): ChecklistType {
  return type === 'shop' || type === 'restaurant' || type === 'workshop' ? 'small_venue' : type;
}

/** The case category attribute `place_type` a hazard case of this place carries. */
export function caseAttributeOf(type: PlaceType): string {
  return type === 'shop' ||
    type === 'restaurant' ||
    type === 'workshop' ||
    type === 'rental' ||
    type === 'construction_site'
    ? type
    : 'enterprise';
}

export const RISK_TIERS = ['high', 'medium', 'low'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

/** Days between routine inspections by risk tier: high monthly, medium quarterly, low yearly. */
export const INSPECTION_INTERVAL_DAYS: Record<RiskTier, number> = { high: 30, medium: 90, low: 365 };

const DAY = 86_400_000;

/** When a place is next due: its last visit (or registration) plus its tier's interval. */
export function nextDue(tier: RiskTier, lastVisitOrRegistered: Date): Date {
  return new Date(lastVisitOrRegistered.getTime() + INSPECTION_INTERVAL_DAYS[tier] * DAY);
}

/** The visits a place's tier schedules from a date over a horizon (the place page shows the year). */
export function schedule(tier: RiskTier, from: Date, horizonDays = 365): Date[] {
  const out: Date[] = [];
  for (let d = nextDue(tier, from); d.getTime() <= from.getTime() + horizonDays * DAY; d = nextDue(tier, d))
    out.push(d);
  return out;
}

/** A hazard that returns (回潮) raises the place's risk one tier (high stays high). */
export function raisedTier(tier: RiskTier): RiskTier {
  return tier === 'low' ? 'medium' : 'high';
}
