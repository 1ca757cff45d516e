import type { Operation, Parameter, Schema } from './operations.ts';
import { HOSTILE_JSON, HOSTILE_URL, Raw, type Rng, sample, toJson } from './values.ts';

/** One request the fuzz test sends: what it tries (for the failure message) and the request. */
export interface FuzzCase {
  op: Operation;
  what: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

/** Base values for path parameters: things that exist in the demo city, so bodies reach deep. */
function basePathValue(p: Parameter, rng: Rng, avoidIds: number[]): string {
  const s = p.schema;
  if (/code/i.test(p.name)) return rng.pick(['120101000000', '120101001000', '120103000000']);
  if (p.name === 'resource') return rng.pick(['1.json', '1.xml', 'dispute.neighbour.json', '1']);
  if (p.name === 'sha256') return '0'.repeat(64);
  if (p.name === 'day') return '2026-10-01';
  if (s.type === 'integer' || (typeof s.pattern === 'string' && s.pattern.includes('[0-9]'))) {
    let id = rng.int(1, 40);
    while (avoidIds.includes(id)) id = rng.int(1, 40);
    return String(id);
  }
  return String(sample(s, rng, p.name) ?? '1');
}

function urlOf(op: Operation, path: Record<string, string>, query: [string, string][]): string {
  const filled = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => path[name] ?? '1');
  const qs = query.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&');
  return qs ? `${filled}?${qs}` : filled;
}

const encodeQueryValue = (v: unknown) => encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v));

/** Set `value` at a dotted path inside a copy of `body` (creating objects on the way). */
function withField(body: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const base = body && typeof body === 'object' ? body : {};
  const copy: Record<string, unknown> = Array.isArray(base) ? ([...base] as never) : { ...base };
  copy[head] = withField(copy[head], rest, value);
  return copy;
}

/** The field paths of a body schema worth aiming at: top-level properties and one level below. */
function fieldPaths(schema: Schema | undefined, prefix: string[] = [], depth = 0): string[][] {
  if (!schema || depth > 2) return [];
  const members = [schema, ...(((schema.anyOf ?? schema.oneOf) as Schema[] | undefined) ?? [])];
  const out: string[][] = [];
  for (const m of members) {
    for (const [k, v] of Object.entries((m.properties as Record<string, Schema> | undefined) ?? {})) {
      out.push([...prefix, k]);
      const inner = v.type === 'array' ? (v.items as Schema | undefined) : v;
      const next = v.type === 'array' ? [...prefix, k, '0'] : [...prefix, k];
      if (inner && (inner.properties || inner.anyOf)) out.push(...fieldPaths(inner, next, depth + 1));
    }
  }
  return out;
}

const FORM = 'application/x-www-form-urlencoded';

/** Every hostile variation of one operation, as thunks (built only when chosen). */
export function candidates(op: Operation, rng: Rng, avoidIds: number[]): (() => FuzzCase)[] {
  const out: (() => FuzzCase)[] = [];
  const path = Object.fromEntries(op.pathParams.map((p) => [p.name, basePathValue(p, rng, avoidIds)]));
  const baseQuery: [string, string][] = op.query
    .filter((q) => q.required)
    .map((q) => [q.name, encodeQueryValue(sample(q.schema, rng, q.name))]);
  const body = op.body?.schema ? sample(op.body.schema, rng) : {};
  const isForm = op.body?.contentType === FORM;
  const jsonBody = (b: unknown) => toJson(b);
  const formBody = (b: unknown) =>
    Object.entries((b as Record<string, unknown>) ?? {})
      .map(
        ([k, v]) =>
          `${encodeURIComponent(k)}=${v instanceof Raw ? encodeURIComponent(v.text) : encodeQueryValue(v)}`,
      )
      .join('&');
  const make =
    (what: string, p = path, q = baseQuery, payload?: string | Buffer, contentType?: string | null) =>
    (): FuzzCase => {
      const defaultPayload = op.body ? (isForm ? formBody(body) : jsonBody(body)) : undefined;
      const sent = payload ?? defaultPayload;
      const type = contentType === null ? undefined : (contentType ?? op.body?.contentType);
      return {
        op,
        what,
        method: op.method,
        url: urlOf(op, p, q),
        headers: sent !== undefined && type ? { 'content-type': type } : ({} as Record<string, string>),
        ...(sent !== undefined ? { payload: sent } : {}),
      };
    };

  out.push(make('ordinary values'));
  for (const p of op.pathParams)
    for (const [label, v] of HOSTILE_URL)
      out.push(make(`params.${p.name} = ${label}`, { ...path, [p.name]: v }));
  for (const q of op.query) {
    for (const [label, v] of HOSTILE_URL)
      out.push(
        make(`query.${q.name} = ${label}`, path, [...baseQuery.filter(([k]) => k !== q.name), [q.name, v]]),
      );
    out.push(make(`query.${q.name} repeated`, path, [...baseQuery, [q.name, '1'], [q.name, '2']]));
  }
  out.push(make('an unknown query parameter', path, [...baseQuery, ['zzz', '1']]));
  if (!op.body) return out;

  for (const field of fieldPaths(op.body.schema))
    for (const [label, v] of HOSTILE_JSON) {
      const mutated = withField(body, field, isForm ? new Raw(v.text.replace(/^"|"$/g, '')) : v);
      out.push(
        make(
          `body.${field.join('.')} = ${label}`,
          path,
          baseQuery,
          isForm ? formBody(mutated) : jsonBody(mutated),
        ),
      );
    }
  const required = (op.body.schema?.required as string[] | undefined) ?? [];
  for (const r of required) {
    const { [r]: _gone, ...rest } = body as Record<string, unknown>;
    out.push(make(`body without required ${r}`, path, baseQuery, isForm ? formBody(rest) : jsonBody(rest)));
  }
  out.push(make('body with an unknown field', path, baseQuery, jsonBody({ ...(body as object), zzz: 1 })));
  for (const [label, v] of HOSTILE_JSON)
    out.push(make(`the whole body = ${label}`, path, baseQuery, v.text, 'application/json'));
  const wholeBodies: [string, string | Buffer, string | null][] = [
    ['an empty JSON body', '', 'application/json'],
    ['broken JSON', '{"a":', 'application/json'],
    [
      'JSON that is not UTF-8',
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      'application/json',
    ],
    ['text/plain', 'hello', 'text/plain'],
    ['XML', '<a><b>1</b></a>', 'application/xml'],
    ['a form', 'a=1&b=%00', FORM],
    ['multipart without a boundary', '--x\r\n\r\n', 'multipart/form-data'],
    [
      'garbled multipart',
      '--zz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nkind\r\n--zz',
      'multipart/form-data; boundary=zz',
    ],
    ['a body with no content type', '{"a":1}', null],
    ['a made-up content type', '{"a":1}', 'application/x-fuzz'],
    ['JSON with a charset nobody knows', '{"a":1}', 'application/json; charset=klingon'],
  ];
  for (const [label, payload, type] of wholeBodies)
    out.push(make(`the whole body: ${label}`, path, baseQuery, payload, type));
  return out;
}
