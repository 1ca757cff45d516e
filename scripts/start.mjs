// `npm start`: serve the platform (embedded PGlite under .data/ unless DATABASE_URL is set) and,
// when the web console is missing or older than its sources, build it alongside: the server
// serves the console once the build lands (on a first start, while it seeds the demo city).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const web = 'packages/web';
let build = null;
if (existsSync(join(web, 'package.json'))) {
  const built = join(web, 'dist/index.html');
  if (!existsSync(built) || statSync(built).mtimeMs < newest(join(web, 'src'))) {
    console.log('building the web console (first start or sources changed)…');
    build = spawn('npm', ['run', 'build', '-w', '@civicgrid/web'], { stdio: 'inherit' });
  }
}
// V8's old space for the server (MB). Left to itself on a big machine (a limit of several GB), V8
// lets garbage pile up to hundreds of MB before it collects: a 150,000-row ledger export peaked at
// 480 MiB. With any explicit limit from 256 to 1,024 MB it collects sooner: 293–316 MiB, and faster
// (7.4 s against 10.8). The server keeps ≈ 80 MB after a full GC on a 1 M-dispute city, so 1,024
// leaves wide room; CIVICGRID_HEAP_MB changes it (docs/scaling.md, "Memory").
const HEAP_MB = Number(process.env.CIVICGRID_HEAP_MB ?? 1024);
// node itself (with tsx's loader), so a signal sent to `npm start` reaches the server
const server = spawn(
  process.execPath,
  [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', 'packages/server/src/main.ts'],
  {
    stdio: 'inherit',
  },
);
build?.on('exit', (code) => {
  if (code === 0) console.log('web console built');
  else {
    console.error(`the web console's build failed (exit ${code}); stopping`);
    server.kill('SIGTERM');
  }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => {
  build?.kill('SIGTERM');
  process.exit(code ?? 0);
});
