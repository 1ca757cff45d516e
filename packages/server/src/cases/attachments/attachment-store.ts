import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { AppContext } from '../../context.ts';
import { Problem } from '../../http/problem.ts';
import { judgeAttachment } from '../domain/attachment-policy.ts';

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
 * Storing the same content twice keeps one file. Refused uploads are not written.
 */
export async function storeAttachment(
  ctx: AppContext,
  data: Buffer,
  declared: string | undefined,
  fileName: string | undefined,
  field = 'body.file',
): Promise<StoredFile> {
  const sniffed = (await fileTypeFromBuffer(data))?.mime;
  const verdict = judgeAttachment(sniffed, declared, data.length);
  if (!verdict.ok)
    throw new Problem(
      verdict.status,
      verdict.status === 413 ? 'Content Too Large' : 'Unprocessable Content',
      `${field}: ${verdict.message}`,
      [{ field, message: verdict.message }],
    );
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

export function openAttachment(ctx: AppContext, sha256: string) {
  const path = pathOf(ctx, sha256);
  return existsSync(path) ? createReadStream(path) : null;
}
