// The inspections module's request and response schemas (TypeBox), one file per concern.

export * from './schemas-campaigns.ts';
export { IdParams } from './schemas-common.ts';
export * from './schemas-places.ts';
export * from './schemas-work.ts';
