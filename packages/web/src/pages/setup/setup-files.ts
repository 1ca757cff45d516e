import { ApiProblem, api, withQuery } from '../../api/client.ts';

type Query = Record<string, string | number | boolean | undefined>;

/** Send one setup file (multipart field "file") to an import endpoint; `dryRun` only checks it. */
export function sendSetupFile<T>(path: string, file: File, query: Query, dryRun: boolean): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<T>(withQuery(path, { ...query, dryRun }), { method: 'POST', body: form });
}

/** Download a file the server answers (a workbook) under `filename`, with the session cookie. */
export async function downloadFile(path: string, filename: string): Promise<void> {
  const res = await fetch(`/api/v1/${path}`, { credentials: 'same-origin' });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { title?: string; detail?: string };
    throw new ApiProblem(res.status, body.title ?? res.statusText, body.detail);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
