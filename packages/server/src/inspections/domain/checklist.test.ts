import { describe, expect, it } from 'vitest';
import { type Answer, answerProblems, itemProblems } from './checklist.ts';
import { SEED_CHECKLISTS } from './checklist-catalog.ts';
import { headerMap, readPlaceRow } from './place-import.ts';

const SMALL = SEED_CHECKLISTS.find((c) => c.type === 'small_venue')?.items ?? [];
const PHOTO = { sha256: 'a'.repeat(64), takenAt: '2026-03-10T08:00:00Z', lon: 117.2, lat: 39.1 };
const allPass = (): Answer[] =>
  SMALL.map((i) =>
    i.answerType === 'count'
      ? { itemCode: i.code, outcome: 'pass', value: i.min }
      : { itemCode: i.code, outcome: 'pass' },
  );
const withAnswer = (code: string, a: Partial<Answer>) =>
  allPass().map((x) => (x.itemCode === code ? { ...x, ...a } : x));

describe('checklists', () => {
  it('the seeded lists are well formed, the small-venue one with twelve items', () => {
    expect(SMALL).toHaveLength(12);
    for (const c of SEED_CHECKLISTS) expect(itemProblems(c.items)).toEqual([]);
  });

  it.each<[string, Answer[], string[]]>([
    ['every item passing', allPass(), []],
    ['a failed item with its photo', withAnswer('sv.exits', { outcome: 'fail', photos: [PHOTO] }), []],
    [
      'a failed item without its photo',
      withAnswer('sv.exits', { outcome: 'fail' }),
      ['body.answers.1.photos'],
    ],
    ['a failed item that needs no photo', withAnswer('sv.duty', { outcome: 'fail' }), []],
    [
      'a count below its minimum marked pass',
      withAnswer('sv.extinguishers', { value: 1 }),
      ['body.answers.3.outcome'],
    ],
    [
      'a count without its number',
      withAnswer('sv.extinguishers', { value: undefined }),
      ['body.answers.3.value'],
    ],
    ['an item missing', allPass().slice(1), ['body.answers']],
    ['an unknown item', [...allPass(), { itemCode: 'x', outcome: 'pass' }], ['body.answers.12.itemCode']],
    [
      'an item twice',
      [...allPass(), { itemCode: 'sv.exits', outcome: 'pass' }],
      ['body.answers.12.itemCode'],
    ],
  ])('%s: problems at %o', (_what, answers, fields) => {
    expect(answerProblems(SMALL, answers).map((p) => p.field)).toEqual(fields);
  });

  it('a count item without its minimum and a repeated code are refused', () => {
    const item = SMALL[0] as (typeof SMALL)[number];
    expect(itemProblems([item, { ...item, answerType: 'count' }]).map((p) => p.field)).toEqual([
      'body.items.1.code',
      'body.items.1.min',
    ]);
  });
});

describe('place import rows', () => {
  const { columns } = headerMap(['编号', '名称', '类型', '经度', '纬度', '网格', '风险等级', '负责人电话']);
  it.each<[string, (string | number | null)[], string[]]>([
    ['a restaurant by its point', ['K1', '小餐馆', '小餐饮', 117.2, 39.1, null, '高', '13800000000'], []],
    ['a shop by its grid', ['K2', '小超市', 'shop', null, null, '120101001001001', null, null], []],
    ['an unknown type', ['K3', 'x', '夜总会', 117.2, 39.1, null, null, null], ['rows.2.type']],
    ['no place at all', ['K4', 'x', 'shop', null, null, null, null, null], ['rows.2.lon']],
    ['a latitude out of range', ['K5', 'x', 'shop', 117.2, 95, null, null, null], ['rows.2.lat']],
    [
      'no key, an unknown tier, a bad phone',
      ['', 'x', 'shop', 117.2, 39.1, null, '极高', 'call me'],
      ['rows.2.key', 'rows.2.riskTier', 'rows.2.responsiblePhone'],
    ],
  ])('%s: errors at %o', (_what, cells, fields) => {
    expect(readPlaceRow(cells, columns, 2).errors.map((e) => e.field)).toEqual(fields);
  });

  it('a header without the needed columns is refused', () => {
    expect(headerMap(['名称', '类型']).errors.map((e) => e.field)).toEqual(['rows.1.key', 'rows.1.lon']);
  });
});
