import type { AppContext } from '../context.ts';
import { missingArgument, notFound311 } from './domain/errors.ts';
import { jurisdictions } from './service-categories.ts';

/**
 * jurisdiction_id (query string or body): the city's region code. Optional while the endpoint
 * serves one city, as the spec allows; an unknown one is 404, a missing one with several is 400.
 */
export async function checkJurisdiction(ctx: AppContext, value: unknown): Promise<string> {
  const list = await jurisdictions(ctx);
  const given = typeof value === 'string' ? value.trim() : '';
  if (given === '') {
    if (list.length === 1 && list[0]) return list[0].code;
    throw missingArgument('jurisdiction_id');
  }
  const found = list.find((j) => j.code === given);
  if (!found) throw notFound311(`jurisdiction_id ${given}`);
  return found.code;
}
