import type { Module } from '../context.ts';
import { rewritePathPrefix } from '../regions/index.ts';
import { attachmentRoutes } from './attachments/attachment-routes.ts';
import { openAttachment, storeAttachment } from './attachments/attachment-store.ts';
import { categoryRoutes } from './categories/category-routes.ts';
import { getCategory, listCategories, seedCategories } from './categories/category-service.ts';
import { exportCategorySheet, importCategorySheet } from './categories/category-sheet.ts';
import { routingRuleRoutes } from './categories/routing-rules-routes.ts';
import { forgetPlaces } from './intake/intake-lookups.ts';
import { intakeCase } from './intake/intake-service.ts';
import { CaseKindRegistry } from './kinds/registry.ts';
import { CaseEventBus } from './notifications/case-events.ts';
import { eventRoutes } from './notifications/event-routes.ts';
import { caseDetail } from './read/case-detail.ts';
import { inbox, searchCases } from './read/case-lists.ts';
import { caseRoutes } from './read/case-routes.ts';
import { moveCasesWithRegion } from './region-move.ts';
import { importCalendarYear } from './time/calendar-import.ts';
import { applyCaseAction } from './workflow/action-service.ts';
import { recordCaseAction } from './workflow/case-history.ts';

/** What other modules call (`ctx.services.cases`); every function takes the acting Actor. */
export interface CasesService {
  intake: typeof intakeCase;
  act: typeof applyCaseAction;
  detail: typeof caseDetail;
  search: typeof searchCases;
  inbox: typeof inbox;
  categories: typeof listCategories;
  category: typeof getCategory;
  /** Record a system action (no state change) on a case inside the caller's transaction. */
  recordAction: typeof recordCaseAction;
  /** The taxonomy as an Excel workbook, and back (city administrators; all rows checked first). */
  exportCategorySheet: typeof exportCategorySheet;
  importCategorySheet: typeof importCategorySheet;
  /** A year's public holidays and make-up working days from a sheet. */
  importCalendarYear: typeof importCalendarYear;
  /** The content-addressed attachments store (photos of other modules' records live there too). */
  attachments: { store: typeof storeAttachment; open: typeof openAttachment };
}

declare module '../context.ts' {
  interface Services {
    cases: CasesService;
    /** Committed case events, for the SSE stream, notifications and dashboards. */
    caseEvents: CaseEventBus;
    /** The kinds registered on the engine (disputes, inspections, …): see cases/kinds/contract.ts. */
    caseKinds: CaseKindRegistry;
  }
}

/**
 * The case workflow: categories, intake, the state-machine actions with their history, summons,
 * work lists and search, attachments and the live event stream.
 */
export const casesModule: Module = {
  name: 'cases',
  start(ctx) {
    ctx.services.caseEvents ??= new CaseEventBus();
    ctx.services.caseKinds ??= new CaseKindRegistry();
    ctx.services.cases = {
      intake: intakeCase,
      act: applyCaseAction,
      detail: caseDetail,
      search: searchCases,
      inbox,
      categories: listCategories,
      category: getCategory,
      recordAction: recordCaseAction,
      exportCategorySheet,
      importCategorySheet,
      importCalendarYear,
      attachments: { store: storeAttachment, open: openAttachment },
    };
    // Cases and key cases stay in the scope of the region they now lie in (the audit log keeps its
    // paths); cases take their new ancestor codes and move their figures through the rollup delta.
    ctx.services.regions.onMove(async (trx, move) => {
      await moveCasesWithRegion(trx, move);
      await rewritePathPrefix(trx, 'key_case', 'region_path', move);
      forgetPlaces(ctx);
    });
  },
  async routes(app, ctx) {
    await categoryRoutes(app, ctx);
    await routingRuleRoutes(app, ctx);
    await eventRoutes(app, ctx);
    await caseRoutes(app, ctx);
    await attachmentRoutes(app, ctx);
  },
  seedDemo: seedCategories,
};
