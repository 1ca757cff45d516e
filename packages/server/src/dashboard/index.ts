// The dashboard module's public face: what other modules may import from it (the rest is
// internal). See CONTRIBUTING.md, "Module boundaries".
export { applyCaseDelta, applyCaseDeltas, rebuildRollups } from './rollups.ts';
