import { PassThrough, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnName, XlsxWriter } from './xlsx-writer.ts';

const modified = new Date('2026-03-01T08:00:00Z');

async function collect(stream: PassThrough): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function read(data: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ArrayBuffer);
  return book;
}

describe('xlsx writer', () => {
  it('names columns like Excel', () => {
    expect([1, 2, 26, 27, 52, 53, 702, 703].map(columnName)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });

  it('writes a workbook ExcelJS reads back: merged and frozen headers, widths, styles, every row and value', async () => {
    const out = new PassThrough();
    const bytes = collect(out);
    const xlsx = await XlsxWriter.open(
      out,
      {
        name: '台账',
        creator: 'CivicGrid',
        columns: [{ width: 22 }, { width: 14 }, { width: 40 }, { width: 10 }],
        frozenRows: 2,
        merges: [{ row: 1, from: 1, to: 3 }],
      },
      { modified },
    );
    xlsx.row(['基本情况', '', '', '结果'], 'header');
    xlsx.row(['编号', '类型', '事项', '金额'], 'bold');
    const rows = 12_000; // more than one chunk of XML
    for (let i = 0; i < rows; i++) {
      xlsx.row([`K-${i}`, i % 2 ? '邻里纠纷' : null, ` <a&b> "q" \u0001 ${i} `, i * 1.5]);
      if (i % 1000 === 0) await xlsx.flush();
    }
    await xlsx.close();
    const book = await read(await bytes);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.name).toBe('台账');
    expect(sheet.getCell('A1').value).toBe('基本情况');
    expect(sheet.getCell('B1').isMerged).toBe(true);
    expect(sheet.getCell('C1').isMerged).toBe(true);
    expect(sheet.getCell('D1').isMerged).toBe(false);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('A1').alignment?.horizontal).toBe('center');
    expect(sheet.getCell('B2').font?.bold).toBe(true);
    expect(sheet.getCell('A3').font?.bold).toBeFalsy();
    expect(sheet.getColumn(3).width).toBe(40);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.rowCount).toBe(rows + 2);
    expect(sheet.getRow(3).values).toEqual([undefined, 'K-0', undefined, ' <a&b> "q"  0 ', 0]);
    expect(sheet.getRow(4).values).toEqual([undefined, 'K-1', '邻里纠纷', ' <a&b> "q"  1 ', 1.5]);
    const last = sheet.getRow(rows + 2);
    expect(last.getCell(1).value).toBe(`K-${rows - 1}`);
    expect(last.getCell(4).value).toBe((rows - 1) * 1.5);
  });

  it('waits for a slow reader instead of buffering the workbook', async () => {
    let taken = 0;
    let held: (() => void) | null = null;
    let paused = false;
    // a reader that holds back while paused
    const reader = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        taken += chunk.length;
        if (paused) held = done;
        else done();
      },
    });
    const out = new PassThrough({ highWaterMark: 1024 });
    out.pipe(reader);
    const xlsx = await XlsxWriter.open(out, { name: 's', columns: [{ width: 10 }] }, { modified, level: 0 });
    paused = true;
    for (let i = 0; i < 5000; i++) xlsx.row([`row ${i} ${'x'.repeat(100)}`]);
    let flushed = false;
    const pending = xlsx.flush().then(() => {
      flushed = true;
    });
    // the reader is handed a chunk it holds: from then on nothing moves until it lets go
    while (held === null) await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(flushed).toBe(false);
    expect(taken).toBeLessThan(200_000);
    paused = false;
    (held as (() => void) | null)?.();
    await pending;
    const closed = xlsx.close();
    await closed;
    expect(taken).toBeGreaterThan(500_000);
  });
});
