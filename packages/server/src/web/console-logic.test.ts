// The web console's pure logic, tested by tables of examples (it has no I/O; the browser suite in
// e2e/ drives the pages themselves).
import { describe, expect, it } from 'vitest';
import { leafCategories, normaliseCategories } from '../../../web/src/api/categories.ts';
import { boundsOf, colourExpression } from '../../../web/src/components/map-style.ts';
import { attributeRows } from '../../../web/src/domain/attribute-display.ts';
import { levelOfCode, mapLevelOfCode } from '../../../web/src/domain/region-code.ts';
import { summonsStatus } from '../../../web/src/domain/summons.ts';
import { formatTimeLeft, overdueFirst, timeLeft } from '../../../web/src/domain/time-left.ts';
import { en } from '../../../web/src/i18n/en.ts';
import { translate, translateValue } from '../../../web/src/i18n/translate.ts';
import { zh } from '../../../web/src/i18n/zh.ts';
import { ACTION_FORMS, buildPayload, offeredActions } from '../../../web/src/pages/case/action-forms.ts';
import { registerRows } from '../../../web/src/pages/inbox/register-rows.ts';
import { normaliseDemoUsers } from '../../../web/src/pages/login/demo-users.ts';
import { ACTION_PAYLOADS, CASE_ACTIONS, type CaseAction, payloadProblems } from '../cases/index.ts';

const NOW = new Date('2026-03-10T08:00:00Z');

describe('time left on a deadline', () => {
  it.each([
    ['2026-03-10T08:12:00Z', false, 'zh-CN', '12分'],
    ['2026-03-10T11:05:00Z', false, 'zh-CN', '3小时5分'],
    ['2026-03-12T11:05:00Z', false, 'zh-CN', '2天3小时'],
    ['2026-03-12T11:05:00Z', false, 'en', '2d 3h'],
    ['2026-03-10T05:00:00Z', true, 'en', '3h 0m'],
    ['2026-03-10T07:59:00Z', true, 'zh-CN', '1分'],
  ] as const)('%s → overdue %s, "%s" %s', (due, overdue, lang, text) => {
    const left = timeLeft(due, NOW);
    expect(left.overdue).toBe(overdue);
    expect(formatTimeLeft(left, lang)).toBe(text);
  });

  it('puts red cards first, then yellow, then the nearest deadline, cases without one last', () => {
    const at = '2026-03-01T00:00:00Z';
    const items = [
      { id: 1, card: 'none', dueAt: '2026-03-11T00:00:00Z', reportedAt: at },
      { id: 2, card: 'yellow', dueAt: '2026-03-15T00:00:00Z', reportedAt: at },
      { id: 3, card: 'none', dueAt: null, reportedAt: at },
      { id: 4, card: 'red', dueAt: '2026-03-09T00:00:00Z', reportedAt: at },
      { id: 5, card: 'none', dueAt: '2026-03-10T12:00:00Z', reportedAt: at },
      { id: 6, card: 'red', dueAt: '2026-03-08T00:00:00Z', reportedAt: at },
    ];
    expect(overdueFirst(items).map((x) => x.id)).toEqual([6, 4, 2, 5, 1, 3]);
  });
});

describe('summons status', () => {
  it.each([
    [{ doneAt: '2026-03-10T07:00:00Z', reportedInAt: '2026-03-09T00:00:00Z' }, 'done'],
    [{ reportedInAt: '2026-03-09T00:00:00Z', reportInDueAt: '2026-03-09T12:00:00Z' }, 'reported_in'],
    [{ reportInDueAt: '2026-03-10T07:00:00Z' }, 'overdue'],
    [{ reportInDueAt: '2026-03-10T09:00:00Z' }, 'open'],
    [{}, 'open'],
  ])('%o → %s', (s, status) => {
    expect(summonsStatus(s, NOW)).toBe(status);
  });
});

describe('action forms match the server’s payload schemas', () => {
  it('has a form for every workflow action the case page offers', () => {
    const offered = offeredActions([...CASE_ACTIONS]);
    for (const action of offered) expect(ACTION_FORMS[action], action).toBeDefined();
    expect(offered).not.toContain('attach');
  });

  const filled: Record<string, unknown> = {
    comment: ' 已核实 ',
    reason: '需要上级协调',
    result: '已处置',
    conclusion: '办结',
    text: '备注',
    note: '请知悉',
    unitId: 7,
    unitIds: [7, '8'],
    reportInHours: 24,
    hours: 48,
    score: 4,
    rating: 'satisfied',
    intoCaseId: 12,
  };
  it.each(CASE_ACTIONS.filter((a) => a !== 'attach'))('%s: a completed form is a valid payload', (action) => {
    const values = Object.fromEntries((ACTION_FORMS[action] ?? []).map((f) => [f.name, filled[f.name]]));
    expect(payloadProblems(action as CaseAction, buildPayload(action, values))).toEqual([]);
  });

  it.each(CASE_ACTIONS.filter((a) => a !== 'attach'))(
    '%s: the form requires what the schema requires',
    (action) => {
      const schema = ACTION_PAYLOADS[action as CaseAction] as { required?: string[] };
      const required = (ACTION_FORMS[action] ?? []).filter((f) => f.required).map((f) => f.name);
      expect(required.sort()).toEqual([...(schema.required ?? [])].sort());
    },
  );

  it('leaves out empty optional fields, trims text and turns picked ids into numbers', () => {
    expect(buildPayload('accept', { comment: '   ' })).toEqual({});
    expect(buildPayload('dispatch', { unitId: 3, comment: ' 请办理 ' })).toEqual({
      unitId: 3,
      comment: '请办理',
    });
    expect(buildPayload('summon', { unitIds: ['4', 5], reportInHours: 12, comment: '' })).toEqual({
      unitIds: [4, 5],
      reportInHours: 12,
    });
  });
});

describe('i18n tables', () => {
  it('English has every key of Chinese and no empty text', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [k, v] of Object.entries(en)) expect(v.trim(), k).not.toBe('');
  });

  it.each([
    ['zh-CN', 'newCase.submitted', { number: '120101-2026-000001' }, '事件已上报：120101-2026-000001'],
    ['en', 'newCase.submitted', { number: '120101-2026-000001' }, 'Case reported: 120101-2026-000001'],
    ['en', 'common.total', { n: 3 }, '3 in all'],
  ] as const)('%s %s', (lang, key, vars, text) => {
    expect(translate(lang, key, vars)).toBe(text);
  });

  it.each([
    ['zh-CN', 'status', 'handling', '处置中'],
    ['en', 'action', 'summons_report_in', 'Report in'],
    ['en', 'status', 'something_new', 'something_new'],
    ['zh-CN', 'kind', null, ''],
  ] as const)('%s %s.%s → %s', (lang, prefix, value, text) => {
    expect(translateValue(lang, prefix, value)).toBe(text);
  });

  it('names every case state, action and inbox step in both languages', () => {
    const states = [
      'reported',
      'accepted',
      'dispatched',
      'handling',
      'resolved',
      'closed',
      'rejected',
      'withdrawn',
    ];
    for (const s of states) expect(translateValue('en', 'status', s)).not.toBe(s);
    for (const a of CASE_ACTIONS) expect(translateValue('zh-CN', 'action', a)).not.toBe(a);
    for (const s of [
      'to_accept',
      'to_dispatch',
      'to_handle',
      'to_verify',
      'summoned',
      'supervised',
      'overdue',
    ])
      expect(translateValue('en', 'step', s)).not.toBe(s);
  });
});

describe('answers from the API in the console’s shape', () => {
  it.each([
    [
      { password: 'P@ss', users: [{ username: 'a', displayName: 'A', role: 'admin' }] },
      'P@ss',
      [['a', ['admin']]],
    ],
    [[{ username: 'b', roles: ['leader', 'admin'] }], 'Demo@2026', [['b', ['leader', 'admin']]]],
  ])('demo users %#', (answer, password, users) => {
    const list = normaliseDemoUsers(answer);
    expect(list?.password).toBe(password);
    expect(list?.users.map((u) => [u.username, u.roles])).toEqual(users);
  });

  it('shows no demo list when there are no users', () => {
    expect(normaliseDemoUsers({ password: 'x', users: [] })).toBeNull();
    expect(normaliseDemoUsers(null)).toBeNull();
  });

  it('keeps active leaf categories to file cases under', () => {
    const all = normaliseCategories({
      items: [
        {
          code: 'request.municipal',
          kind: 'request',
          parentCode: null,
          nameZh: '市政设施',
          nameEn: 'Municipal',
        },
        {
          code: 'request.road',
          kind: 'request',
          parentCode: 'request.municipal',
          nameZh: '道路破损',
          nameEn: 'Road',
        },
        {
          code: 'request.old',
          kind: 'request',
          parentCode: 'request.municipal',
          nameZh: '旧',
          nameEn: 'Old',
          retired: true,
        },
      ],
    });
    expect(all.map((c) => c.code)).toEqual(['request.municipal', 'request.road']);
    expect(leafCategories(all).map((c) => c.code)).toEqual(['request.road']);
  });

  it('shows attribute values with their labels and option names', () => {
    const defs = [
      {
        code: 'risk_level',
        label_zh: '风险等级',
        label_en: 'Risk level',
        type: 'single' as const,
        required: true,
        options: [{ value: 'low', label_zh: '一般', label_en: 'Low' }],
      },
      {
        code: 'parties_count',
        label_zh: '当事人数',
        label_en: 'Parties',
        type: 'number' as const,
        required: true,
      },
    ];
    const values = { parties_count: 2, risk_level: 'low', extra: true };
    expect(attributeRows(values, defs, 'zh-CN', ['是', '否'])).toEqual([
      { code: 'risk_level', label: '风险等级', text: '一般' },
      { code: 'parties_count', label: '当事人数', text: '2' },
      { code: 'extra', label: 'extra', text: '是' },
    ]);
    expect(attributeRows({ risk_level: 'low' }, defs, 'en', ['Yes', 'No'])[0]).toEqual({
      code: 'risk_level',
      label: 'Risk level',
      text: 'Low',
    });
  });
});

describe('map helpers', () => {
  it('bounds every coordinate of polygons and multipolygons', () => {
    const fc = {
      type: 'FeatureCollection' as const,
      features: [
        {
          type: 'Feature' as const,
          properties: { code: 'a', name: 'A', level: 'grid' },
          geometry: {
            type: 'Polygon' as const,
            coordinates: [
              [
                [117, 39],
                [117.2, 39],
                [117.2, 39.1],
                [117, 39],
              ],
            ],
          },
        },
        {
          type: 'Feature' as const,
          properties: { code: 'b', name: 'B', level: 'grid' },
          geometry: {
            type: 'MultiPolygon' as const,
            coordinates: [
              [
                [
                  [116.9, 39.2],
                  [117, 39.2],
                  [117, 39.3],
                  [116.9, 39.2],
                ],
              ],
            ],
          },
        },
      ],
    };
    expect(boundsOf(fc)).toEqual([116.9, 39, 117.2, 39.3]);
    expect(boundsOf({ type: 'FeatureCollection', features: [] })).toBeNull();
  });

  it('colours regions from light to dark by their figure, grey when unknown', () => {
    expect(colourExpression(undefined)).toBe('#9ec5ea');
    const expr = colourExpression({ a: 0, b: 5, c: 10 }) as unknown[];
    expect(expr.slice(0, 2)).toEqual(['match', ['get', 'code']]);
    expect(expr.slice(2, 8)).toEqual(['a', '#e6f0fa', 'b', '#6fa8dc', 'c', '#123e73']);
    expect(expr.at(-1)).toBe('#d9d9d9');
  });
});

describe('the case register (台账) export', () => {
  it('has one row per case with the register’s columns in the user’s language', () => {
    const tv = (prefix: string, v: string | null | undefined) => translateValue('zh-CN', prefix, v);
    const { columns, rows } = registerRows(
      [
        {
          id: 1,
          number: '120101-2026-000001',
          kind: 'dispute',
          categoryCode: 'dispute.neighbour',
          title: '楼上漏水',
          status: 'handling',
          card: 'yellow',
          priority: 'high',
          gridCode: '120101001001001',
          streetName: '劝业场街道',
          communityName: '花园路社区居委会',
          gridName: '第1网格',
          reportedAt: '2026-03-01T02:00:00Z',
          dueAt: null,
          overdue: false,
        },
      ],
      { t: (k) => translate('zh-CN', k), tv, lang: 'zh-CN', categoryName: () => '邻里纠纷' },
    );
    expect(columns.map((c) => c.header)).toEqual([
      '事件编号',
      '标题',
      '类型',
      '类别',
      '状态',
      '预警',
      '紧急程度',
      '街道',
      '社区',
      '网格',
      '网格编码',
      '上报时间',
      '办理时限',
    ]);
    expect(rows[0]).toMatchObject({
      number: '120101-2026-000001',
      kind: '矛盾纠纷',
      category: '邻里纠纷',
      status: '处置中',
      card: '黄牌预警',
      priority: '高',
      street: '劝业场街道',
      community: '花园路社区居委会',
      grid: '第1网格',
      gridCode: '120101001001001',
      dueAt: '',
    });
  });
});

describe('region codes', () => {
  it.each([
    ['120000000000', 'city', 'district'],
    ['120101000000', 'district', 'street'],
    ['120101001000', 'street', 'community'],
    ['120101001001', 'community', 'grid'],
    ['120101001001001', 'grid', 'grid'],
  ] as const)('%s is a %s; its map shows %s', (code, level, mapLevel) => {
    expect(levelOfCode(code)).toBe(level);
    expect(mapLevelOfCode(code)).toBe(mapLevel);
  });
});
