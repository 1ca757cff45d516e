// The cases module's public face: what other modules may import from it (the rest is
// internal; its services are on ctx.services). See CONTRIBUTING.md, "Module boundaries".

export { openAttachment, type StoredFile, storeAttachment } from './attachments/attachment-store.ts';
export { stripMetadata, UnreadablePhoto } from './attachments/strip-metadata.ts';
export { insertDemoCategories } from './categories/category-service.ts';
export { ACTION_PAYLOADS, type ActionPayload, payloadProblems } from './domain/action-payloads.ts';
export { formatCaseNumber, localYear } from './domain/case-number.ts';
export { resolveLimit, type TimeLimit, type TimeLimits } from './domain/deadlines.ts';
export {
  CASE_ACTIONS,
  CASE_STATES,
  type Capacity,
  type CaseAction,
  type CaseState,
  CLOSED_STATES,
  decide,
  isClosedState,
  stepOf,
} from './domain/state-machine.ts';
export { intakeCase } from './intake/intake-service.ts';
export {
  type CaseKindDefinition,
  type KindActionInput,
  type KindActionRule,
  type KindAfterActionInput,
  type KindCase,
  type KindDeadline,
  type KindEffect,
  type KindIntake,
  type KindIntakeInput,
  type KindSeenRow,
  kindAction,
  kindIntake,
} from './kinds/contract.ts';
export { type PreparedKindCase, prepareKindCase, writeKindCases } from './kinds/intake.ts';
export type { AttributeDef, AttributeType, CaseChannel, CaseKind, CasePriority } from './tables.ts';
export { applyCaseAction, caseForActor } from './workflow/action-service.ts';
export { checkReplay, type ReplayReport } from './workflow/replay-check.ts';
