import type { CaseSummary } from '../../api/types.ts';
import type { Lang, Translate } from '../../i18n/types.ts';

export interface ExportLabels {
  t: Translate;
  tv(prefix: string, v: string | null | undefined): string;
  lang: Lang;
  categoryName(code: string, lang: string): string;
}

/** The columns of a case the register shows. */
type RegisterCase = Pick<
  CaseSummary,
  | 'id'
  | 'number'
  | 'title'
  | 'kind'
  | 'categoryCode'
  | 'status'
  | 'card'
  | 'overdue'
  | 'priority'
  | 'gridCode'
  | 'streetName'
  | 'communityName'
  | 'gridName'
  | 'reportedAt'
  | 'dueAt'
>;

/** The 台账 rows: one per case, the register's columns, in the user's language. */
export function registerRows(items: RegisterCase[], { t, tv, lang, categoryName }: ExportLabels) {
  const when = (v: string | null | undefined) => (v ? new Date(v).toLocaleString(lang) : '');
  const columns = [
    { header: t('case.number'), key: 'number', width: 22 },
    { header: t('case.title'), key: 'title', width: 36 },
    { header: t('case.kind'), key: 'kind', width: 10 },
    { header: t('case.category'), key: 'category', width: 18 },
    { header: t('case.status'), key: 'status', width: 10 },
    { header: t('case.card'), key: 'card', width: 12 },
    { header: t('case.priority'), key: 'priority', width: 10 },
    { header: t('case.street'), key: 'street', width: 18 },
    { header: t('case.community'), key: 'community', width: 22 },
    { header: t('case.grid'), key: 'grid', width: 16 },
    { header: t('case.gridCode'), key: 'gridCode', width: 18 },
    { header: t('case.reportedAt'), key: 'reportedAt', width: 20 },
    { header: t('case.dueAt'), key: 'dueAt', width: 20 },
  ];
  const rows = items.map((c) => ({
    number: c.number,
    title: c.title,
    kind: tv('kind', c.kind),
    category: categoryName(c.categoryCode, lang),
    status: tv('status', c.status),
    card: tv('card', c.overdue ? 'red' : (c.card ?? 'none')),
    priority: tv('priority', c.priority),
    street: c.streetName ?? '',
    community: c.communityName ?? '',
    grid: c.gridName ?? '',
    gridCode: c.gridCode ?? '',
    reportedAt: when(c.reportedAt),
    dueAt: when(c.dueAt),
  }));
  return { columns, rows };
}
