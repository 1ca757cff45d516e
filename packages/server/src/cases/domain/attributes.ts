import type { AttributeDef } from '../tables.ts';

/** A problem with one field, named by its request path (`body.attributes.floor`). */
export interface AttributeProblem {
  field: string;
  message: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_TEXT_ATTRIBUTE = 2000;

function isIsoDate(v: string): boolean {
  if (!ISO_DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

function checkValue(def: AttributeDef, value: unknown): string | null {
  const options = new Set((def.options ?? []).map((o) => o.value));
  switch (def.type) {
    case 'text':
      if (typeof value !== 'string') return 'must be text';
      if (value.length > MAX_TEXT_ATTRIBUTE) return `must be at most ${MAX_TEXT_ATTRIBUTE} characters`;
      return def.required && value.trim() === '' ? 'is required' : null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'date':
      return typeof value === 'string' && isIsoDate(value) ? null : 'must be a date (YYYY-MM-DD)';
    case 'single':
      if (typeof value !== 'string') return 'must be one of the options';
      return options.has(value) ? null : `must be one of: ${[...options].join(', ')}`;
    case 'multiple': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
        return 'must be a list of options';
      if (new Set(value).size !== value.length) return 'must not repeat an option';
      const bad = value.find((v) => !options.has(v as string));
      if (bad !== undefined) return `unknown option ${String(bad)}`;
      return def.required && value.length === 0 ? 'is required' : null;
    }
  }
}

/**
 * Check a case's attributes against its category's definitions: every required one present,
 * each of its declared type, no unknown ones. Returns the problems (empty when valid).
 */
export function attributeProblems(
  defs: readonly AttributeDef[],
  input: Record<string, unknown>,
  base = 'body.attributes',
): AttributeProblem[] {
  const problems: AttributeProblem[] = [];
  const known = new Map(defs.map((d) => [d.code, d]));
  for (const code of Object.keys(input)) {
    if (!known.has(code))
      problems.push({ field: `${base}.${code}`, message: 'is not an attribute of this category' });
  }
  for (const def of defs) {
    const value = input[def.code];
    if (value === undefined || value === null) {
      if (def.required) problems.push({ field: `${base}.${def.code}`, message: 'is required' });
      continue;
    }
    const message = checkValue(def, value);
    if (message) problems.push({ field: `${base}.${def.code}`, message });
  }
  return problems;
}

/**
 * Check attribute definitions an administrator writes: codes well-formed and unique, choice
 * types with distinct options, other types without options.
 */
export function attributeDefinitionProblems(
  defs: readonly AttributeDef[],
  base = 'body.attributes',
): AttributeProblem[] {
  const problems: AttributeProblem[] = [];
  const seen = new Set<string>();
  defs.forEach((def, i) => {
    const at = `${base}.${i}`;
    if (!CODE.test(def.code)) problems.push({ field: `${at}.code`, message: 'must be lower_snake_case' });
    else if (seen.has(def.code)) problems.push({ field: `${at}.code`, message: 'is used twice' });
    seen.add(def.code);
    const isChoice = def.type === 'single' || def.type === 'multiple';
    const values = (def.options ?? []).map((o) => o.value);
    if (isChoice && values.length === 0)
      problems.push({ field: `${at}.options`, message: 'a choice needs options' });
    if (!isChoice && values.length > 0)
      problems.push({ field: `${at}.options`, message: `a ${def.type} has no options` });
    if (new Set(values).size !== values.length)
      problems.push({ field: `${at}.options`, message: 'option values must be distinct' });
  });
  return problems;
}
