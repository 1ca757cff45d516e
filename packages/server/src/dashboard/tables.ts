import type { RollupLevel } from './domain/rollup-contribution.ts';

export interface CaseRollupDailyTable {
  city_code: string;
  level: RollupLevel;
  region_code: string;
  parent_code: string | null;
  day: string;
  kind: string;
  category_code: string;
  received: number;
  accepted: number;
  resolved: number;
  closed: number;
  closed_on_time: number;
  overdue: number;
  overdue_open: number;
  satisfied: number;
  basically_satisfied: number;
  unsatisfied: number;
  closed_minutes: number;
}

export interface DashboardTables {
  case_rollup_daily: CaseRollupDailyTable;
}
