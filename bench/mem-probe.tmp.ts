import { readFileSync } from 'node:fs';
import { freePort, login, startServer, stopServer } from './server-process.ts';
const url = process.env.DATABASE_URL as string;
const env: Record<string, string> = url ? { DATABASE_URL: url } : { DATABASE_URL: '', DATA_DIR: process.env.PROBE_DIR as string };
const port = freePort();
const server = await startServer(env, port);
const st = () => {
  const s = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const g = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0) / 1024;
  return `rss ${g('VmRSS').toFixed(0)} hwm ${g('VmHWM').toFixed(0)}`;
};
const base = `http://127.0.0.1:${port}`;
console.log('started', st());
const headers = await login(base, 'admin');
await new Promise((r) => setTimeout(r, 3000));
console.log('idle', st());
const t0 = performance.now();
const res = await fetch(`${base}/api/v1/disputes-ledger?limit=${process.env.ROWS ?? 150000}`, { headers });
let bytes = 0;
let n = 0;
for await (const c of res.body as unknown as AsyncIterable<Uint8Array>) {
  bytes += c.byteLength;
  if (++n % 300 === 0) console.log('during', (bytes / 1e6).toFixed(1), 'MB', st());
}
console.log('done', ((performance.now() - t0) / 1000).toFixed(1), 's', (bytes / 1e6).toFixed(1), 'MB', st());
await stopServer(server);
