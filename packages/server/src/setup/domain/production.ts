/** What a production server must have configured, checked before it starts. Pure. */

export const DEMO_SECRET = 'civicgrid-demo-secret-change-me';

export interface ProductionSettings {
  nodeEnv: string | undefined;
  demo: boolean;
  secret: string;
  publicUrl: string | undefined;
}

/** One setting to fix: its name and why. */
export interface SettingProblem {
  setting: string;
  message: string;
}

/**
 * With NODE_ENV=production the server refuses to start on the demo secret, with DEMO on, or
 * without a public URL (links in notifications and the portal need it). Outside production: none.
 */
export function productionProblems(s: ProductionSettings): SettingProblem[] {
  if (s.nodeEnv !== 'production') return [];
  const problems: SettingProblem[] = [];
  if (s.secret === DEMO_SECRET || s.secret.length < 32)
    problems.push({
      setting: 'CIVICGRID_SECRET',
      message:
        'set it to a random value of at least 32 characters (e.g. `openssl rand -hex 32`), not the demo one',
    });
  if (s.demo) problems.push({ setting: 'DEMO', message: 'set DEMO=0: production never seeds the demo city' });
  if (!s.publicUrl)
    problems.push({
      setting: 'PUBLIC_URL',
      message: 'set the address residents and staff use, e.g. https://grid.example.gov.cn',
    });
  else if (!/^https?:\/\/[^\s/]+/.test(s.publicUrl))
    problems.push({ setting: 'PUBLIC_URL', message: `"${s.publicUrl}" is not an http(s) address` });
  return problems;
}

/** The message a refused start prints: every setting to fix, one a line. */
export function refusalMessage(problems: SettingProblem[]): string {
  return [
    'CivicGrid will not start in production until these settings are fixed:',
    ...problems.map((p) => `  ${p.setting}: ${p.message}`),
  ].join('\n');
}
