import { describe, expect, it } from 'vitest';
import type { AttributeDef } from '../../cases/index.ts';
import { checkAttributes, collectAttributes } from './attributes.ts';
import { Open311Error } from './errors.ts';

const defs: AttributeDef[] = [
  { code: 'floor', label_zh: '楼层', label_en: 'Floor', type: 'number', required: true },
  {
    code: 'kind',
    label_zh: '类型',
    label_en: 'Kind',
    type: 'single',
    required: false,
    options: [
      { value: 'lamp', label_zh: '灯', label_en: 'Lamp' },
      { value: 'pole', label_zh: '杆', label_en: 'Pole' },
    ],
  },
  {
    code: 'when',
    label_zh: '时间',
    label_en: 'When',
    type: 'date',
    required: false,
  },
  {
    code: 'parts',
    label_zh: '部位',
    label_en: 'Parts',
    type: 'multiple',
    required: false,
    options: [
      { value: 'a', label_zh: '甲', label_en: 'A' },
      { value: 'b', label_zh: '乙', label_en: 'B' },
    ],
  },
  { code: 'note', label_zh: '备注', label_en: 'Note', type: 'text', required: false },
];

function problems(input: Record<string, string | string[]>): string[] {
  try {
    checkAttributes(defs, input);
    return [];
  } catch (e) {
    if (e instanceof Open311Error) return e.errors.map((x) => x.description);
    throw e;
  }
}

describe('attribute[code] arguments', () => {
  it('collects single values and [] lists from form keys, ignoring other fields', () => {
    expect(
      collectAttributes({
        'attribute[floor]': '3',
        'attribute[parts][]': ['a', 'b'],
        'attribute[kind][]': 'lamp',
        description: 'x',
        'attribute[]': 'no code',
      }),
    ).toEqual({ floor: '3', parts: ['a', 'b'], kind: ['lamp'] });
  });

  it('turns valid values into typed ones', () => {
    expect(
      checkAttributes(defs, {
        floor: '3',
        kind: 'lamp',
        when: '2026-05-01',
        parts: ['b', 'a', 'b'],
        note: ' hi ',
      }),
    ).toEqual({ floor: 3, kind: 'lamp', when: '2026-05-01', parts: ['b', 'a'], note: 'hi' });
  });

  it.each([
    [{}, 'attribute[floor]: is required'],
    [{ floor: 'three' }, 'attribute[floor]: must be a number'],
    [{ floor: '1', kind: 'tree' }, 'attribute[kind]: tree is not one of the listed values'],
    [{ floor: '1', kind: ['lamp', 'pole'] }, 'attribute[kind]: takes one value'],
    [{ floor: '1', parts: ['a', 'z'] }, 'attribute[parts]: z is not one of the listed values'],
    [{ floor: '1', when: 'soon' }, 'attribute[when]: must be a W3C date-time such as 2026-01-01T00:00:00Z'],
    [{ floor: '1', colour: 'red' }, 'attribute[colour]: is not an attribute of this service'],
  ])('refuses %j', (input, message) => {
    expect(problems(input)).toContain(message);
  });
});
