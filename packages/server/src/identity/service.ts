import type { AppContext } from '../context.ts';
import { serverNow } from '../lib/clock.ts';
import { can, mayEver, scopeOf } from './domain/policy.ts';
import { importStaff } from './import-staff.ts';
import { createAuditService } from './service-audit.ts';
import { createAuthService } from './service-auth.ts';
import { createPersonsService } from './service-persons.ts';
import { createTokensService } from './service-tokens.ts';
import { createUnitAdmin } from './service-unit-admin.ts';
import { createUnitsService } from './service-units.ts';
import { createUsersService } from './service-users.ts';

/**
 * What other modules use from identity (`ctx.services.identity`): the unit look-ups for routing
 * and dispatch at the top level, and the sub-services for auth, users, persons and the audit log.
 */
export function createIdentityService(ctx: AppContext) {
  const audit = createAuditService(ctx.db);
  const lookups = createUnitsService(ctx.db);
  const auth = createAuthService(ctx.db, audit);
  const units = { ...lookups, ...createUnitAdmin(ctx.db, audit, lookups, auth.forgetCredentials) };
  return {
    unitById: lookups.unitById,
    centreFor: lookups.centreFor,
    responsibleUnit: lookups.responsibleUnit,
    staffedOrCentre: lookups.staffedOrCentre,
    unitsInJurisdiction: lookups.unitsInJurisdiction,
    parentCentre: lookups.parentCentre,
    can,
    mayEver,
    scopeOf,
    units,
    audit,
    auth,
    tokens: createTokensService(ctx.db, audit, auth.forgetCredentials),
    users: createUsersService(ctx.db, audit, () => {
      auth.forgetCredentials();
      lookups.forgetDirectory();
    }),
    persons: createPersonsService(ctx.db, ctx.config.secret, audit),
    /** Units, users and posts from sheets (all rows checked first); routing and log-ins read them afresh. */
    async importStaff(
      actor: Parameters<typeof importStaff>[2],
      sheets: Parameters<typeof importStaff>[3],
      options: Omit<NonNullable<Parameters<typeof importStaff>[4]>, 'now'> = {},
    ) {
      const result = await importStaff(ctx.db, audit, actor, sheets, { ...options, now: serverNow(ctx) });
      if (!result.dryRun) {
        lookups.forgetDirectory();
        auth.forgetCredentials();
      }
      return result;
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
