import type { FieldError } from '../../http/problem.ts';
import {
  DISPUTE_TYPES,
  type DisputeType,
  isDisputeType,
  RISK_LEVELS,
  type RiskLevel,
} from './dispute-facts.ts';

/**
 * The disputes ledger (矛盾纠纷台账) as a 矛调中心 keeps it: one row per dispute under merged group
 * headers (basic facts, parties, mediation, result). The same layout is exported and imported;
 * import reads the columns it can write (the first two groups) and ignores the rest. Pure.
 */
export type Cell = string | number | Date | null;

export interface LedgerColumn {
  key: string;
  /** The header as the ledger prints it; also accepted: the key itself. */
  zh: string;
  group: '基本情况' | '当事人' | '调解情况' | '化解结果';
  width: number;
  imported?: boolean;
}

export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  { key: 'key', zh: '台账编号', group: '基本情况', width: 22, imported: true },
  { key: 'type', zh: '纠纷类型', group: '基本情况', width: 14, imported: true },
  { key: 'grid', zh: '网格代码', group: '基本情况', width: 18, imported: true },
  { key: 'screenedAt', zh: '排查日期', group: '基本情况', width: 12, imported: true },
  { key: 'matter', zh: '纠纷事项', group: '基本情况', width: 40, imported: true },
  { key: 'amount', zh: '涉及金额（元）', group: '基本情况', width: 12, imported: true },
  { key: 'people', zh: '涉及人数', group: '基本情况', width: 10, imported: true },
  { key: 'risk', zh: '风险等级', group: '基本情况', width: 10, imported: true },
  { key: 'applicant', zh: '申请人', group: '当事人', width: 12, imported: true },
  { key: 'applicantPhone', zh: '申请人电话', group: '当事人', width: 14, imported: true },
  { key: 'respondent', zh: '被申请人', group: '当事人', width: 12, imported: true },
  { key: 'respondentPhone', zh: '被申请人电话', group: '当事人', width: 14, imported: true },
  { key: 'org', zh: '调解组织', group: '调解情况', width: 24 },
  { key: 'mediators', zh: '调解员', group: '调解情况', width: 16 },
  { key: 'acceptedAt', zh: '受理日期', group: '调解情况', width: 12 },
  { key: 'dueAt', zh: '调解期限', group: '调解情况', width: 12 },
  { key: 'sessions', zh: '调解次数', group: '调解情况', width: 10 },
  { key: 'status', zh: '调解状态', group: '化解结果', width: 12 },
  { key: 'outcome', zh: '调解结果', group: '化解结果', width: 12 },
  { key: 'referral', zh: '转出去向', group: '化解结果', width: 20 },
  { key: 'closedAt', zh: '结案日期', group: '化解结果', width: 12 },
  { key: 'followUp', zh: '回访', group: '化解结果', width: 16 },
];

export const LEDGER_GROUPS = [...new Set(LEDGER_COLUMNS.map((c) => c.group))];
const REQUIRED = ['key', 'type', 'grid', 'matter', 'people', 'risk'] as const;
const RISK_NAMES: Record<string, RiskLevel> = { 低: 'low', 中: 'medium', 高: 'high' };
const TYPE_NAMES = new Map<string, DisputeType>(
  Object.entries(DISPUTE_TYPES).map(([code, [zh]]) => [zh, code as DisputeType]),
);

export interface LedgerRow {
  row: number;
  key: string;
  type: DisputeType;
  grid: string;
  screenedAt: string | null;
  matter: string;
  amount: number | null;
  people: number;
  risk: RiskLevel;
  applicant: { name: string; phone: string | null } | null;
  respondent: { name: string; phone: string | null } | null;
}

const text = (c: Cell | undefined) =>
  c instanceof Date ? c.toISOString().slice(0, 10) : String(c ?? '').trim();

/** Which header row (of the first few) names the columns, and where each column is. */
export function findHeader(rows: readonly (readonly Cell[])[]): {
  headerRow: number;
  columns: Record<string, number>;
  errors: FieldError[];
} {
  for (let r = 0; r < Math.min(rows.length, 5); r++) {
    const names = (rows[r] ?? []).map((c) => text(c).toLowerCase());
    const columns: Record<string, number> = {};
    for (const col of LEDGER_COLUMNS) {
      const i = names.findIndex((n) => n === col.zh.toLowerCase() || n === col.key.toLowerCase());
      if (i >= 0) columns[col.key] = i;
    }
    if ('key' in columns) {
      const errors = REQUIRED.filter((k) => !(k in columns)).map((k) => ({
        field: `columns.${k}`,
        message: `no column ${LEDGER_COLUMNS.find((c) => c.key === k)?.zh} (${k})`,
      }));
      return { headerRow: r, columns, errors };
    }
  }
  return {
    headerRow: 0,
    columns: {},
    errors: [{ field: 'columns.key', message: 'no column 台账编号 (key)' }],
  };
}

/** One ledger row read and checked by itself (types, numbers, dates); errors name `rows.<n>.<column>`. */
export function readLedgerRow(
  cells: readonly Cell[],
  columns: Record<string, number>,
  row: number,
): { row?: LedgerRow; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const get = (k: string) => (k in columns ? text(cells[columns[k] as number]) : '');
  const bad = (k: string, message: string) => errors.push({ field: `rows.${row}.${k}`, message });
  for (const k of REQUIRED) if (!get(k)) bad(k, 'is required');
  const typeText = get('type');
  const type = isDisputeType(typeText) ? typeText : TYPE_NAMES.get(typeText);
  if (typeText && !type) bad('type', `unknown dispute type ${typeText}`);
  const grid = get('grid');
  if (grid && !/^\d{15,16}$/.test(grid)) bad('grid', `not a grid code: ${grid}`);
  const riskText = get('risk');
  const risk = (RISK_LEVELS as readonly string[]).includes(riskText)
    ? (riskText as RiskLevel)
    : RISK_NAMES[riskText];
  if (riskText && !risk) bad('risk', `unknown risk level ${riskText} (低/中/高)`);
  const people = Number(get('people'));
  if (get('people') && !(Number.isInteger(people) && people >= 2 && people <= 100_000))
    bad('people', 'a whole number of at least 2');
  const amountText = get('amount').replace(/,/g, '');
  const amount = amountText === '' ? null : Number(amountText);
  if (amount !== null && !(Number.isFinite(amount) && amount >= 0 && amount <= 1e11))
    bad('amount', 'a number of yuan, 0 or more');
  const dateText = get('screenedAt');
  const screenedAt = dateText ? new Date(`${dateText.slice(0, 10)}T00:00:00+08:00`) : null;
  if (dateText && (!/^\d{4}-\d{2}-\d{2}/.test(dateText) || Number.isNaN(screenedAt?.getTime())))
    bad('screenedAt', 'a date YYYY-MM-DD');
  const matter = get('matter');
  if (matter.length > 5000) bad('matter', 'at most 5,000 characters');
  const key = get('key');
  if (key.length > 100) bad('key', 'at most 100 characters');
  const party = (name: string, phone: string) => {
    const n = get(name);
    const p = get(phone);
    if (p && !/^\+?[0-9 -]{5,20}$/.test(p)) bad(phone, `not a phone number: ${p}`);
    if (n.length > 100) bad(name, 'at most 100 characters');
    return n ? { name: n, phone: p || null } : null;
  };
  const applicant = party('applicant', 'applicantPhone');
  const respondent = party('respondent', 'respondentPhone');
  if (errors.length) return { errors };
  return {
    errors,
    row: {
      row,
      key,
      type: type as DisputeType,
      grid,
      screenedAt: screenedAt ? screenedAt.toISOString() : null,
      matter,
      amount,
      people,
      risk: risk as RiskLevel,
      applicant,
      respondent,
    },
  };
}
