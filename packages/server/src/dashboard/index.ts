// The dashboard module's public face: what other modules may import from it (the rest is
// internal). See CONTRIBUTING.md, "Module boundaries".

export { ROLLUP_CASE_COLUMNS, type RollupCase } from './domain/rollup-contribution.ts';
export { applyCaseDelta, applyCaseDeltas, moveRollupParent, rebuildRollups } from './rollups.ts';
