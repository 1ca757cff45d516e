/**
 * The real server (src/main.ts) in a process of its own for the HTTP benches, as it runs in
 * production: the load generator does not share its event loop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../packages/server/src/identity/seed.ts';

const ROOT = join(import.meta.dirname, '..');

/**
 * Start the server (or another script serving /healthz) on `port` with extra environment
 * (DATABASE_URL or DATA_DIR); resolves once /healthz answers.
 */
export async function startServer(
  env: Record<string, string>,
  port: number,
  script = 'packages/server/src/main.ts',
): Promise<ChildProcess> {
  // BENCH_NODE_ARGS: extra flags for the server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // the server as `npm start` runs it (scripts/start.mjs: the same V8 old-space limit)
  const heap = `--max-old-space-size=${process.env.CIVICGRID_HEAP_MB ?? 1024}`;
  const child = spawn(process.execPath, [heap, ...extra, '--import', 'tsx', script], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DEMO: '0',
      LOG_LEVEL: 'error',
      DB_POOL_MAX: '20',
      ...env,
    },
    // the table the bench prints is the result; BENCH_SERVER_LOG=1 shows the server's own log too
    stdio: process.env.BENCH_SERVER_LOG ? 'inherit' : 'ignore',
  });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error('the server did not start');
}

/** Stop the server and wait until it has let go of its database. */
export function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Log a demo user in; returns the headers of their session (cookie and CSRF token). */
export async function login(base: string, username: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': body.csrfToken };
}

/** VmHWM of a process: its peak resident memory, in MiB. */
export const peakRssMiB = (pid: number) =>
  Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

export const freePort = () => 3900 + Math.floor(Math.random() * 500);
