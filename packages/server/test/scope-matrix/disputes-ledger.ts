import ExcelJS from 'exceljs';
import { LEDGER_COLUMNS } from '../../src/disputes/domain/ledger.ts';
import { answers, each, type MatrixEntry, type MatrixFixture } from './types.ts';

/**
 * The disputes ledger (台账): its export answers those who read disputes, for a region they read
 * (another is 404); its import (a dry run of one new row in the side's grid) checks each row's grid
 * inside the importer's area: outside it the row is refused like a grid that does not exist (422).
 */
const side = (f: MatrixFixture, inside: boolean) => (inside ? f.inside : f.outside);
const NOT_READERS = ['urban_handler', 'housing_handler', 'police_handler', 'inspector', 'auditor'] as const;

async function ledgerFile(f: MatrixFixture, inside: boolean) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('台账');
  sheet.addRow(LEDGER_COLUMNS.map((c) => c.zh));
  const row: Record<string, string | number> = {
    key: `M-${f.unique()}`,
    type: '邻里纠纷',
    grid: side(f, inside).grid.code,
    matter: '矩阵台账导入',
    people: 2,
    risk: '低',
    applicant: '甲',
    respondent: '乙',
  };
  sheet.addRow(LEDGER_COLUMNS.map((c) => row[c.key] ?? null));
  const file = Buffer.from(await book.xlsx.writeBuffer());
  const boundary = '----matrix-ledger';
  return {
    method: 'POST' as const,
    url: '/api/v1/disputes-ledger/import?dryRun=true',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="l.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

export const ledgerEntries: MatrixEntry[] = [
  {
    route: 'GET /api/v1/disputes-ledger',
    inside: (f) => ({ method: 'GET', url: `/api/v1/disputes-ledger?region=${f.inside.community.code}` }),
    outside: (f) => ({ method: 'GET', url: `/api/v1/disputes-ledger?region=${f.outside.community.code}` }),
    expect: answers([200, 404], {
      ...each([...NOT_READERS], [404, 404]),
      admin: [200, 200],
      city_leader: [200, 200],
      hexi_op: [404, 200],
    }),
  },
  {
    route: 'POST /api/v1/disputes-ledger/import',
    inside: (f) => ledgerFile(f, true),
    outside: (f) => ledgerFile(f, false),
    expect: answers([422, 422], {
      ...each(['gridworker', 'community_op', 'street_op', 'district_op', 'mediator'], [200, 422]),
      hexi_op: [422, 200],
    }),
  },
];
