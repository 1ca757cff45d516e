/** How long until a deadline (negative: overdue), as days/hours/minutes for display. */
export interface TimeLeft {
  overdue: boolean;
  days: number;
  hours: number;
  minutes: number;
}

export function timeLeft(dueAt: string | Date, now: Date = new Date()): TimeLeft {
  const ms = new Date(dueAt).getTime() - now.getTime();
  const abs = Math.abs(ms);
  const minutesTotal = Math.floor(abs / 60_000);
  return {
    overdue: ms < 0,
    days: Math.floor(minutesTotal / 1440),
    hours: Math.floor((minutesTotal % 1440) / 60),
    minutes: minutesTotal % 60,
  };
}

/** "2d 3h", "3h 5m", "12m" (English) or "2天3小时", "3小时5分", "12分" (Chinese). */
export function formatTimeLeft(t: TimeLeft, lang: 'zh-CN' | 'en'): string {
  const u = lang === 'en' ? { d: 'd ', h: 'h ', m: 'm' } : { d: '天', h: '小时', m: '分' };
  if (t.days > 0) return `${t.days}${u.d}${t.hours}${u.h}`.trim();
  if (t.hours > 0) return `${t.hours}${u.h}${t.minutes}${u.m}`.trim();
  return `${t.minutes}${u.m}`;
}

const CARD_RANK: Record<string, number> = { red: 0, yellow: 1 };

/** Red cards first, then yellow, then by the nearest deadline; cases with no deadline last. */
export function overdueFirst<T extends { card?: string | null; dueAt?: string | null; reportedAt: string }>(
  items: readonly T[],
): T[] {
  const due = (x: T) => (x.dueAt ? new Date(x.dueAt).getTime() : Number.POSITIVE_INFINITY);
  return [...items].sort(
    (a, b) =>
      (CARD_RANK[a.card ?? ''] ?? 2) - (CARD_RANK[b.card ?? ''] ?? 2) ||
      due(a) - due(b) ||
      a.reportedAt.localeCompare(b.reportedAt),
  );
}
