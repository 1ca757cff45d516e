import type { ColumnType, Generated } from 'kysely';
import type { Json } from '../db/column-types.ts';
import type { TimeLimits } from './domain/deadlines.ts';

export type { LevelLimits, TimeLimit, TimeLimits } from './domain/deadlines.ts';

export type CaseKind = 'request' | 'dispute' | 'hazard' | 'incident' | 'tip';
export type CaseLevel = 'grid' | 'community' | 'street' | 'district' | 'city';
export type CaseChannel = 'field' | 'phone' | 'walk_in' | 'portal' | 'open311' | 'transfer' | 'import';
export type CasePriority = 'low' | 'normal' | 'high' | 'urgent';
export type CaseRating = 'satisfied' | 'basically_satisfied' | 'unsatisfied';
/** A timestamp column: read as Date, written as Date or ISO text; DefaultTs has a database default. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTs = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface AttributeOption {
  value: string;
  label_zh: string;
  label_en: string;
}
export type AttributeType = 'text' | 'number' | 'date' | 'single' | 'multiple';
export interface AttributeDef {
  code: string;
  label_zh: string;
  label_en: string;
  type: AttributeType;
  required: boolean;
  options?: AttributeOption[];
}
export interface CaseCategoryTable {
  code: string;
  kind: CaseKind;
  parent_code: string | null;
  name_zh: string;
  name_en: string;
  responsible_unit_type: Generated<string>;
  time_limits: Json<TimeLimits>;
  duplicate_radius_m: Generated<number>;
  duplicate_window_hours: Generated<number>;
  attributes: Json<AttributeDef[]>;
  open_to_residents: Generated<boolean>;
  sort_order: Generated<number>;
  retired_at: NullableTs;
  updated_at: DefaultTs;
}

export interface CasesTable {
  id: Generated<number>;
  city_code: string;
  district_code: string;
  street_code: string | null;
  community_code: string | null;
  grid_code: string | null;
  region_path: string | null;
  number: string;
  kind: CaseKind;
  category_code: string;
  attributes: Json<Record<string, unknown>>;
  title: string;
  description: Generated<string>;
  lon: number | null;
  lat: number | null;
  address: string | null;
  channel: CaseChannel;
  priority: Generated<CasePriority>;
  status: string;
  level: CaseLevel;
  current_unit_id: number | null;
  handler_user_id: number | null;
  reporter_person_id: number | null;
  reporter_user_id: number | null;
  anonymous: Generated<boolean>;
  is_key: Generated<boolean>;
  card: Generated<'none' | 'yellow' | 'red'>;
  step: string | null;
  step_started_at: NullableTs;
  warn_at: NullableTs;
  due_at: NullableTs;
  suspended_at: NullableTs;
  duplicate_of: number | null;
  merged_into: number | null;
  rating: CaseRating | null;
  rating_comment: string | null;
  /** Every rating given, over all the case's cycles (rating is the current cycle's only). */
  ratings_satisfied: Generated<number>;
  ratings_basically_satisfied: Generated<number>;
  ratings_unsatisfied: Generated<number>;
  reported_at: DefaultTs;
  accepted_at: NullableTs;
  resolved_at: NullableTs;
  closed_at: NullableTs;
  updated_at: DefaultTs;
  version: Generated<number>;
  centre_unit_id: number | null;
  handler_unit_id: number | null;
  status_before_suspend: string | null;
  pending_extension: Json<PendingExtension | null> | null;
  step_shift_ms: Generated<number>;
}

export interface PendingExtension {
  hours: number;
  reason: string;
  requestedBy: number | null;
  requestedAt: string;
}

export interface CaseNumberTable {
  number: string;
  case_id: number;
  district_code: string;
  reported_at: Timestamp;
}
export interface CaseNumberSeqTable {
  district_code: string;
  year: number;
  last_value: number;
}
export interface CaseIdempotencyTable {
  key: string;
  request_hash: string;
  case_id: number;
  created_at: DefaultTs;
}
export interface CaseActionTable {
  id: Generated<number>;
  city_code: string;
  district_code: string;
  case_id: number;
  seq: number;
  action: string;
  actor_user_id: number | null;
  actor_unit_id: number | null;
  actor_role: string | null;
  from_status: string | null;
  to_status: string;
  payload: Json<Record<string, unknown>>;
  client_id: string | null;
  at: DefaultTs;
}
export interface CaseActionClientTable {
  case_id: number;
  client_id: string;
  action_id: number;
}
export interface CaseSummonsTable {
  id: Generated<number>;
  city_code: string;
  case_id: number;
  unit_id: number;
  summoned_by_unit_id: number;
  summoned_at: DefaultTs;
  report_in_due_at: Timestamp;
  reported_in_at: NullableTs;
  done_at: NullableTs;
  done_note: string | null;
  rating: number | null;
  rating_comment: string | null;
  rated_at: NullableTs;
}
export interface CaseCopyTable {
  id: Generated<number>;
  city_code: string;
  case_id: number;
  unit_id: number;
  by_unit_id: number | null;
  note: Generated<string>;
  at: DefaultTs;
}
export interface CaseLinkTable {
  city_code: string;
  case_id: number;
  linked_case_id: number;
  kind: 'duplicate' | 'repeat' | 'related' | 'merged';
  detail: Json<Record<string, unknown>>;
  created_by: number | null;
  created_at: DefaultTs;
}
export interface CaseAttachmentTable {
  id: Generated<number>;
  city_code: string;
  case_id: number;
  sha256: string;
  media_type: string;
  size_bytes: number;
  file_name: string | null;
  uploaded_by: number | null;
  at: DefaultTs;
}

/** Routing as data (migration 0333, cases/routing.ts): category × unit level. */
export interface CaseRoutingRuleTable {
  category_code: string;
  level: 'city' | 'district' | 'street' | 'community';
  unit_type: string;
  fallback_unit_type: Generated<string>;
  skip_escalation: 'never' | 'urgent' | 'always';
  updated_at: DefaultTs;
  updated_by: number | null;
}

export interface CasesTables {
  case_category: CaseCategoryTable;
  case_routing_rule: CaseRoutingRuleTable;
  cases: CasesTable;
  case_number: CaseNumberTable;
  case_number_seq: CaseNumberSeqTable;
  case_idempotency: CaseIdempotencyTable;
  case_action: CaseActionTable;
  case_action_client: CaseActionClientTable;
  case_summons: CaseSummonsTable;
  case_copy: CaseCopyTable;
  case_link: CaseLinkTable;
  case_attachment: CaseAttachmentTable;
}
