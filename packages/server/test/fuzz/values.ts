import type { Schema } from './operations.ts';

/** A seeded random source (mulberry32): the same seed gives the same cases, so a failure reproduces. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
  };
}
export type Rng = ReturnType<typeof seeded>;

/** JSON text put into a body as it is (`1e309` cannot be written by JSON.stringify). */
export class Raw {
  constructor(readonly text: string) {}
}

/** JSON.stringify that writes Raw values verbatim. */
export function toJson(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

const deepArray = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
/** Text that does not compress (an index entry holds about 2,700 bytes). */
const varied = (n: number) => {
  const r = seeded(7);
  return Array.from({ length: n }, () => String.fromCharCode(0x4e00 + r.int(0, 20000))).join('');
};

/** Hostile JSON values, each with the label a failure message shows. Built once. */
export const HOSTILE_JSON: readonly [string, Raw][] = [
  ['null', 'null'],
  ['true', 'true'],
  ['false', 'false'],
  ['0', '0'],
  ['-1', '-1'],
  ['1.5', '1.5'],
  ['a number as text', '"1"'],
  ['a word', '"fuzz"'],
  ['empty text', '""'],
  ['blank text', '"   "'],
  ['[]', '[]'],
  ['{}', '{}'],
  ['[1]', '[1]'],
  ['1e309', '1e309'],
  ['-1e309', '-1e309'],
  ['99999999999999999999999', '99999999999999999999999'],
  ['-99999999999999999999999', '-99999999999999999999999'],
  ['2147483648', '2147483648'],
  ['-2147483649', '-2147483649'],
  ['9007199254740993', '9007199254740993'],
  ['1e-400', '1e-400'],
  ['NUL', '"a\\u0000b"'],
  ['a lone surrogate', '"\\uD800"'],
  ['a lone low surrogate', '"x\\uDC00y"'],
  ['a control character', '"a\\u0007b"'],
  ['right-to-left override', '"\\u202Eabc\\uFEFF"'],
  ['a huge string', JSON.stringify('x'.repeat(300_000))],
  ['a long varied string', JSON.stringify(varied(12_000))],
  ['nested 5,000 deep (arrays)', deepArray(5000)],
  ['nested 5,000 deep (objects)', deepObject(5000)],
  ['a list of 20,000', `[${'1,'.repeat(19_999)}1]`],
  ['a date beyond JavaScript', '"275760-09-14T00:00:00Z"'],
  ['year 0', '"0000-01-01T00:00:00Z"'],
  ['an impossible date', '"2026-02-30T25:61:00Z"'],
  ['NaN as text', '"NaN"'],
  ['Infinity as text', '"Infinity"'],
  ['markup', '"<script>alert(1)</script>"'],
  ['SQL', `"' or 1=1 --"`],
  ['a prototype key', '{"__proto__":{"isAdmin":true}}'],
  ['a constructor key', '{"constructor":{"prototype":{"x":1}}}'],
].map(([label, text]) => [label as string, new Raw(text as string)]);

/** Hostile values for a path segment or a query-string value, already URL-encoded. */
export const HOSTILE_URL: readonly [string, string][] = [
  ['empty', ''],
  ['0', '0'],
  ['-1', '-1'],
  ['1.5', '1.5'],
  ['1e309', '1e309'],
  ['99999999999999999999999', '99999999999999999999999'],
  ['2147483648', '2147483648'],
  ['2147483647 (no such id)', '2147483647'],
  ['999999 (no such id)', '999999'],
  ['9007199254740993', '9007199254740993'],
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['a word', 'abc'],
  ['true', 'true'],
  ['NUL', 'a%00b'],
  ['a lone surrogate (CESU bytes)', '%ED%A0%80'],
  ['a %u escape', '%uD800'],
  ['a bare percent', '%'],
  ['a bad escape', '%zz'],
  ['a long word', 'x'.repeat(3000)],
  ['long Chinese text', encodeURIComponent('路'.repeat(1500))],
  ['a path climb', '..%2F..%2Fetc%2Fpasswd'],
  ['a space', '%20'],
  ['an impossible date', '2026-13-45'],
  ['a date beyond JavaScript', '275760-09-14'],
  ['year 0', '0000-01-01'],
  ['SQL', encodeURIComponent("1' or '1'='1")],
  ['a list', '1,2,3'],
];

const PATTERN_TRIES = [
  '120101000000',
  '120101001001',
  '120101001001001',
  '120101001001001001',
  'dispute.neighbour',
  'fuzzer_1',
  'abc',
  'A1',
  '1',
  '2026-03-02',
  '13812345678',
  '0'.repeat(64),
  'a',
];

function matches(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return false;
  }
}

function sampleString(s: Schema, key: string, rng: Rng): string {
  if (s.format === 'date-time') return '2026-03-02T08:00:00.000Z';
  if (s.format === 'date') return '2026-03-02';
  if (s.format === 'uri' || s.format === 'url') return 'https://example.org/hook';
  if (s.format === 'email') return 'fuzz@example.org';
  if (typeof s.pattern === 'string') {
    const found = PATTERN_TRIES.find((t) => matches(s.pattern as string, t));
    if (found) return found;
  }
  if (/code$/i.test(key)) return rng.pick(['120101000000', '120101001001', 'dispute.neighbour']);
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : 40;
  const text = `fuzz ${key}`.padEnd(min, 'x');
  return text.slice(0, Math.max(max, min));
}

function sampleNumber(s: Schema, key: string, rng: Rng, integer: boolean): number {
  if (/^lon/i.test(key)) return 117.2;
  if (/^lat/i.test(key)) return 39.12;
  const lo = typeof s.minimum === 'number' ? s.minimum : 0;
  const hi = typeof s.maximum === 'number' ? Math.min(s.maximum, lo + 50) : lo + 50;
  const n = lo + rng.next() * (hi - lo);
  return integer ? Math.max(lo, Math.min(hi, Math.round(n))) : n;
}

/**
 * A plausible value for a schema (required properties always, optional ones now and then), so
 * that one hostile field at a time meets otherwise ordinary input and reaches deeper checks.
 */
export function sample(schema: unknown, rng: Rng, key = '', depth = 0): unknown {
  const s = (schema ?? {}) as Schema;
  if (depth > 6) return undefined;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum)) return rng.pick(s.enum);
  for (const k of ['anyOf', 'oneOf'] as const) {
    const members = (s[k] as Schema[] | undefined)?.filter((m) => m.type !== 'null');
    if (members?.length) return sample(rng.pick(members), rng, key, depth + 1);
  }
  if (Array.isArray(s.allOf) && s.allOf.length) return sample(s.allOf[0], rng, key, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set((s.required as string[] | undefined) ?? []);
      for (const [k, v] of Object.entries((s.properties as Record<string, Schema> | undefined) ?? {}))
        if (required.has(k) || rng.next() < 0.4) out[k] = sample(v, rng, k, depth + 1);
      return out;
    }
    case 'array': {
      const n = Math.max(1, typeof s.minItems === 'number' ? s.minItems : 1);
      return Array.from({ length: n }, () => sample(s.items, rng, key, depth + 1));
    }
    case 'integer':
      return sampleNumber(s, key, rng, true);
    case 'number':
      return sampleNumber(s, key, rng, false);
    case 'boolean':
      return rng.next() < 0.5;
    case 'string':
      return sampleString(s, key, rng);
    default:
      return {};
  }
}
