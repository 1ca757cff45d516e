import type { Answer } from '../../api/types.ts';

/** The disputes API's answers the pages read (from the OpenAPI document). */
export type DisputeList = Answer<'/api/v1/disputes', 'get'>;
export type DisputeSummary = DisputeList['items'][number];
export type DisputeDetail = Answer<'/api/v1/disputes/{id}', 'get'>;
export type DisputeParty = DisputeDetail['parties'][number];
export type DisputeSession = DisputeDetail['sessions'][number];
export type MediationAction = DisputeDetail['allowedActions'][number];
export type Orgs = Answer<'/api/v1/mediation-orgs', 'get'>;
export type Suggestions = Answer<'/api/v1/disputes/{id}/mediator-suggestions', 'get'>;
export type ScreeningBoard = Answer<'/api/v1/screening/board', 'get'>;
export type StreetBoard = Answer<'/api/v1/screening/street-board', 'get'>;
export type PartyView = Answer<'/api/v1/portal/mediation/{token}', 'get'>;
export type Org = Orgs['items'][number];
export type Mediators = Answer<'/api/v1/mediation-orgs/{id}/mediators', 'get'>;
export type Figures = Answer<'/api/v1/disputes-figures', 'get'>;
export type FigureItem = Figures['items'][number];
export const ORG_TYPES = [
  'people_community',
  'people_street',
  'people_district',
  'administrative',
  'court',
  'industry',
  'social',
] as const;

export const DISPUTE_TYPES = [
  'family',
  'neighbour',
  'property_management',
  'labour',
  'land',
  'medical',
  'contract',
  'demolition',
  'consumer',
  'traffic',
] as const;
export const MEDIATION_STATES = [
  'screened',
  'assigned',
  'mediating',
  'agreed',
  'referred',
  'closed',
] as const;
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export const SIGNALS = ['threats', 'weapons', 'repeated_conflict', 'extreme_emotion'] as const;
export const STATE_COLOURS: Record<string, string> = {
  screened: 'default',
  assigned: 'blue',
  mediating: 'processing',
  agreed: 'green',
  referred: 'orange',
  closed: 'default',
};
/** China Standard Time month, YYYY-MM. */
export const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
