import { openConfiguredDatabase } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { createAuditService } from './service-audit.ts';

/** `npm run audit:verify`: check the audit log's hash chain; exit 1 and name the first broken link. */
const database = await openConfiguredDatabase(loadConfig());
try {
  const result = await createAuditService(database.db).verify();
  if (result.ok) console.log(`audit chain verifies: ${result.checked} entries, last id ${result.lastId}`);
  else {
    console.error(
      `audit chain BROKEN at entry ${result.firstBroken?.id} (${result.firstBroken?.reason}); ${result.checked} entries verified before it`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
