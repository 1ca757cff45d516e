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
  /** The address people use to reach the server (links in messages); required in production. */
  publicUrl?: string;
  /** NODE_ENV: 'production' makes the start-up checks strict (setup/domain/production.ts). */
  nodeEnv?: string;
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
    ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL.replace(/\/+$/, '') } : {}),
    ...(env.NODE_ENV ? { nodeEnv: env.NODE_ENV } : {}),
  };
}
