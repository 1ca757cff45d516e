import { cityDay } from '../../lib/clock.ts';

/** Readable case numbers: district code (6 digits) + year + sequence, e.g. 120101-2026-000123. */
export function formatCaseNumber(district6: string, year: number, sequence: number): string {
  if (!/^\d{6}$/.test(district6)) throw new RangeError(`district code ${district6} is not 6 digits`);
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new RangeError(`sequence ${sequence} is not positive`);
  return `${district6}-${year}-${String(sequence).padStart(6, '0')}`;
}

export function isCaseNumber(text: string): boolean {
  return /^\d{6}-\d{4}-\d{6,}$/.test(text);
}

/** The year of an instant in China Standard Time (UTC+8, no daylight saving): numbers restart on 1 January. */
export function localYear(at: Date): number {
  return Number(cityDay(at).slice(0, 4));
}
