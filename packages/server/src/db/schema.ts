import type { CaseKindsTables } from '../cases/kinds/tables.ts';
import type { CasesTables } from '../cases/tables.ts';
import type { CasesTimeTables } from '../cases/time/time-tables.ts';
import type { DashboardTables } from '../dashboard/tables.ts';
import type { DisputesTables } from '../disputes/tables.ts';
import type { IdentityTables } from '../identity/tables.ts';
import type { InspectionsTables } from '../inspections/tables.ts';
import type { Open311Tables } from '../open311/tables.ts';
import type { RegionsTables } from '../regions/tables.ts';
import type { SetupTables } from '../setup/tables.ts';
import type { CoreTables } from './core-tables.ts';

/**
 * The whole database as Kysely sees it: each module declares its own tables in
 * `<module>/tables.ts` and they are joined here.
 */
export type DB = CoreTables &
  RegionsTables &
  IdentityTables &
  CasesTables &
  CaseKindsTables &
  CasesTimeTables &
  DashboardTables &
  DisputesTables &
  Open311Tables &
  InspectionsTables &
  SetupTables;
