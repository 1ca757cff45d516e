import type { FieldError } from '../../http/problem.ts';
import type { Severity } from './hazards.ts';

/**
 * Checklist items and the answers of a visit. Pure: a template's items are checked when it is
 * saved, a visit's answers against the version it was made with.
 */

export type AnswerType = 'pass_fail' | 'count';

export interface ChecklistItem {
  /** Stable across versions: recurrence is counted per place and item code. */
  code: string;
  textZh: string;
  textEn: string;
  legalBasis: string;
  severity: Severity;
  answerType: AnswerType;
  /** For `count` items: the least number that passes (e.g. extinguishers). */
  min?: number;
  photoOnFail: boolean;
  /** The hazard case category a failure opens (kind hazard). */
  category: string;
}

export interface Photo {
  sha256: string;
  takenAt: string;
  lon: number;
  lat: number;
}

export interface Answer {
  itemCode: string;
  outcome: 'pass' | 'fail' | 'na';
  value?: number;
  note?: string;
  photos?: Photo[];
}

/** Problems with a template's items (codes unique, count items with a minimum). */
export function itemProblems(items: readonly ChecklistItem[], field = 'body.items'): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.code))
      out.push({ field: `${field}.${i}.code`, message: `${item.code} is listed twice` });
    seen.add(item.code);
    if (item.answerType === 'count' && item.min === undefined)
      out.push({ field: `${field}.${i}.min`, message: 'a count item needs the least number that passes' });
  });
  return out;
}

/** Problems with a visit's answers: every item once, counts consistent, photos where required. */
export function answerProblems(items: readonly ChecklistItem[], answers: readonly Answer[]): FieldError[] {
  const out: FieldError[] = [];
  const byCode = new Map(items.map((i) => [i.code, i]));
  const answered = new Set<string>();
  for (const [i, a] of answers.entries()) {
    const field = `body.answers.${i}`;
    const item = byCode.get(a.itemCode);
    if (!item) {
      out.push({ field: `${field}.itemCode`, message: `${a.itemCode} is not on this checklist` });
      continue;
    }
    if (answered.has(a.itemCode)) {
      out.push({ field: `${field}.itemCode`, message: `${a.itemCode} is answered twice` });
      continue;
    }
    answered.add(a.itemCode);
    if (item.answerType === 'count' && a.outcome !== 'na') {
      if (a.value === undefined) {
        out.push({ field: `${field}.value`, message: 'give the number counted' });
        continue;
      }
      const expected = a.value >= (item.min ?? 0) ? 'pass' : 'fail';
      if (a.outcome !== expected)
        out.push({
          field: `${field}.outcome`,
          message: `${a.value} counted against a minimum of ${item.min}: the outcome is ${expected}`,
        });
    }
    if (a.outcome === 'fail' && item.photoOnFail && !(a.photos && a.photos.length > 0))
      out.push({ field: `${field}.photos`, message: 'a failed item needs a photo' });
  }
  for (const item of items)
    if (!answered.has(item.code))
      out.push({ field: 'body.answers', message: `item ${item.code} is not answered` });
  return out;
}
