import { describe, expect, it } from 'vitest';
import type { AttributeDef } from '../tables.ts';
import { mapHeader, readRows } from './import-rows.ts';

const POLE: AttributeDef = {
  code: 'pole_number',
  label_zh: '灯杆编号',
  label_en: 'Pole',
  type: 'text',
  required: false,
};
const FLOOR: AttributeDef = {
  code: 'floor',
  label_zh: '楼层',
  label_en: 'Floor',
  type: 'number',
  required: false,
};
const TAGS: AttributeDef = {
  code: 'tags',
  label_zh: '标签',
  label_en: 'Tags',
  type: 'multiple',
  required: false,
  options: [
    { value: 'a', label_zh: 'A', label_en: 'A' },
    { value: 'b', label_zh: 'B', label_en: 'B' },
  ],
};
const attributesOf = (code: string) => (code === 'request.street_light' ? [POLE, FLOOR, TAGS] : undefined);
const header = [
  'kind',
  'category',
  'description',
  'gridCode',
  'reporterName',
  'reporterPhone',
  'attr.floor',
  'attr.tags',
];

describe('mapHeader', () => {
  it('knows Chinese column names and attribute columns', () => {
    const m = mapHeader(['类型', '类别', '描述', '经度', '纬度', '属性:floor']);
    expect(m.errors).toEqual([]);
    expect([...m.columns.keys()]).toEqual(['kind', 'category', 'description', 'lon', 'lat']);
    expect([...m.attributes.keys()]).toEqual(['floor']);
  });
  it.each([
    [['kind', 'category'], 'rows.1.description'],
    [['kind', 'category', 'description'], 'rows.1.gridCode'],
    [['kind', 'category', 'description', 'gridCode', 'colour'], 'rows.1.colour'],
    [['kind', 'kind', 'category', 'description', 'gridCode'], 'rows.1.kind'],
  ])('%j → error on %s', (cells, field) => {
    expect(mapHeader(cells).errors.map((e) => e.field)).toContain(field);
  });
});

describe('readRows', () => {
  it('turns rows into intake inputs, typed by the category attributes', () => {
    const { cases, errors } = readRows(
      header,
      [
        ['诉求', 'request.street_light', '路灯不亮', '120101001001001', '王五', '13900001111', '3', 'a|b'],
        ['', '', '', '', '', '', '', ''],
        ['request', 'request.street_light', '又坏了', 120101001001001, '', '', 2, ''],
      ],
      attributesOf,
    );
    expect(errors).toEqual([]);
    expect(cases).toEqual([
      {
        row: 2,
        input: {
          kind: 'request',
          category: 'request.street_light',
          attributes: { floor: 3, tags: ['a', 'b'] },
          description: '路灯不亮',
          gridCode: '120101001001001',
          reporter: { name: '王五', phone: '13900001111' },
          anonymous: false,
          priority: 'normal',
          channel: 'import',
        },
      },
      {
        row: 4,
        input: {
          kind: 'request',
          category: 'request.street_light',
          attributes: { floor: 2 },
          description: '又坏了',
          gridCode: '120101001001001',
          anonymous: true,
          priority: 'normal',
          channel: 'import',
        },
      },
    ]);
  });

  it.each<[string, unknown[], string]>([
    ['unknown kind', ['complaint', 'request.street_light', 'x', '120101001001001'], 'rows.2.kind'],
    ['unknown category', ['request', 'request.nothing', 'x', '120101001001001'], 'rows.2.category'],
    ['no description', ['request', 'request.street_light', '', '120101001001001'], 'rows.2.description'],
    ['bad grid code', ['request', 'request.street_light', 'x', 'grid-7'], 'rows.2.gridCode'],
    [
      'bad phone',
      ['request', 'request.street_light', 'x', '120101001001001', '王五', 'call me'],
      'rows.2.reporterPhone',
    ],
  ])('%s → %s', (_name, row, field) => {
    const { cases, errors } = readRows(header, [row as never], attributesOf);
    expect(errors.map((e) => e.field)).toContain(field);
    expect(cases).toEqual([]);
  });

  it('checks a point, a priority and a yes/no', () => {
    const h = ['kind', 'category', 'description', 'lon', 'lat', 'priority', 'anonymous'];
    const { cases, errors } = readRows(
      h,
      [
        ['request', 'request.street_light', 'x', '117.2', '39.12', '紧急', '是'],
        ['request', 'request.street_light', 'x', '117.2', '', 'soon', 'maybe'],
      ],
      attributesOf,
    );
    expect(cases[0]?.input).toMatchObject({
      location: { lon: 117.2, lat: 39.12 },
      priority: 'urgent',
      anonymous: true,
    });
    expect(errors.map((e) => e.field)).toEqual(['rows.3.priority', 'rows.3.anonymous', 'rows.3.lon']);
  });
});
