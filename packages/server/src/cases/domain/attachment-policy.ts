/**
 * Which files a case accepts: photos and documents, recognised by their content (magic bytes),
 * never by the name or the type the client claims; each kind with its own size limit.
 */
export const ATTACHMENT_TYPES: Readonly<Record<string, { kind: 'photo' | 'document'; maxBytes: number }>> = {
  'image/jpeg': { kind: 'photo', maxBytes: 10 * 1024 * 1024 },
  'image/png': { kind: 'photo', maxBytes: 10 * 1024 * 1024 },
  'image/webp': { kind: 'photo', maxBytes: 10 * 1024 * 1024 },
  'image/heic': { kind: 'photo', maxBytes: 10 * 1024 * 1024 },
  'application/pdf': { kind: 'document', maxBytes: 20 * 1024 * 1024 },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    kind: 'document',
    maxBytes: 20 * 1024 * 1024,
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    kind: 'document',
    maxBytes: 20 * 1024 * 1024,
  },
};
export const MAX_ATTACHMENT_BYTES = Math.max(...Object.values(ATTACHMENT_TYPES).map((t) => t.maxBytes));

export type AttachmentVerdict =
  | { ok: true; mediaType: string }
  | { ok: false; status: 413 | 422; message: string };

/**
 * Judge an upload: `sniffed` is the type read from its bytes (undefined when unrecognised),
 * `declared` what the client said. A declared type that disagrees with the content is refused.
 */
export function judgeAttachment(
  sniffed: string | undefined,
  declared: string | undefined,
  size: number,
): AttachmentVerdict {
  if (size === 0) return { ok: false, status: 422, message: 'the file is empty' };
  const rule = sniffed ? ATTACHMENT_TYPES[sniffed] : undefined;
  if (!sniffed || !rule)
    return {
      ok: false,
      status: 422,
      message: `not an accepted photo or document type (${sniffed ?? 'unknown content'})`,
    };
  const claimed = declared?.split(';')[0]?.trim().toLowerCase();
  if (claimed && claimed !== 'application/octet-stream' && claimed !== sniffed)
    return { ok: false, status: 422, message: `the content is ${sniffed}, not ${claimed}` };
  if (size > rule.maxBytes)
    return {
      ok: false,
      status: 413,
      message: `a ${rule.kind} may be at most ${rule.maxBytes / 1024 / 1024} MB`,
    };
  return { ok: true, mediaType: sniffed };
}
