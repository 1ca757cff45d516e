/** One value in PostgreSQL's COPY text format (tab-separated, `\N` for null). */
export function copyValue(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return v.replace(/[\\\t\n\r]/g, (ch) =>
    ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r',
  );
}

/** One COPY text line (with its newline). */
export const copyLine = (values: (string | number | boolean | null | undefined)[]) =>
  `${values.map(copyValue).join('\t')}\n`;

/** An instant as an ISO timestamp for a timestamptz column, or null. */
export const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
