import { describe, expect, it } from 'vitest';
import { findBadInput, MAX_DEPTH } from './input-guard.ts';

const deep = (n: number) => {
  let v: unknown = 'leaf';
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

describe('findBadInput', () => {
  it.each([
    ['plain text', { description: '路灯不亮' }, null],
    ['a NUL in a field', { description: 'bad\u0000text' }, 'body.description'],
    ['a NUL deep inside', { reporter: { name: '张\u0000三' } }, 'body.reporter.name'],
    ['a NUL in a list', { tags: ['a', 'b\u0000'] }, 'body.tags.1'],
    ['a NUL in a key', { 'x\u0000': 1 }, 'body.x\u0000'],
    ['a lone high surrogate', { name: 'a\uD800' }, 'body.name'],
    ['a lone low surrogate', { name: '\uDC00b' }, 'body.name'],
    ['a lone surrogate in a key', { ['\uD800']: 1 }, 'body.\uD800'],
    ['an emoji (a surrogate pair)', { name: '路灯💡' }, null],
    ['the first bad field in reading order', { a: 'x\u0000', b: 'y\u0000' }, 'body.a'],
    ['numbers, booleans and null', { n: 1, ok: true, none: null }, null],
    ['nesting at the limit', deep(MAX_DEPTH), null],
    ['no body', undefined, null],
  ])('%s', (_what, body, expected) => {
    expect(findBadInput(body, 'body')?.field ?? null).toBe(expected);
  });

  it('refuses nesting 5,000 deep without overflowing the stack', () => {
    const found = findBadInput(deep(5000), 'body');
    expect(found?.message).toContain(`deeper than ${MAX_DEPTH}`);
  });
});
