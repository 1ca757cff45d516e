import type { CaseSummary } from '../../api/types.ts';
import { type ExportLabels, registerRows } from './register-rows.ts';

/** Download the current list as an Excel workbook (exceljs is loaded only when someone exports). */
export async function exportCases(items: CaseSummary[], labels: ExportLabels) {
  const { default: ExcelJS } = await import('exceljs');
  const { columns, rows } = registerRows(items, labels);
  const book = new ExcelJS.Workbook();
  book.creator = 'CivicGrid';
  const sheet = book.addWorksheet(labels.t('inbox.exportFile'));
  sheet.columns = columns;
  sheet.addRows(rows);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const buffer = await book.xlsx.writeBuffer();
  const blob = new Blob([buffer], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${labels.t('inbox.exportFile')}-${new Date().toISOString().slice(0, 10)}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
