import { describe, expect, it } from 'vitest';
import { parseDivisionsCsv } from './divisions-csv.ts';
import { type KnownRegion, planDivisionsImport } from './divisions-plan.ts';

const HEADER = 'code,name,level,parent_code';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');

describe('parseDivisionsCsv', () => {
  it('reads rows with their line numbers, optional columns and a byte-order mark', () => {
    const parsed = parseDivisionsCsv(
      '\uFEFFcode,name,level,parent_code,households,grid_kind,dedicated_type\r\n' +
        '120101001001,"劝业场街道,社区",community,120101001000,1200,,\r\n' +
        '120101001001001,第1网格,grid,120101001001,300,dedicated,school\r\n',
      3,
    );
    expect(parsed).toEqual({
      ok: true,
      rows: [
        {
          line: 2,
          code: '120101001001',
          name: '劝业场街道,社区',
          level: 'community',
          parentCode: '120101001000',
          households: 1200,
          population: null,
          gridKind: null,
          dedicatedType: null,
        },
        {
          line: 3,
          code: '120101001001001',
          name: '第1网格',
          level: 'grid',
          parentCode: '120101001001',
          households: 300,
          population: null,
          gridKind: 'dedicated',
          dedicatedType: 'school',
        },
      ],
    });
  });

  it.each([
    [
      'a missing column',
      'code,name,level\n120000000000,天津市,city',
      1,
      'parent_code',
      /lacks the column parent_code/,
    ],
    ['an unknown column', `${HEADER},area\n120000000000,天津市,city,,5`, 1, 'area', /unknown column "area"/],
    ['no rows', HEADER, 2, null, /no rows/],
    ['a wrong number of cells', csv('120000000000,天津市,city,,extra'), 2, null, /Invalid Record Length/i],
    ['an unclosed quote', csv('120000000000,"天津市,city,'), 2, null, /quote/i],
    ['an unknown level', csv('120000000000,天津市,province,'), 2, 'level', /"province" is not one of/],
    [
      'a wrongly segmented code',
      csv('120000000000,天津市,city,', '120101001000,和平区,district,120000000000'),
      3,
      'code',
      /denote a street/,
    ],
    ['a letter in a code', csv('12010100100X,社区,community,120101001000'), 2, 'code', /digits only/],
    ['an empty name', csv('120000000000,,city,'), 2, 'name', /empty/],
    [
      'a negative household count',
      `${HEADER},households\n120000000000,天津市,city,,-4`,
      2,
      'households',
      /whole number/,
    ],
    [
      'a grid kind on a street',
      `${HEADER},grid_kind\n120101001000,街道,street,120101000000,basic`,
      2,
      'grid_kind',
      /only grids/,
    ],
    [
      'a dedicated type on a basic grid',
      `${HEADER},grid_kind,dedicated_type\n120101001001001,网格,grid,120101001001,basic,school`,
      2,
      'dedicated_type',
      /needs grid_kind dedicated/,
    ],
    [
      'a repeated code',
      csv(
        '120000000000,天津市,city,',
        '120101000000,和平区,district,120000000000',
        '120000000000,天津,city,',
      ),
      4,
      'code',
      /repeats line 2/,
    ],
  ])('refuses %s, naming line %i', (_name, text, line, column, message) => {
    const parsed = parseDivisionsCsv(text, 3);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem).toMatchObject({ line, column });
    expect(parsed.problem.message).toMatch(message);
  });
});

const city: KnownRegion = {
  code: '120000000000',
  level: 'city',
  parentCode: null,
  path: '120000000000/',
  retired: false,
  name: '天津市',
  households: null,
  population: null,
  gridKind: null,
  dedicatedType: null,
};
const heping: KnownRegion = {
  ...city,
  code: '120101000000',
  level: 'district',
  parentCode: city.code,
  path: '120000000000/120101000000/',
  name: '和平区',
};
const retiredStreet: KnownRegion = {
  ...heping,
  code: '120101009000',
  level: 'street',
  parentCode: heping.code,
  path: `${heping.path}120101009000/`,
  retired: true,
};
const known = new Map([city, heping, retiredStreet].map((r) => [r.code, r]));

function plan(...lines: string[]) {
  const parsed = parseDivisionsCsv(csv(...lines), 3);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return planDivisionsImport(parsed.rows, known);
}

describe('planDivisionsImport', () => {
  it('creates parents before children whatever the order of the file, with their paths', () => {
    const result = plan(
      '120101001001001,第1网格,grid,120101001001',
      '120101001001,社区,community,120101001000',
      '120101001000,劝业场街道,street,120101000000',
    );
    expect(result.ok && result.plan.creates.map((c) => [c.code, c.path, c.depth, c.gridKind])).toEqual([
      ['120101001000', '120000000000/120101000000/120101001000/', 2, null],
      ['120101001001', '120000000000/120101000000/120101001000/120101001001/', 3, null],
      ['120101001001001', '120000000000/120101000000/120101001000/120101001001/120101001001001/', 4, 'basic'],
    ]);
  });

  it('updates the names of regions that exist and leaves identical ones alone', () => {
    const result = plan('120000000000,天津市,city,', '120101000000,和平新区,district,120000000000');
    expect(result).toEqual({
      ok: true,
      plan: {
        creates: [],
        updates: [{ code: '120101000000', before: { name: '和平区' }, after: { name: '和平新区' } }],
        unchanged: 1,
      },
    });
  });

  it.each([
    [
      'an unknown parent',
      ['120101002000,街道,street,120101099000'],
      2,
      'parent_code',
      /neither in the file nor/,
    ],
    [
      'a parent of the wrong level',
      ['120101001001,社区,community,120101000000'],
      2,
      'parent_code',
      /must be a street/,
    ],
    [
      'a code not extending its parent',
      ['120102001000,街道,street,120101000000'],
      2,
      'code',
      /start with 120101\)/,
    ],
    ['a retired parent', ['120101009001,社区,community,120101009000'], 2, 'parent_code', /retired/],
    [
      'an existing code under another parent',
      ['120101000000,和平区,district,'],
      2,
      'parent_code',
      /move it instead/,
    ],
    [
      'an existing code of another level',
      ['120101000000,和平区,street,120000000000'],
      2,
      'code',
      /denote a district/,
    ],
    [
      'the earliest bad line of several',
      [
        '120101002000,街道,street,120101000000',
        '120101002001,社区,community,120101000000',
        '120101003001,社区,community,120101003999',
      ],
      3,
      'parent_code',
      /must be a street/,
    ],
  ])('refuses %s, naming line %i', (_name, lines, line, column, message) => {
    const parsed = parseDivisionsCsv(csv(...lines), 3);
    const problem = parsed.ok
      ? (planDivisionsImport(parsed.rows, known) as { problem?: unknown }).problem
      : parsed.problem;
    expect(problem).toMatchObject({ line, column });
    expect((problem as { message: string }).message).toMatch(message);
  });
});
