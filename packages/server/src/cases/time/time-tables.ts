import type { ColumnType, Generated } from 'kysely';

/** Tables of the cases-time part of the cases module (migrations 0310–0329). */

/** A timestamptz column with a default (written as Date or ISO text, or left out). */
type DefaultTs = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A `date` column: written as 'YYYY-MM-DD', read back through `to_char` (never as a JS Date). */
type DateColumn = ColumnType<unknown, string, string>;

export interface HolidayTable {
  day: DateColumn;
  kind: 'off' | 'work';
  name_zh: string;
  name_en: string;
  provisional: Generated<boolean>;
  updated_at: DefaultTs;
}

export interface CaseSupervisionTable {
  id: Generated<number>;
  city_code: string;
  case_id: number;
  kind: 'auto' | 'manual';
  step: string | null;
  reason: string;
  by_user_id: number | null;
  target_unit_id: number | null;
  reply_due_at: NullableTs;
  reply: string | null;
  replied_by: number | null;
  replied_at: NullableTs;
  created_at: DefaultTs;
}

export interface KeyCaseTable {
  case_id: number;
  city_code: string;
  district_code: string;
  region_path: string | null;
  kind: 'key' | 'backlog';
  reason: string;
  leader_user_id: number;
  marked_by: number | null;
  marked_at: DefaultTs;
  unmarked_at: NullableTs;
  version: Generated<number>;
}

export interface KeyCaseMemberTable {
  case_id: number;
  user_id: number;
  duty: Generated<string>;
}

export interface KeyCasePlanStepTable {
  case_id: number;
  seq: number;
  title: string;
  due_date: DateColumn;
  owner_user_id: number | null;
  done_at: NullableTs;
  note: Generated<string>;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  case_id: number | null;
  case_number: string | null;
  kind: string;
  title: string;
  title_key: string | null;
  subject: string | null;
  body: Generated<string>;
  created_at: DefaultTs;
  read_at: NullableTs;
}

export interface WebhookSubscriptionTable {
  id: Generated<number>;
  url: string;
  secret: string;
  events: ColumnType<string[], string[], string[]>;
  description: Generated<string>;
  /** The region whose cases' events it receives (null only for rows older than regions on webhooks: the whole city). */
  region_code: string | null;
  created_by: number | null;
  created_at: DefaultTs;
  disabled_at: NullableTs;
}

export interface WebhookOutboxTable {
  id: Generated<number>;
  subscription_id: number;
  event: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  attempts: Generated<number>;
  next_attempt_at: DefaultTs;
  last_status: number | null;
  last_error: string | null;
  delivered_at: NullableTs;
  gave_up_at: NullableTs;
  created_at: DefaultTs;
}

export interface CasesTimeTables {
  holiday: HolidayTable;
  case_supervision: CaseSupervisionTable;
  key_case: KeyCaseTable;
  key_case_member: KeyCaseMemberTable;
  key_case_plan_step: KeyCasePlanStepTable;
  notification: NotificationTable;
  webhook_subscription: WebhookSubscriptionTable;
  webhook_outbox: WebhookOutboxTable;
}
