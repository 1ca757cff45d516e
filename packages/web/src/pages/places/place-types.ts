import type { Answer, RequestBody } from '../../api/types.ts';

/** The answers and bodies the places, checklists, campaigns and risk pages use (from the OpenAPI document). */
export type PlaceList = Answer<'/api/v1/places', 'get'>;
export type Place = PlaceList['items'][number];
export type PlacePageData = Answer<'/api/v1/places/{id}', 'get'>;
export type PlaceBody = RequestBody<'/api/v1/places', 'post'>;
export type PlacePatch = RequestBody<'/api/v1/places/{id}', 'patch'>;
export type ImportResult = Answer<'/api/v1/places/import', 'post'>;

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
export const RISK_TIERS = ['high', 'medium', 'low'] as const;
export const SIZES = ['small', 'medium', 'large'] as const;

/**
 * The lists above and below are the option lists of the console's selects; their values are the
 * server's (inspections/domain): each list must hold exactly the values the API's schema allows,
 * checked by the compiler against the generated OpenAPI types (`npm run api:types`), so a type
 * added or removed on the server fails `tsc` here until the list follows.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAsApi = <T extends true>(_: T) => undefined;
export const tierColour = (tier: string) =>
  tier === 'high' ? 'red' : tier === 'medium' ? 'orange' : 'green';
export const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '');

export type ChecklistList = Answer<'/api/v1/checklists', 'get'>;
export type Checklist = ChecklistList['items'][number];
export type ChecklistBody = RequestBody<'/api/v1/checklists', 'post'>;
export type ChecklistItem = Checklist['items'][number];
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
export const HAZARD_CATEGORIES = [
  'hazard.fire',
  'hazard.gas',
  'hazard.chemicals',
  'hazard.construction',
  'hazard.special_equipment',
  'hazard.food_drug',
] as const;
sameAsApi<Same<(typeof PLACE_TYPES)[number], PlaceBody['type']>>(true);
sameAsApi<Same<(typeof RISK_TIERS)[number], NonNullable<PlaceBody['riskTier']>>>(true);
sameAsApi<Same<(typeof SIZES)[number], NonNullable<PlaceBody['sizeClass']>>>(true);
sameAsApi<Same<(typeof CHECKLIST_TYPES)[number], ChecklistBody['placeType']>>(true);
sameAsApi<Same<(typeof HAZARD_CATEGORIES)[number], ChecklistItem['category']>>(true);
/** A checklist type's name: the three small venues share one list, the other types are place types. */
export const checklistTypeKey = (type: string) => (type === 'small_venue' ? 'checklistType' : 'placeType');

export type CampaignList = Answer<'/api/v1/campaigns', 'get'>;
export type Campaign = CampaignList['items'][number];
export type CampaignBody = RequestBody<'/api/v1/campaigns', 'post'>;
export type Board = Answer<'/api/v1/campaigns/{id}/board', 'get'>;
export type BoardRow = Board['total'];
export type BoardRows = Answer<'/api/v1/campaigns/{id}/board/rows', 'get'>;
export const BOARD_FIGURES = ['due', 'visited', 'found', 'fixed', 'overdue'] as const;
export type BoardFigure = (typeof BOARD_FIGURES)[number];
/** The level a region's board rows (and map shapes) are at. */
export const CHILD_LEVEL: Record<string, string | undefined> = {
  city: 'district',
  district: 'street',
  street: 'community',
  community: 'grid',
};
export const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

export type RiskMapData = Answer<'/api/v1/risk-map', 'get'>;
export type RiskSource = RiskMapData['sources'][number];
export type RiskSourceDetail = Answer<'/api/v1/risk-sources/{id}', 'get'>;
export type RiskSourceBody = RequestBody<'/api/v1/risk-sources', 'post'>;
export const TIERS = ['red', 'orange', 'yellow', 'blue'] as const;
export const TIER_COLOURS: Record<string, string> = {
  red: 'red',
  orange: 'orange',
  yellow: 'gold',
  blue: 'blue',
};
