import { describe, expect, it } from 'vitest';
import { judgeAttachment } from './attachment-policy.ts';

const MB = 1024 * 1024;

describe('attachment policy', () => {
  it.each([
    ['a JPEG photo', 'image/jpeg', 'image/jpeg', 2 * MB, { ok: true, mediaType: 'image/jpeg' }],
    [
      'a PNG sent as octet-stream',
      'image/png',
      'application/octet-stream',
      1000,
      { ok: true, mediaType: 'image/png' },
    ],
    [
      'a PDF with no declared type',
      'application/pdf',
      undefined,
      15 * MB,
      { ok: true, mediaType: 'application/pdf' },
    ],
    ['a photo over 10 MB', 'image/jpeg', 'image/jpeg', 10 * MB + 1, { ok: false, status: 413 }],
    ['a document over 20 MB', 'application/pdf', 'application/pdf', 20 * MB + 1, { ok: false, status: 413 }],
    ['an executable named .jpg', 'application/x-elf', 'image/jpeg', 1000, { ok: false, status: 422 }],
    ['text with no magic bytes', undefined, 'text/plain', 1000, { ok: false, status: 422 }],
    ['a PNG claiming to be a JPEG', 'image/png', 'image/jpeg', 1000, { ok: false, status: 422 }],
    ['an empty file', undefined, 'image/jpeg', 0, { ok: false, status: 422 }],
  ] as const)('%s', (_name, sniffed, declared, size, expected) => {
    expect(judgeAttachment(sniffed, declared, size)).toMatchObject(expected);
  });
});
