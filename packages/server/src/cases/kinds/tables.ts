import type { ColumnType } from 'kysely';

type Ts = ColumnType<Date, Date | string, Date | string>;
type NullableTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface CaseKindDeadlineTable {
  city_code: string;
  case_id: number;
  kind: string;
  name: string;
  started_at: Ts;
  warn_at: Ts;
  due_at: Ts;
  stopped_at: NullableTs;
}

export interface CaseKindFigureTable {
  city_code: string;
  action_id: number;
  figure: string;
  case_id: number;
  kind: string;
  region_path: string | null;
  reported_at: Ts;
  at: Ts;
  /** numeric: read as text by the drivers; sum with ::float8 */
  value: ColumnType<string, number | string, number | string>;
}

export interface CaseKindsTables {
  case_kind_deadline: CaseKindDeadlineTable;
  case_kind_figure: CaseKindFigureTable;
}
