import { writeWorkbook } from '../lib/spreadsheet.ts';

/** The sheet as an Excel workbook for the administrator to hand out (each user changes theirs at first log-in). */
export function passwordWorkbook(
  rows: { username: string; displayName: string; password: string; posts: string }[],
): Promise<Buffer> {
  return writeWorkbook([
    {
      name: 'passwords',
      columns: ['username', 'display_name', 'one_time_password', 'posts'],
      rows: rows.map((r) => [r.username, r.displayName, r.password, r.posts]),
    },
  ]);
}
