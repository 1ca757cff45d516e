/** The seconds in the server's "too many failed log-ins; try again in N s" (429), or null. */
export function lockSeconds(detail: string | undefined): number | null {
  const m = /(\d+)\s*s\b/.exec(detail ?? '');
  return m ? Number(m[1]) : null;
}
