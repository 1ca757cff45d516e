import autocannon from 'autocannon';
import { login } from './server-process.ts';

const base = 'http://127.0.0.1:3777';
const headers = { ...(await login(base, 'gridworker')), 'content-type': 'application/json' };
let i = 0;
const pts = [
  [117.2, 39.12],
  [117.25, 39.1],
  [117.15, 39.13],
  [117.3, 39.05],
  [117.18, 39.2],
];
const r = await autocannon({
  url: base,
  connections: 32,
  duration: 10,
  requests: [
    {
      method: 'POST',
      path: '/api/v1/cases',
      setupRequest(req: any) {
        const n = i++;
        const p = pts[n % 5]!;
        return {
          ...req,
          headers: { ...headers, 'idempotency-key': `x-${Date.now()}-${n}` },
          body: JSON.stringify({
            kind: 'request',
            category: 'request.street_light',
            description: `路灯不亮 #${n}`,
            location: { lon: p[0], lat: p[1] },
            reporter: { name: '王五', phone: `139${String(n).padStart(8, '0')}` },
            channel: 'field',
          }),
        };
      },
    },
  ],
});
console.log(r['2xx'], r.non2xx, r.latency.p50, r.latency.p99);
