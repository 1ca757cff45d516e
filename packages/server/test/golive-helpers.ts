import type { FastifyInstance } from 'fastify';
import { writeWorkbook } from '../src/lib/spreadsheet.ts';
import { loginAs } from './login.ts';

/** A multipart upload of one file in the field "file". */
export function upload(name: string, data: Buffer | string, type = 'application/octet-stream') {
  const boundary = '----civicgrid-setup';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    Buffer.isBuffer(data) ? data : Buffer.from(data),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export type Rows = (string | number | null)[][];

/** An .xlsx with the given sheets (first row: column names). */
export const workbook = (sheets: Record<string, { columns: string[]; rows: Rows }>) =>
  writeWorkbook(Object.entries(sheets).map(([name, s]) => ({ name, ...s })));

/** Log in with a one-time password and choose a new one (as the console makes a new user do). */
export async function firstLogin(
  app: FastifyInstance,
  username: string,
  oneTime: string,
  chosen = 'Chosen#Pass2026',
) {
  const first = await loginAs(app, username, oneTime);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/password',
    headers: first.headers,
    payload: { currentPassword: oneTime, newPassword: chosen },
  });
  if (res.statusCode !== 204)
    throw new Error(`password change for ${username}: ${res.statusCode} ${res.body}`);
  return loginAs(app, username, chosen);
}

/** Send a setup file as a logged-in user. */
export async function postFile(
  app: FastifyInstance,
  headers: Record<string, string>,
  url: string,
  name: string,
  data: Buffer | string,
) {
  const u = upload(name, data);
  return app.inject({ method: 'POST', url, headers: { ...headers, ...u.headers }, payload: u.payload });
}
