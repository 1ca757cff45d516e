import { casesMatrix } from './cases.ts';
import { casesTimeMatrix } from './cases-time.ts';
import { dashboardMatrix } from './dashboard.ts';
import { disputesMatrix } from './disputes.ts';
import { identityMatrix } from './identity.ts';
import { inspectionsMatrix } from './inspections.ts';
import { open311Matrix, portalMatrix } from './open311.ts';
import { platformMatrix } from './platform.ts';
import { regionsMatrix } from './regions.ts';
import { setupMatrix } from './setup.ts';
import type { MatrixEntry, MatrixModule } from './types.ts';
import { webMatrix } from './web.ts';

/**
 * Every module's scope-matrix entries. A new module's file goes here (one import, one line);
 * scope-matrix-coverage.test.ts fails until every registered route has exactly one entry.
 */
export const MATRIX_MODULES: MatrixModule[] = [
  platformMatrix,
  identityMatrix,
  regionsMatrix,
  casesMatrix,
  casesTimeMatrix,
  open311Matrix,
  portalMatrix,
  dashboardMatrix,
  disputesMatrix,
  inspectionsMatrix,
  setupMatrix,
  webMatrix,
];

export const MATRIX_ENTRIES: MatrixEntry[] = MATRIX_MODULES.flatMap((m) => m.entries);
