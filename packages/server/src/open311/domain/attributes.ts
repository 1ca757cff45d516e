import type { AttributeDef } from '../../cases/index.ts';
import { parseW3 } from './datetime.ts';
import { Open311Error } from './errors.ts';

export type AttributeInput = Record<string, string | string[]>;

const ATTRIBUTE_KEY = /^attribute\[([^\][]+)\](\[\])?$/;

/**
 * Collect `attribute[code]=v` and `attribute[code][]=v1&attribute[code][]=v2` from a
 * form-encoded body (already split into keys by the form parser).
 */
export function collectAttributes(body: Record<string, unknown>): AttributeInput {
  const out: AttributeInput = {};
  for (const [key, raw] of Object.entries(body)) {
    const m = ATTRIBUTE_KEY.exec(key);
    if (!m?.[1]) continue;
    const values = (Array.isArray(raw) ? raw : [raw]).map(String);
    const code = m[1];
    const previous = out[code];
    if (m[2] || Array.isArray(raw) || previous !== undefined) {
      out[code] = [
        ...(previous === undefined ? [] : Array.isArray(previous) ? previous : [previous]),
        ...values,
      ];
    } else {
      out[code] = values[0] ?? '';
    }
  }
  return out;
}

/**
 * Check the submitted attributes against the service definition and turn them into the
 * category's typed values. Every problem is a 400 naming `attribute[code]`.
 */
export function checkAttributes(defs: AttributeDef[], input: AttributeInput): Record<string, unknown> {
  const errors: string[] = [];
  const out: Record<string, unknown> = {};
  const known = new Set(defs.map((d) => d.code));
  for (const code of Object.keys(input))
    if (!known.has(code)) errors.push(`attribute[${code}]: is not an attribute of this service`);
  for (const def of defs) {
    const field = `attribute[${def.code}]`;
    const raw = input[def.code];
    const values = (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw])
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length === 0) {
      if (def.required) errors.push(`${field}: is required`);
      continue;
    }
    const allowed = new Set((def.options ?? []).map((o) => o.value));
    if (def.type === 'multiple') {
      const wrong = values.filter((v) => !allowed.has(v));
      if (wrong.length) errors.push(`${field}: ${wrong.join(', ')} is not one of the listed values`);
      else out[def.code] = [...new Set(values)];
      continue;
    }
    if (values.length > 1) {
      errors.push(`${field}: takes one value`);
      continue;
    }
    const value = values[0] as string;
    if (def.type === 'single') {
      if (allowed.has(value)) out[def.code] = value;
      else errors.push(`${field}: ${value} is not one of the listed values`);
    } else if (def.type === 'number') {
      if (/^-?\d+(\.\d+)?$/.test(value)) out[def.code] = Number(value);
      else errors.push(`${field}: must be a number`);
    } else if (def.type === 'date') {
      const parsed = parseW3(value);
      if (parsed instanceof Date) out[def.code] = value.slice(0, 10);
      else errors.push(`${field}: ${parsed.error}`);
    } else {
      if (value.length > 2000) errors.push(`${field}: at most 2,000 characters`);
      else out[def.code] = value;
    }
  }
  if (errors.length) throw new Open311Error(400, errors);
  return out;
}
