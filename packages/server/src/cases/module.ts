import type { Module } from '../context.ts';
import { rewritePathPrefix } from '../regions/index.ts';
import { applyCaseAction } from './action-service.ts';
import { attachmentRoutes } from './attachment-routes.ts';
import { openAttachment, storeAttachment } from './attachment-store.ts';
import { importCalendarYear } from './calendar-import.ts';
import { caseDetail } from './case-detail.ts';
import { CaseEventBus } from './case-events.ts';
import { recordCaseAction } from './case-history.ts';
import { inbox, searchCases } from './case-lists.ts';
import { caseRoutes } from './case-routes.ts';
import { categoryRoutes } from './category-routes.ts';
import { getCategory, listCategories, seedCategories } from './category-service.ts';
import { exportCategorySheet, importCategorySheet } from './category-sheet.ts';
import { eventRoutes } from './event-routes.ts';
import { forgetPlaces } from './intake-lookups.ts';
import { intakeCase } from './intake-service.ts';
import { CaseKindRegistry } from './kinds/registry.ts';

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
    // Cases and key cases stay in the scope of the region they now lie in (the audit log keeps its paths).
    ctx.services.regions.onMove(async (trx, move) => {
      await rewritePathPrefix(trx, 'cases', 'region_path', move);
      await rewritePathPrefix(trx, 'key_case', 'region_path', move);
      forgetPlaces(ctx);
    });
  },
  async routes(app, ctx) {
    await categoryRoutes(app, ctx);
    await eventRoutes(app, ctx);
    await caseRoutes(app, ctx);
    await attachmentRoutes(app, ctx);
  },
  seedDemo: seedCategories,
};
