import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../context.ts';

/** Actions whose `result` is the handling unit's answer to the resident. */
const HANDLER_RESULTS = ['resolve', 'handle_on_spot'];

export interface CasePhoto {
  sha256: string;
  /** The resident's own photo, or one taken by staff (the handler's after-photo, a check on the spot). */
  by: 'resident' | 'staff';
  at: Date;
}

/** The photos (images only) of each case, oldest first. */
export async function casePhotos(ctx: AppContext, caseIds: number[]): Promise<Map<number, CasePhoto[]>> {
  const out = new Map<number, CasePhoto[]>();
  if (!caseIds.length) return out;
  const rows = await ctx.db
    .selectFrom('case_attachment')
    .select(['case_id', 'sha256', 'uploaded_by', 'at'])
    .where('case_id', 'in', caseIds)
    .where('media_type', 'like', 'image/%')
    .orderBy('case_id')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.case_id) ?? [];
    if (list.some((p) => p.sha256 === r.sha256)) continue;
    const at = r.at instanceof Date ? r.at : new Date(String(r.at));
    // residents act under a negative id (their tracker), staff under their user id
    const resident = r.uploaded_by === null || r.uploaded_by < 0;
    list.push({ sha256: r.sha256, by: resident ? 'resident' : 'staff', at });
    out.set(r.case_id, list);
  }
  return out;
}

/**
 * Who handled each case and what they answered: the unit of the latest result (resolve or
 * handle on the spot) and its words; cases without a result yet are absent.
 */
export async function handlerResults(
  ctx: AppContext,
  caseIds: number[],
): Promise<Map<number, { unitName: string | null; result: string | null }>> {
  const out = new Map<number, { unitName: string | null; result: string | null }>();
  if (!caseIds.length) return out;
  const rows = await ctx.db
    .selectFrom('case_action as a')
    .leftJoin('unit as u', 'u.id', 'a.actor_unit_id')
    .select(['a.case_id', 'a.payload', 'u.name as unit_name'])
    .where('a.case_id', 'in', caseIds)
    .where('a.action', 'in', HANDLER_RESULTS)
    .orderBy('a.case_id')
    .orderBy('a.seq')
    .execute();
  for (const r of rows) {
    const result = (r.payload as Record<string, unknown>).result;
    out.set(r.case_id, {
      unitName: r.unit_name ?? null,
      result: typeof result === 'string' && result.trim() ? result.trim() : null,
    });
  }
  return out;
}

/**
 * Who may see a photo of a public case (case numbers run in order, so the number is no secret):
 * a handler's photo (staff) is public, like the case's result; a resident's own photo is shown
 * only to its reporter, through a URL carrying a key made from the server secret for that one
 * photo of that one case (never the tracking secret itself, which would end up in logs).
 */
export function photoKey(ctx: AppContext, number: string, sha256: string): string {
  return createHmac('sha256', ctx.config.secret)
    .update(`portal-photo:${number}:${sha256}`)
    .digest('hex')
    .slice(0, 32);
}

/** Whether `key` is the photo key of this photo of this case. */
export function isPhotoKey(
  ctx: AppContext,
  number: string,
  sha256: string,
  key: string | undefined,
): boolean {
  if (!key) return false;
  const want = Buffer.from(photoKey(ctx, number, sha256));
  const got = Buffer.from(key);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Where a public case's photo is read (the portal's photo route), absolute when PUBLIC_URL is set. */
export function photoUrl(ctx: AppContext, number: string, sha256: string): string {
  return `${ctx.config.publicUrl ?? ''}/api/v1/portal/cases/${number}/photos/${sha256}`;
}
