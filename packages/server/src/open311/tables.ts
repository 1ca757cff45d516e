import type { ColumnType, Generated } from 'kysely';

/** A timestamp with a database default: optional on insert. */
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface Open311RequestTable {
  token: string;
  api_token_id: number | null;
  request_hash: string;
  case_id: number;
  case_number: string;
  account_id: string | null;
  media_url: string | null;
  created_at: CreatedAt;
}

export interface PortalTrackerTable {
  id: Generated<number>;
  case_id: number;
  case_number: string;
  role: 'reporter' | 'follower';
  secret_hash: string;
  created_at: CreatedAt;
}

export interface Open311Tables {
  open311_request: Open311RequestTable;
  portal_tracker: PortalTrackerTable;
}
