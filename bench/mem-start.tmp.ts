import { execSync } from 'node:child_process';
import { freePort, startServer, stopServer } from './server-process.ts';
const port = freePort();
const server = await startServer({ DATABASE_URL: process.env.DATABASE_URL as string }, port);
await new Promise((r) => setTimeout(r, 2000));
console.log(execSync(`pmap -x ${server.pid} | sort -k3 -n -r | head -25`).toString());
console.log(execSync(`grep -E 'Rss|Anon|File|Shmem' /proc/${server.pid}/smaps_rollup`).toString());
await stopServer(server);
