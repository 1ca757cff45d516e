import { describe, expect, it } from 'vitest';
import { type Cell, findHeader, LEDGER_COLUMNS, readLedgerRow } from './ledger.ts';

const header = LEDGER_COLUMNS.map((c) => c.zh);
const columns = findHeader([LEDGER_COLUMNS.map((c) => c.group), header]).columns;
const row = (over: Record<string, Cell>): Cell[] => {
  const base: Record<string, Cell> = {
    key: 'HP-2026-001',
    type: '邻里纠纷',
    grid: '120101001001001',
    screenedAt: '2026-11-03',
    matter: '楼上漏水',
    amount: '3,000',
    people: 2,
    risk: '中',
    applicant: '赵大海',
    applicantPhone: '13800138001',
    respondent: '钱小川',
    respondentPhone: '',
    ...over,
  };
  return LEDGER_COLUMNS.map((c) => base[c.key] ?? null);
};

describe('disputes ledger rows', () => {
  it('finds the column header under the merged group row', () => {
    const found = findHeader([LEDGER_COLUMNS.map((c) => c.group), header]);
    expect(found.headerRow).toBe(1);
    expect(found.errors).toEqual([]);
  });

  it('names each missing required column', () => {
    const found = findHeader([['台账编号', '纠纷类型', '网格代码']]);
    expect(found.errors.map((e) => e.field)).toEqual(['columns.matter', 'columns.people', 'columns.risk']);
  });

  it('reads Chinese names and codes alike', () => {
    expect(readLedgerRow(row({}), columns, 3).row).toMatchObject({
      type: 'neighbour',
      risk: 'medium',
      amount: 3000,
      people: 2,
      screenedAt: '2026-11-02T16:00:00.000Z',
      applicant: { name: '赵大海', phone: '13800138001' },
      respondent: { name: '钱小川', phone: null },
    });
    expect(readLedgerRow(row({ type: 'labour', risk: 'high' }), columns, 3).row).toMatchObject({
      type: 'labour',
      risk: 'high',
    });
  });

  it.each([
    ['an unknown type', { type: '宠物纠纷' }, 'rows.7.type'],
    ['a grid that is no grid code', { grid: '和平区' }, 'rows.7.grid'],
    ['an unknown risk', { risk: '极高' }, 'rows.7.risk'],
    ['one person', { people: 1 }, 'rows.7.people'],
    ['a negative amount', { amount: -5 }, 'rows.7.amount'],
    ['a date that is no date', { screenedAt: '上周' }, 'rows.7.screenedAt'],
    ['no matter', { matter: '' }, 'rows.7.matter'],
    ['a phone that is no phone', { respondentPhone: '无' }, 'rows.7.respondentPhone'],
  ] as const)('refuses %s, naming the cell', (_what, over, field) => {
    const read = readLedgerRow(row(over), columns, 7);
    expect(read.row).toBeUndefined();
    expect(read.errors.map((e) => e.field)).toEqual([field]);
  });
});
