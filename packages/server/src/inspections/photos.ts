import type { AppContext } from '../context.ts';
import { unprocessable } from '../http/problem.ts';
import type { Photo } from './domain/checklist.ts';

export interface PhotoUpload {
  /** The picture, base64-encoded (JPEG, PNG or WebP from the phone's camera). */
  data: string;
  takenAt: string;
  lon: number;
  lat: number;
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
