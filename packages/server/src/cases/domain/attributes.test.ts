import { describe, expect, it } from 'vitest';
import type { AttributeDef } from '../tables.ts';
import { attributeDefinitionProblems, attributeProblems } from './attributes.ts';

const DEFS: AttributeDef[] = [
  { code: 'parties_count', label_zh: '当事人数', label_en: 'Parties', type: 'number', required: true },
  { code: 'note', label_zh: '说明', label_en: 'Note', type: 'text', required: false },
  { code: 'occurred_on', label_zh: '日期', label_en: 'Date', type: 'date', required: false },
  {
    code: 'risk_level',
    label_zh: '风险',
    label_en: 'Risk',
    type: 'single',
    required: true,
    options: [
      { value: 'low', label_zh: '一般', label_en: 'Low' },
      { value: 'high', label_zh: '重大', label_en: 'High' },
    ],
  },
  {
    code: 'items',
    label_zh: '隐患项',
    label_en: 'Items',
    type: 'multiple',
    required: false,
    options: [
      { value: 'exit', label_zh: '通道', label_en: 'Exit' },
      { value: 'wiring', label_zh: '电线', label_en: 'Wiring' },
    ],
  },
];
const OK = { parties_count: 2, risk_level: 'low' };

describe('case attributes against their category', () => {
  it.each([
    ['all required, right types', OK, []],
    [
      'every type filled',
      { ...OK, note: '楼上漏水', occurred_on: '2026-02-28', items: ['exit', 'wiring'] },
      [],
    ],
    ['missing required number', { risk_level: 'low' }, [['body.attributes.parties_count', 'is required']]],
    [
      'number given as text',
      { ...OK, parties_count: '2' },
      [['body.attributes.parties_count', 'must be a number']],
    ],
    [
      'option not offered',
      { ...OK, risk_level: 'extreme' },
      [['body.attributes.risk_level', 'must be one of: low, high']],
    ],
    [
      'impossible date',
      { ...OK, occurred_on: '2026-02-30' },
      [['body.attributes.occurred_on', 'must be a date (YYYY-MM-DD)']],
    ],
    [
      'date in another format',
      { ...OK, occurred_on: '28/02/2026' },
      [['body.attributes.occurred_on', 'must be a date (YYYY-MM-DD)']],
    ],
    [
      'multiple given as one value',
      { ...OK, items: 'exit' },
      [['body.attributes.items', 'must be a list of options']],
    ],
    [
      'multiple with unknown option',
      { ...OK, items: ['exit', 'roof'] },
      [['body.attributes.items', 'unknown option roof']],
    ],
    [
      'multiple repeated',
      { ...OK, items: ['exit', 'exit'] },
      [['body.attributes.items', 'must not repeat an option']],
    ],
    ['text given as number', { ...OK, note: 5 }, [['body.attributes.note', 'must be text']]],
    [
      'unknown attribute',
      { ...OK, colour: 'red' },
      [['body.attributes.colour', 'is not an attribute of this category']],
    ],
    ['null counts as missing', { ...OK, risk_level: null }, [['body.attributes.risk_level', 'is required']]],
  ] as const)('%s', (_name, input, expected) => {
    const problems = attributeProblems(DEFS, input as Record<string, unknown>).map((p) => [
      p.field,
      p.message,
    ]);
    expect(problems).toEqual(expected);
  });

  it('reports over-long text', () => {
    const problems = attributeProblems(DEFS, { ...OK, note: 'x'.repeat(2001) });
    expect(problems).toEqual([{ field: 'body.attributes.note', message: 'must be at most 2000 characters' }]);
  });
});

describe('attribute definitions an administrator writes', () => {
  const number = (code: string): AttributeDef => ({
    code,
    label_zh: 'x',
    label_en: 'x',
    type: 'number',
    required: false,
  });
  it.each([
    ['well-formed', DEFS, []],
    ['code not snake case', [number('Floor')], [['body.attributes.0.code', 'must be lower_snake_case']]],
    ['code used twice', [number('floor'), number('floor')], [['body.attributes.1.code', 'is used twice']]],
    [
      'choice without options',
      [{ ...DEFS[3], options: [] }],
      [['body.attributes.0.options', 'a choice needs options']],
    ],
    [
      'number with options',
      [{ ...number('floor'), options: DEFS[3]?.options }],
      [['body.attributes.0.options', 'a number has no options']],
    ],
    [
      'repeated option values',
      [
        {
          ...DEFS[3],
          options: [
            { value: 'a', label_zh: 'a', label_en: 'a' },
            { value: 'a', label_zh: 'b', label_en: 'b' },
          ],
        },
      ],
      [['body.attributes.0.options', 'option values must be distinct']],
    ],
  ] as const)('%s', (_name, defs, expected) => {
    const problems = attributeDefinitionProblems(defs as AttributeDef[]).map((p) => [p.field, p.message]);
    expect(problems).toEqual(expected);
  });
});
