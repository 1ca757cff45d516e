import ExcelJS from 'exceljs';
import type { TestApp } from './harness.ts';
import type { LoggedIn } from './login.ts';

/** A real 1×1 PNG, as the phone's camera would send a photo (base64). */
export const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export const photo = (lon = 117.2, lat = 39.12) => ({
  data: PNG,
  takenAt: new Date().toISOString(),
  lon,
  lat,
});

export function api(t: TestApp) {
  return async (who: LoggedIn | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
    const res = await t.app.inject({
      method,
      url,
      headers: who?.headers ?? {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return {
      status: res.statusCode,
      // biome-ignore lint/suspicious/noExplicitAny: tests read answers of many shapes
      body: res.body ? (safeJson(res.body) as any) : null,
      raw: res.rawPayload,
    };
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A workbook with the given rows (first row: header), as an Excel file. */
export async function workbook(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('places');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart body with one file field. */
export function multipart(
  file: Buffer,
  name = 'places.xlsx',
  type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
) {
  const boundary = `----cg${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, file, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Answers to every item: the listed codes fail (with a photo), the rest pass (counts at their minimum). */
export function answers(items: { code: string; answerType: string; min?: number }[], failing: string[]) {
  return items.map((i) => {
    const fail = failing.includes(i.code);
    if (i.answerType === 'count')
      return {
        itemCode: i.code,
        outcome: fail ? 'fail' : 'pass',
        value: fail ? 0 : (i.min ?? 1),
        ...(fail ? { photos: [photo()] } : {}),
      };
    return { itemCode: i.code, outcome: fail ? 'fail' : 'pass', ...(fail ? { photos: [photo()] } : {}) };
  });
}
