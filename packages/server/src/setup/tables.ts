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
  live_at: Timestamp | null;
  live_by: number | null;
  updated_at: Timestamp;
}

export interface SetupTables {
  city_profile: CityProfileTable;
}
