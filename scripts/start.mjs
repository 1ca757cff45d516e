// `npm start`: build the web console if it is missing or older than its sources, then serve
// the platform (embedded PGlite under .data/ unless DATABASE_URL is set).
import { spawnSync } from 'node:child_process';
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
if (existsSync(join(web, 'package.json'))) {
  const built = join(web, 'dist/index.html');
  if (!existsSync(built) || statSync(built).mtimeMs < newest(join(web, 'src'))) {
    console.log('building the web console (first start or sources changed)…');
    const r = spawnSync('npm', ['run', 'build', '-w', '@civicgrid/web'], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
const r = spawnSync('npx', ['tsx', 'packages/server/src/main.ts'], { stdio: 'inherit' });
process.exit(r.status ?? 0);
