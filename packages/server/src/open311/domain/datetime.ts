/**
 * W3C date-times (the ISO 8601 subset GeoReport uses). Output always carries the time zone:
 * the platform's local offset (+08:00, Asia/Shanghai, which has no daylight saving).
 */
export const LOCAL_OFFSET_MINUTES = 8 * 60;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-05-04T09:30:00+08:00` */
export function formatW3(date: Date, offsetMinutes = LOCAL_OFFSET_MINUTES): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parse a client's W3 date-time. A full date-time must say its time zone (the spec requires
 * it); a bare date means that day's start in local time. Returns an error message otherwise.
 */
export function parseW3(text: string): Date | { error: string } {
  const value = text.trim();
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly) {
    const date = new Date(`${value}T00:00:00+08:00`);
    return checked(date, dateOnly);
  }
  const full = DATE_TIME.exec(value);
  if (!full) {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value))
      return { error: 'must include a time zone (Z or ±HH:MM)' };
    return { error: 'must be a W3C date-time such as 2026-01-01T00:00:00Z' };
  }
  return checked(new Date(value), full);
}

function checked(date: Date, parts: RegExpExecArray): Date | { error: string } {
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (Number.isNaN(date.getTime()) || month < 1 || month > 12 || day < 1 || day > daysInMonth)
    return { error: 'is not a valid date' };
  return date;
}
