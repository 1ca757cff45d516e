import { freePort, login, startServer, stopServer } from './server-process.ts';
const port = freePort();
const server = await startServer({ DATABASE_URL: process.env.DATABASE_URL as string, LOG_LEVEL: 'info' }, port);
const base = `http://127.0.0.1:${port}`;
const headers = await login(base, 'admin');
for (const path of ['/api/v1/campaigns/3/board', '/api/v1/campaigns/3', '/api/v1/auth/me']) {
  const t: number[] = [];
  for (let i = 0; i < 15; i++) { const s = performance.now(); const r = await fetch(base + path, { headers }); await r.text(); t.push(performance.now() - s); }
  t.sort((a, b) => a - b);
  console.log(path, t.map((x) => x.toFixed(0)).join(' '));
}
await stopServer(server);
