import type { CaseSummary } from '../../api/types.ts';
import type { Lang, Translate } from '../../i18n/index.tsx';

/** The 台账 an operator expects: one row per case, the columns of the register, in the user's language. */
export async function exportCases(
  items: CaseSummary[],
  i18n: { t: Translate; tv(prefix: string, v: string | null | undefined): string; lang: Lang },
) {
  const { t, tv, lang } = i18n;
  // exceljs is loaded only when someone exports
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'CivicGrid';
  const sheet = book.addWorksheet(t('inbox.exportFile'));
  const when = (v: string | null | undefined) => (v ? new Date(v).toLocaleString(lang) : '');
  sheet.columns = [
    { header: t('case.number'), key: 'number', width: 22 },
    { header: t('case.title'), key: 'title', width: 36 },
    { header: t('case.kind'), key: 'kind', width: 10 },
    { header: t('case.category'), key: 'category', width: 18 },
    { header: t('case.status'), key: 'status', width: 10 },
    { header: t('case.step'), key: 'step', width: 10 },
    { header: t('case.card'), key: 'card', width: 12 },
    { header: t('case.region'), key: 'grid', width: 22 },
    { header: t('case.address'), key: 'address', width: 30 },
    { header: t('case.unit'), key: 'unit', width: 22 },
    { header: t('case.reportedAt'), key: 'reportedAt', width: 20 },
    { header: t('case.dueAt'), key: 'dueAt', width: 20 },
  ];
  for (const c of items) {
    sheet.addRow({
      number: c.number,
      title: c.title,
      kind: tv('kind', c.kind),
      category: (lang === 'en' ? c.categoryNameEn : c.categoryName) ?? c.categoryCode,
      status: tv('status', c.status),
      step: tv('step', c.step),
      card: tv('card', c.card ?? 'none'),
      grid: c.gridName ?? c.gridCode ?? '',
      address: c.address ?? '',
      unit: c.currentUnitName ?? '',
      reportedAt: when(c.reportedAt),
      dueAt: when(c.dueAt),
    });
  }
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const buffer = await book.xlsx.writeBuffer();
  const blob = new Blob([buffer], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${t('inbox.exportFile')}-${new Date().toISOString().slice(0, 10)}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
