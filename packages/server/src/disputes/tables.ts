import type { ColumnType, Generated } from 'kysely';
import type { FailedMediation } from './domain/figures.ts';

/** A jsonb column: read as T, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;
type Ts = ColumnType<Date, Date | string, Date | string>;
type NullableTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DefaultTs = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint and numeric columns may come back as text from the driver: read through Number(). */
type Id = number;

export interface MediationOrgTable {
  id: Generated<Id>;
  city_code: string;
  name: string;
  type: string;
  region_code: string;
  region_path: string;
  kinds: string[];
  unit_id: number | null;
  phone: string | null;
  retired_at: NullableTs;
  created_at: DefaultTs;
  version: Generated<number>;
}
export interface MediatorTable {
  id: Generated<Id>;
  org_id: Id;
  name: string;
  user_id: number | null;
  specialties: string[];
  phone: string | null;
  retired_at: NullableTs;
  created_at: DefaultTs;
  version: Generated<number>;
}
export interface MediatorConflictTable {
  id: Generated<Id>;
  mediator_id: Id;
  phone_hash: string | null;
  org_name: string | null;
  note: string;
  declared_at: DefaultTs;
}
export interface Extension {
  days: number;
  reason: string;
  at: string;
  by: number | null;
}
export interface Declined {
  orgId: number;
  reason: string;
  at: string;
}
export interface ReferralInfo {
  to: string;
  where: string;
  note: string | null;
}
export interface DisputeTable {
  case_id: Id;
  city_code: string;
  district_code: string;
  street_code: string;
  community_code: string;
  grid_code: string;
  region_path: string;
  number: string;
  type: string;
  matter: string;
  amount: number | null;
  people_involved: number;
  is_group: boolean;
  risk_level: string;
  violence_signals: string[];
  priority: string;
  status: string;
  screened_at: Ts;
  org_id: Id | null;
  mediator_ids: number[];
  accepted_at: NullableTs;
  due_at: NullableTs;
  extensions: Json<Extension[]>;
  declined: Json<Declined[]>;
  failed_orgs: Json<FailedMediation[]>;
  outcome: 'agreement' | 'failed' | null;
  concluded_at: NullableTs;
  referral: Json<ReferralInfo | null> | null;
  closed_at: NullableTs;
  follow_up_due_at: NullableTs;
  follow_up: Json<{ at: string; note: string; satisfied: boolean } | null> | null;
  ledger_key: string | null;
  version: Generated<number>;
  updated_at: DefaultTs;
}
export interface DisputePartyTable {
  id: Generated<Id>;
  case_id: Id;
  seq: number;
  side: 'applicant' | 'respondent' | 'other';
  kind: 'person' | 'organisation';
  person_id: Id | null;
  org_name: string | null;
  portal_hash: string | null;
}
export interface MediationSessionTable {
  id: Generated<Id>;
  case_id: Id;
  seq: number;
  org_id: Id;
  at: Ts;
  place: string | null;
  online_link: string | null;
  mediator_ids: number[];
  attended: ColumnType<number[], number[] | undefined, number[]>;
  record: string | null;
  recorded_at: NullableTs;
  confirmations: Json<Record<string, string>>;
}
export interface JudicialInfo {
  appliedAt: string;
  court: string;
  answer: 'granted' | 'refused' | null;
  answeredAt: string | null;
  note: string | null;
}
export interface DisputeAgreementTable {
  case_id: Id;
  facts: string;
  terms: string;
  performance: string;
  perform_by: ColumnType<string | Date, string, string>;
  drafted_at: Ts;
  confirmations: Json<Record<string, string>>;
  effective_at: NullableTs;
  performed: Json<{ status: string; note: string | null; at: string } | null> | null;
  judicial: Json<JudicialInfo | null> | null;
  version: Generated<number>;
}
export interface DisputeEvidenceTable {
  id: Generated<Id>;
  case_id: Id;
  party_id: Id;
  filename: string;
  content_type: string;
  bytes: Uint8Array;
  note: string | null;
  uploaded_at: Ts;
}
export interface ScreeningReportTable {
  grid_code: string;
  period: string;
  region_path: string;
  street_code: string;
  found: number;
  note: string | null;
  reported_by: number | null;
  reported_at: Ts;
}
export interface StreetScreeningReportTable {
  street_code: string;
  month: string;
  region_path: string;
  summary: string;
  disputes: number;
  filed_by: number | null;
  filed_at: Ts;
}
type Count = ColumnType<number, number | undefined, number>;
export interface DisputeFigureRollupTable {
  city_code: string;
  level: 'city' | 'district' | 'street';
  region_code: string;
  parent_code: string | null;
  month: string;
  type: string;
  org_id: Id;
  screened: Count;
  resolved: Count;
  mediated: Count;
  succeeded: Count;
  on_time: Count;
  days_sum: Count;
}
export interface DisputeMediatorRollupTable {
  month: string;
  district_code: string;
  mediator_id: Id;
  mediated: Count;
  succeeded: Count;
  on_time: Count;
  days_sum: Count;
}

export interface DisputesTables {
  mediation_org: MediationOrgTable;
  mediator: MediatorTable;
  mediator_conflict: MediatorConflictTable;
  dispute: DisputeTable;
  dispute_party: DisputePartyTable;
  mediation_session: MediationSessionTable;
  dispute_agreement: DisputeAgreementTable;
  dispute_evidence: DisputeEvidenceTable;
  screening_report: ScreeningReportTable;
  street_screening_report: StreetScreeningReportTable;
  dispute_figure_rollup: DisputeFigureRollupTable;
  dispute_mediator_rollup: DisputeMediatorRollupTable;
}
