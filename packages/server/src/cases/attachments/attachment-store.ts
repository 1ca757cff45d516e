import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { AppContext } from '../../context.ts';
import { Problem } from '../../http/problem.ts';
import { judgeAttachment } from '../domain/attachment-policy.ts';
import { stripMetadata, UnreadablePhoto } from './strip-metadata.ts';

export interface StoredFile {
  sha256: string;
  mediaType: string;
  sizeBytes: number;
  fileName: string | null;
}

const pathOf = (ctx: AppContext, sha256: string) =>
  join(ctx.config.dataDir, 'attachments', sha256.slice(0, 2), sha256.slice(2, 4), sha256);

/**
 * Check an upload by its bytes and store it content-addressed (config.dataDir/attachments/ab/cd/<sha256>).
 * Photos are stored without their metadata (EXIF GPS position, device; strip-metadata.ts): every
 * upload path (case attachments, the portal, inspections' photos) comes through here.
 * Storing the same content twice keeps one file. Refused uploads are not written.
 */
export async function storeAttachment(
  ctx: AppContext,
  upload: Buffer,
  declared: string | undefined,
  fileName: string | undefined,
  field = 'body.file',
): Promise<StoredFile> {
  const sniffed = (await fileTypeFromBuffer(upload))?.mime;
  const verdict = judgeAttachment(sniffed, declared, upload.length);
  if (!verdict.ok) throw refused(verdict.status, field, verdict.message);
  let data: Buffer;
  try {
    data = stripMetadata(upload, verdict.mediaType);
  } catch (e) {
    if (e instanceof UnreadablePhoto) throw refused(422, field, `the photo cannot be read: ${e.message}`);
    throw e;
  }
  const sha256 = createHash('sha256').update(data).digest('hex');
  const target = pathOf(ctx, sha256);
  if (!existsSync(target)) {
    await mkdir(join(target, '..'), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, data);
    await rename(temp, target);
  }
  return {
    sha256,
    mediaType: verdict.mediaType,
    sizeBytes: data.length,
    fileName: fileName?.slice(0, 200) ?? null,
  };
}

const refused = (status: 413 | 422, field: string, message: string) =>
  new Problem(
    status,
    status === 413 ? 'Content Too Large' : 'Unprocessable Content',
    `${field}: ${message}`,
    [{ field, message }],
  );

export function openAttachment(ctx: AppContext, sha256: string) {
  const path = pathOf(ctx, sha256);
  return existsSync(path) ? createReadStream(path) : null;
}
