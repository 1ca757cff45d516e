import { createHash } from 'node:crypto';
import { intakeCase } from '../cases/index.ts';
import type { AppContext } from '../context.ts';
import { Problem } from '../http/problem.ts';
import { allocateTrackerId, hashSecret, newSecret, residentActor, sha256 } from '../identity/index.ts';
import { checkAttributes, collectAttributes } from './domain/attributes.ts';
import { invalidApiKey, invalidArgument, notFound311, Open311Error } from './domain/errors.ts';
import { type Lang, serviceNotice } from './domain/services.ts';
import { readSubmission, type SubmittedLocation } from './domain/submission.ts';
import { residentCategories } from './service-categories.ts';

/** The API client behind an api_key: its token row and the user it acts for; 403 otherwise. */
export async function apiClient(ctx: AppContext, apiKey: unknown) {
  if (typeof apiKey !== 'string' || apiKey.trim() === '') throw invalidApiKey();
  const actor = await ctx.services.identity.auth.fromToken(apiKey.trim());
  if (!actor) throw invalidApiKey();
  const token = await ctx.db
    .selectFrom('api_token')
    .select('id')
    .where('token_hash', '=', sha256(apiKey.trim()))
    .executeTakeFirstOrThrow();
  return { actor, tokenId: Number(token.id) };
}

/** Our field names in the cases module's problems, said in the Open311 client's words. */
const FIELD_WORDS: [RegExp, string][] = [
  [/^body\.location/, 'lat/long'],
  [/^body\.gridCode/, 'address_id'],
  [/^body\.attributes\.([^.]+)/, 'attribute[$1]'],
  [/^body\.category/, 'service_code'],
  [/^body\.description/, 'description'],
];

function inClientWords(problem: Problem): Open311Error {
  const list = problem.errors.length ? problem.errors : [{ field: 'request', message: problem.message }];
  return new Open311Error(
    problem.status === 403 ? 403 : 400,
    list.map((e) => {
      const field = FIELD_WORDS.reduce((f, [re, to]) => f.replace(re, to), e.field);
      return `${field}: ${e.message}`;
    }),
  );
}

/** A grid for words only: the most specific community whose name the address contains, its first grid. */
export async function communityGridFor(ctx: AppContext, address: string): Promise<string | null> {
  const community = await ctx.db
    .selectFrom('region')
    .select(['path'])
    .where('level', '=', 'community')
    .where('retired_at', 'is', null)
    .where((eb) => eb(eb.fn('strpos', [eb.val(address), eb.ref('name')]), '>', 0))
    .orderBy((eb) => eb.fn('length', [eb.ref('name')]), 'desc')
    .limit(1)
    .executeTakeFirst();
  const grid = community
    ? await ctx.db
        .selectFrom('region')
        .select('code')
        .where('level', '=', 'grid')
        .where('retired_at', 'is', null)
        .where('path', 'like', `${community.path}%`)
        .orderBy('code')
        .limit(1)
        .executeTakeFirst()
    : undefined;
  return grid?.code ?? null;
}

async function gridForAddress(ctx: AppContext, address: string): Promise<string> {
  const grid = await communityGridFor(ctx, address);
  if (!grid)
    throw invalidArgument(
      'address_string',
      'names no community of the city: send lat and long or address_id',
    );
  return grid;
}

async function placeOf(ctx: AppContext, l: SubmittedLocation) {
  if (l.kind === 'point') return { location: { lon: l.lon, lat: l.lat }, address: l.address };
  if (l.kind === 'address_id') return { gridCode: l.gridCode, address: l.address };
  return { gridCode: await gridForAddress(ctx, l.address), address: l.address };
}

/**
 * POST requests: check the client, the arguments and the attributes, then take the case in
 * through the cases module (channel open311) as the report's own resident reporter, keeping the
 * client's name and phone as masked personal data. An identical retry within a day answers the
 * same request.
 */
export async function submitRequest(ctx: AppContext, body: Record<string, unknown>, lang: Lang) {
  const client = await apiClient(ctx, body.api_key);
  const submission = readSubmission(body);
  const [category] = await residentCategories(ctx, submission.serviceCode);
  if (!category) throw notFound311(`service_code ${submission.serviceCode}`);
  const attributes = checkAttributes(category.attributes, collectAttributes(body));
  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ ...submission, attributes }))
    .digest('hex');
  const since = new Date(Date.now() - 24 * 3_600_000);
  const earlier = await ctx.db
    .selectFrom('open311_request')
    .select(['case_number', 'account_id'])
    .where('api_token_id', '=', client.tokenId)
    .where('request_hash', '=', fingerprint)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  const notice = serviceNotice(category.time_limits, lang);
  if (earlier)
    return {
      service_request_id: earlier.case_number,
      service_notice: notice,
      account_id: earlier.account_id,
    };

  const trackerId = await allocateTrackerId(ctx.db);
  const place = await placeOf(ctx, submission.location);
  const made = await intakeCase(ctx, residentActor(trackerId), {
    kind: 'request',
    category: category.code,
    attributes,
    description: submission.description,
    ...place,
    reporter: submission.reporter,
    anonymous: submission.reporter === null,
    channel: 'open311',
  }).catch((e: unknown) => {
    throw e instanceof Problem ? inClientWords(e) : e;
  });
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('portal_tracker')
      .values({
        id: trackerId,
        case_id: made.caseId,
        case_number: made.number,
        role: 'reporter',
        secret_hash: hashSecret(newSecret()),
      })
      .execute();
    await trx
      .insertInto('open311_request')
      .values({
        token: newSecret(),
        api_token_id: client.tokenId,
        request_hash: fingerprint,
        case_id: made.caseId,
        case_number: made.number,
        account_id: submission.accountId,
        media_url: submission.mediaUrl,
      })
      .execute();
  });
  return { service_request_id: made.number, service_notice: notice, account_id: submission.accountId };
}
