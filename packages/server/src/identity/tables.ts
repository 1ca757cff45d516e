import type { ColumnType, Generated } from 'kysely';
import type { Role } from './actor.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | T, string | T>;

export type UnitKind = 'centre' | 'department' | 'station' | 'mediation';
export type UnitLevel = 'city' | 'district' | 'street' | 'community';

export interface UnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: UnitKind;
  department_type: string | null;
  level: UnitLevel;
  region_code: string;
  region_path: string;
  parent_id: number | null;
  phone: string | null;
  retired_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  must_change_password: Generated<boolean>;
  password_changed_at: Timestamp;
  disabled_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface UserPostTable {
  id: Generated<number>;
  user_id: number;
  role: Role;
  unit_id: number | null;
  region_code: string;
  region_path: string;
  created_at: Timestamp;
  retired_at: Timestamp | null;
}

export interface LoginThrottleTable {
  username_key: string;
  failures: number;
  locked_until: Timestamp | null;
  last_failure_at: Timestamp;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface PersonTable {
  id: Generated<number>;
  name: string | null;
  phone: string | null;
  phone_hash: string | null;
  id_number: string | null;
  address: string | null;
  region_path: string;
  created_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_user_id: number | null;
  actor_name: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  region_path: string | null;
  ip: string | null;
  reason: string | null;
  detail: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  last_id: number;
  last_hash: string;
}

export interface IdentityTables {
  unit: UnitTable;
  app_user: AppUserTable;
  user_post: UserPostTable;
  login_throttle: LoginThrottleTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  person: PersonTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}
