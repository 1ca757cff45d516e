import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Json, Timestamp } from '../db/column-types.ts';
import type { Answer, ChecklistItem } from './domain/checklist.ts';
import type { HazardState, Severity } from './domain/hazards.ts';
import type { RiskTier } from './domain/places.ts';

export interface Licence {
  kind: string;
  number: string;
  validUntil?: string | null;
}

export interface PlaceTable {
  id: Generated<number>;
  key: string;
  name: string;
  place_type: string;
  size_class: 'small' | 'medium' | 'large';
  area_m2: number | null;
  address: string | null;
  lon: number | null;
  lat: number | null;
  grid_code: string;
  region_path: string;
  district_code: string;
  safety_grid_code: string | null;
  responsible_person_id: number | null;
  licences: Json<Licence[]>;
  risk_tier: RiskTier;
  recurrences: Generated<number>;
  last_inspected_at: Timestamp | null;
  next_due_at: Timestamp;
  retired_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ChecklistTemplateTable {
  id: Generated<number>;
  place_type: string;
  version: number;
  title: string;
  items: Json<ChecklistItem[]>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface CampaignTable {
  id: Generated<number>;
  name: string;
  region_code: string;
  region_path: string;
  place_types: Json<string[]>;
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string, string, string>;
  target_coverage: number;
  target_fixed: number;
  template_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface InspectionTable {
  id: Generated<number>;
  place_id: number;
  template_id: number;
  campaign_id: number | null;
  inspector_id: number;
  inspector_name: string;
  person_met_id: number | null;
  region_path: string;
  grid_code: string;
  lon: number | null;
  lat: number | null;
  at: Timestamp;
  failed: number;
  answers: Json<Answer[]>;
  created_at: Timestamp;
}

export interface HazardTable {
  id: Generated<number>;
  place_id: number;
  inspection_id: number;
  campaign_id: number | null;
  item_code: string;
  item_text: string;
  severity: Severity;
  category: string;
  region_path: string;
  grid_code: string;
  case_id: number | null;
  case_number: string | null;
  status: HazardState;
  found_at: Timestamp;
  deadline_at: Timestamp;
  red_card_at: Timestamp | null;
  rectified_at: Timestamp | null;
  evidence: Json<Record<string, unknown>> | null;
  extensions: Generated<number>;
  closed_at: Timestamp | null;
  recurrence: Generated<boolean>;
  version: Generated<number>;
}

export interface HazardEventTable {
  id: Generated<number>;
  hazard_id: number;
  action: string;
  actor_id: number | null;
  actor_name: string | null;
  payload: Json<Record<string, unknown>>;
  at: Timestamp;
}

export interface RiskSourceTable {
  id: Generated<number>;
  name: string;
  kind: string;
  place_id: number | null;
  region_path: string;
  grid_code: string;
  lon: number;
  lat: number;
  tier: 'red' | 'orange' | 'yellow' | 'blue';
  plan: Json<{ checker: string; what: string; everyDays: number }>;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface RiskSourceTierLogTable {
  id: Generated<number>;
  risk_source_id: number;
  from_tier: string | null;
  to_tier: string;
  reason: string;
  actor_id: number | null;
  at: Timestamp;
}

/** The photos taken at a place, by hash (the place's photo lookup). */
export interface PlacePhotoTable {
  place_id: number;
  sha256: string;
}

/** A campaign's board counters per region (board-counters.ts). */
export interface CampaignBoardTable {
  campaign_id: number;
  region_path: string;
  parent_path: string;
  /** Segments of region_path: rows are kept from the street (3) down. */
  depth: number;
  due: number;
  visited: number;
  found: number;
  fixed: number;
  overdue: number;
}

export interface InspectionsTables {
  place: PlaceTable;
  checklist_template: ChecklistTemplateTable;
  campaign: CampaignTable;
  inspection: InspectionTable;
  hazard: HazardTable;
  hazard_event: HazardEventTable;
  risk_source: RiskSourceTable;
  risk_source_tier_log: RiskSourceTierLogTable;
  place_photo: PlacePhotoTable;
  campaign_board: CampaignBoardTable;
}

/** A place as read from its table (service-places and the place page share it). */
export type PlaceRow = Selectable<PlaceTable>;
