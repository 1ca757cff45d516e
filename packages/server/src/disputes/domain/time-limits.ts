/**
 * The mediation's clocks, as data and pure date arithmetic (calendar days on the server clock):
 * a mediation has 30 days from acceptance, extendable with a reason; judicial confirmation must be
 * applied for within 30 days of the agreement taking effect (People's Mediation Law art. 33), with
 * a reminder 7 days before; a follow-up visit is due 15 days after closing.
 */
export const LIMITS = {
  mediationDays: 30,
  maxExtensionDays: 30,
  judicialDays: 30,
  judicialReminderDays: 7,
  followUpDays: 15,
} as const;

const DAY = 86_400_000;
export const addDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY);

/** Whole days from `from` to `to`, rounded up (a part day counts as a day). */
export const daysBetween = (from: Date, to: Date) => Math.ceil((to.getTime() - from.getTime()) / DAY);

export interface JudicialWindow {
  deadline: Date;
  daysLeft: number;
  remind: boolean;
  open: boolean;
}

/** The judicial-confirmation window of an agreement that took effect at `effectiveAt`. */
export function judicialWindow(effectiveAt: Date, now: Date): JudicialWindow {
  const deadline = addDays(effectiveAt, LIMITS.judicialDays);
  const daysLeft = Math.max(0, daysBetween(now, deadline));
  const open = now.getTime() <= deadline.getTime();
  return { deadline, daysLeft, open, remind: open && daysLeft <= LIMITS.judicialReminderDays };
}

/** Days a mediation took (acceptance to conclusion, at least 1) and whether it kept its limit. */
export function mediationTiming(acceptedAt: Date, concludedAt: Date, dueAt: Date) {
  return {
    days: Math.max(1, daysBetween(acceptedAt, concludedAt)),
    onTime: concludedAt.getTime() <= dueAt.getTime(),
  };
}
