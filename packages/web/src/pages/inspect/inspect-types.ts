import type { Answer } from '../../api/types.ts';

/** The answers the inspection pages read (from the server's OpenAPI document). */
export type PlaceList = Answer<'/api/v1/places', 'get'>;
export type Place = PlaceList['items'][number];
