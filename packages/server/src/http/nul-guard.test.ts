import { describe, expect, it } from 'vitest';
import { nulPath } from './nul-guard.ts';

describe('nulPath', () => {
  it.each([
    ['plain text', { description: '路灯不亮' }, null],
    ['a NUL in a field', { description: 'bad\u0000text' }, 'body.description'],
    ['a NUL deep inside', { reporter: { name: '张\u0000三' } }, 'body.reporter.name'],
    ['a NUL in a list', { tags: ['a', 'b\u0000'] }, 'body.tags.1'],
    ['a NUL in a key', { 'x\u0000': 1 }, 'body.x\u0000'],
    ['numbers, booleans and null', { n: 1, ok: true, none: null }, null],
    ['no body', undefined, null],
  ])('%s', (_what, body, expected) => {
    expect(nulPath(body, 'body')).toBe(expected);
  });
});
