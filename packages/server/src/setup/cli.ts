import { parseArgs } from 'node:util';
import { createContext } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { stopModules } from '../http/app.ts';
import { Problem } from '../http/problem.ts';

const USAGE = `usage: npm run setup -- --city-code <6 or 12 digits> --city-name <name> --admin <user name> [--admin-name <display name>]

Names the city (its root region) and creates its first city-wide administrator with a one-time
password, printed once. Run it against an empty database (DEMO=0) before the first start.`;

const { values } = parseArgs({
  options: {
    'city-code': { type: 'string' },
    'city-name': { type: 'string' },
    admin: { type: 'string' },
    'admin-name': { type: 'string' },
    help: { type: 'boolean' },
  },
});

async function run() {
  if (values.help || !values['city-code'] || !values['city-name'] || !values.admin) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const ctx = await createContext({ ...loadConfig(), logLevel: 'warn' });
  try {
    const { password } = await ctx.services.setup.initialiseCity({
      code: values['city-code'],
      name: values['city-name'],
      adminUsername: values.admin,
      adminDisplayName: values['admin-name'] ?? `${values['city-name']} 系统管理员`,
    });
    console.log(`City ${values['city-name']} initialised. First administrator: ${values.admin}`);
    console.log(`One-time password (shown once; it must be changed at first log-in): ${password}`);
  } catch (error) {
    if (!(error instanceof Problem)) throw error;
    console.error(`refused: ${error.detail ?? error.title}`);
    process.exitCode = 1;
  } finally {
    await stopModules(ctx);
    await ctx.database.close();
  }
}
await run();
