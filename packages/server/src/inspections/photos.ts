import { AsyncLocalStorage } from 'node:async_hooks';
import type { Transaction } from 'kysely';
import type { AppContext } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { unprocessable } from '../http/problem.ts';
import type { Photo } from './domain/checklist.ts';

export interface PhotoUpload {
  /** The picture, base64-encoded (JPEG, PNG or WebP from the phone's camera). */
  data: string;
  takenAt: string;
  lon: number;
  lat: number;
}

/**
 * The hashes of the photos this request has just stored (the hazards routes upload their photos
 * themselves, then take the case's action): a kind action accepts them besides the case's attachments.
 */
const freshPhotos = new AsyncLocalStorage<ReadonlySet<string>>();

/** Run `work` (a case action) knowing these photos were stored by this request. */
export function withFreshPhotos<T>(photos: readonly Photo[], work: () => Promise<T>): Promise<T> {
  return freshPhotos.run(new Set(photos.map((p) => p.sha256)), work);
}

/** Store photos in the attachments store (content-addressed); what records keep is their hash, time and place. */
export async function storePhotos(
  ctx: AppContext,
  uploads: readonly PhotoUpload[],
  field: string,
): Promise<Photo[]> {
  const photos: Photo[] = [];
  for (const [j, p] of uploads.entries()) {
    const at = `${field}.${j}`;
    if (Number.isNaN(Date.parse(p.takenAt))) throw unprocessable(`${at}.takenAt`, 'not a date and time');
    const data = Buffer.from(p.data, 'base64');
    const stored = await ctx.services.cases.attachments.store(ctx, data, undefined, undefined, `${at}.data`);
    if (!stored.mediaType.startsWith('image/')) throw unprocessable(`${at}.data`, 'a photo must be an image');
    photos.push({
      sha256: stored.sha256,
      takenAt: new Date(p.takenAt).toISOString(),
      lon: p.lon,
      lat: p.lat,
    });
  }
  return photos;
}

/**
 * A case action's photos are hashes the client names: each must be an image attached to this
 * case (POST /cases/:id/attachments) or one this request has just stored, or the action is
 * refused (422 naming `body.payload.photos.<n>.sha256`). Accepted photos join the place's photos.
 */
export async function checkActionPhotos(
  trx: Transaction<DB>,
  c: { caseId: number; placeId: number },
  photos: readonly { sha256: string }[],
): Promise<void> {
  if (!photos.length) return;
  const fresh = freshPhotos.getStore() ?? new Set<string>();
  const named = [...new Set(photos.map((p) => p.sha256))].filter((s) => !fresh.has(s));
  const attached = named.length
    ? await trx
        .selectFrom('case_attachment')
        .select('sha256')
        .where('case_id', '=', c.caseId)
        .where('sha256', 'in', named)
        .where('media_type', 'like', 'image/%')
        .execute()
    : [];
  const known = new Set(attached.map((a) => a.sha256));
  photos.forEach((p, j) => {
    if (!fresh.has(p.sha256) && !known.has(p.sha256))
      throw unprocessable(`body.payload.photos.${j}.sha256`, 'not a photo attached to this case');
  });
  await recordPlacePhotos(trx, c.placeId, photos);
}

/** Remember the photos taken at a place (its photo lookup reads these). */
export async function recordPlacePhotos(
  trx: Transaction<DB>,
  placeId: number,
  photos: readonly { sha256: string }[],
): Promise<void> {
  const hashes = [...new Set(photos.map((p) => p.sha256))];
  if (!hashes.length) return;
  await trx
    .insertInto('place_photo')
    .values(hashes.map((sha256) => ({ place_id: placeId, sha256 })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}
