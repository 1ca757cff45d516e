import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CityProfileTable {
  id: ColumnType<number, number | undefined, number>;
  code: string;
  name: string;
  centre_lon: number | null;
  centre_lat: number | null;
  zoom: number | null;
  portal_title: string | null;
  portal_intro: string | null;
  /** BaseMap as JSON (0702), or null. */
  base_map: ColumnType<unknown, string | null | undefined, string | null>;
  live_at: Timestamp | null;
  live_by: number | null;
  updated_at: Timestamp;
}

/** An import's one-time passwords, sealed with the server secret until taken or expired (password-sheets.ts). */
export interface SetupPasswordSheetTable {
  id: string;
  owner_user_id: number;
  users: number;
  sealed: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  taken_at: Timestamp | null;
}

export interface SetupTables {
  city_profile: CityProfileTable;
  setup_password_sheet: SetupPasswordSheetTable;
}
