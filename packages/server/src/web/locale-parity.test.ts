// No untranslated word (issue 13, item 9): the console's and the portal's two tables hold the
// same keys, the same {placeholders}, no empty text, and no Chinese in English.
import { describe, expect, it } from 'vitest';
import { en } from '../../../web/src/i18n/en.ts';
import { zh } from '../../../web/src/i18n/zh.ts';
import { enPortal, zhPortal } from '../../../web/src/portal/strings.ts';

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
/** The one English text in Chinese on purpose: the switch to Chinese, named in Chinese. */
const CHINESE_ON_PURPOSE = new Set(['lang.switch']);
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each([
  ['console', zh as Record<string, string>, en as Record<string, string>],
  ['portal', zhPortal as Record<string, string>, enPortal as Record<string, string>],
])('the %s words', (_name, chinese, english) => {
  it('every Chinese key has its English text and every English key its Chinese', () => {
    expect(Object.keys(chinese).filter((k) => !(k in english))).toEqual([]);
    expect(Object.keys(english).filter((k) => !(k in chinese))).toEqual([]);
  });

  it('no text is empty', () => {
    expect(Object.entries(chinese).filter(([, v]) => !v.trim())).toEqual([]);
    expect(Object.entries(english).filter(([, v]) => !v.trim())).toEqual([]);
  });

  it('both languages fill the same placeholders', () => {
    const differ = Object.keys(chinese).filter(
      (k) => placeholders(chinese[k] ?? '').join() !== placeholders(english[k] ?? '').join(),
    );
    expect(differ).toEqual([]);
  });

  it('English has no Chinese in it', () => {
    expect(Object.entries(english).filter(([k, v]) => HAN.test(v) && !CHINESE_ON_PURPOSE.has(k))).toEqual([]);
  });
});
