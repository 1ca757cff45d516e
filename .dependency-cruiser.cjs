// The module boundaries, checked by `npm run check:boundaries` (a step of `npm test`).
// How to fix a violation: CONTRIBUTING.md, "Module boundaries".
const SRC = '^packages/server/src/';
const SHARED = `${SRC}(lib|http|db)/`; // infrastructure with no domain in it: any module may use it

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-import-circle',
      severity: 'error',
      comment:
        'Files import each other in a circle (type-only imports count). Move what both need ' +
        '(usually types) into a small file below both, e.g. <area>-types.ts, and import it from each. ' +
        "A module.ts imports `Module` from '../context.ts', not from '../modules.ts'.",
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-reach-into-another-module',
      severity: 'error',
      comment:
        "A module uses another only through its service on ctx.services or its public index.ts. Export what you need from packages/server/src/<other>/index.ts and import '../<other>/index.ts'.",
      from: { path: `${SRC}([^/]+)/`, pathNot: [SHARED] },
      to: {
        path: `${SRC}[^/]+/`,
        pathNot: [`${SRC}$1/`, `${SRC}[^/]+/index\\.ts$`, SHARED],
      },
    },
    {
      name: 'infrastructure-below-modules',
      severity: 'error',
      comment:
        "src/lib, src/http and src/db hold no domain and import no module (only db/schema.ts joins the modules' tables.ts). Move the code into the module, or pass what it needs in.",
      from: { path: SHARED, pathNot: [`${SRC}db/schema\\.ts$`] },
      to: { path: `${SRC}[^/]+/`, pathNot: [SHARED] },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '(^|/)dist/'] },
    tsConfig: { fileName: 'tsconfig.base.json' },
  },
};
