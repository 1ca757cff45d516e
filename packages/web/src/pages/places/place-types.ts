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
export const tierColour = (tier: string) =>
  tier === 'high' ? 'red' : tier === 'medium' ? 'orange' : 'green';
export const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '');
