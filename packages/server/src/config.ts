import { join } from 'node:path';
import { DEMO_SECRET } from './setup/domain/production.ts';

export interface Config {
  port: number;
  host: string;
  /** postgres:// URL; absent means the embedded PGlite under dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** Seed the Tianjin demo city and demo users into an empty database. */
  demo: boolean;
  /** Secret for keyed hashes (phone numbers) and signatures; set it in production. */
  secret: string;
  /** Width of the grid sequence appended to a community code. */
  gridCodeWidth: number;
  logLevel: string;
  /**
   * Which proxy's X-Forwarded-For to believe (TRUST_PROXY): unset, none — the client is the
   * connection's address; a number — that many proxy hops; else a comma list of the proxies'
   * addresses or CIDR ranges. Believing anyone would let every client choose its own address.
   */
  trustProxy?: false | number | string[];
  /** Portal limits overriding the defaults (RATE_LIMIT_REPORT, _WRITE, _READ, _REPORTER = "burst/perHour"). */
  rateLimits?: Partial<
    Record<'report' | 'write' | 'read' | 'reporter', { capacity: number; refillPerMinute: number }>
  >;
  /** Hosts, addresses and CIDR ranges webhooks may post to although local or private (WEBHOOK_ALLOW_LIST, comma-separated). */
  webhookAllowList?: string[];
  /** The address people use to reach the server (links in messages); required in production. */
  publicUrl?: string;
  /** NODE_ENV: 'production' makes the start-up checks strict (setup/domain/production.ts). */
  nodeEnv?: string;
}

function trustProxyFrom(text: string | undefined): false | number | string[] {
  const v = (text ?? '').trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function rateLimitsFrom(env: NodeJS.ProcessEnv): Config['rateLimits'] {
  const out: NonNullable<Config['rateLimits']> = {};
  for (const kind of ['report', 'write', 'read', 'reporter'] as const) {
    const m = /^\s*(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(env[`RATE_LIMIT_${kind.toUpperCase()}`] ?? '');
    if (m && Number(m[1]) >= 1 && Number(m[2]) > 0)
      out[kind] = { capacity: Number(m[1]), refillPerMinute: Number(m[2]) / 60 };
  }
  return out;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = env.DATA_DIR ?? join(process.cwd(), '.data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    dataDir,
    demo: env.DEMO !== '0',
    secret: env.CIVICGRID_SECRET ?? DEMO_SECRET,
    gridCodeWidth: Number(env.GRID_CODE_WIDTH ?? 3),
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
    rateLimits: rateLimitsFrom(env),
    webhookAllowList: (env.WEBHOOK_ALLOW_LIST ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL.replace(/\/+$/, '') } : {}),
    ...(env.NODE_ENV ? { nodeEnv: env.NODE_ENV } : {}),
  };
}
