import type { FastifyInstance } from 'fastify';

/** What an integer column holds (PostgreSQL `integer`); a route wanting more says so in its schema. */
export const INT_MIN = -2_147_483_648;
export const INT_MAX = 2_147_483_647;
/** Beyond this a double loses whole units; no field of ours needs more. */
export const NUMBER_LIMIT = 1e15;
/** Unbounded text: in a body, in a query string or path. */
export const BODY_STRING_MAX = 10_000;
export const URL_STRING_MAX = 1_000;
export const ARRAY_MAX = 10_000;
/** Body fields whose names say they name something: trimmed (and so, where required, not blank). */
const NAME_KEY = /(^|[a-z])(name|Name|title|Title)$/;

type Schema = Record<string, unknown>;
const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

function typesOf(s: Schema): string[] {
  return Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [];
}

/** Add the bounds a schema node leaves out (never loosening one it states). */
function boundNode(s: Schema, part: 'body' | 'url', key: string | undefined) {
  const types = typesOf(s);
  const has = (k: string) => s[k] !== undefined;
  if (types.includes('integer')) {
    if (!has('minimum') && !has('exclusiveMinimum')) s.minimum = INT_MIN;
    if (!has('maximum') && !has('exclusiveMaximum')) s.maximum = INT_MAX;
  } else if (types.includes('number')) {
    if (!has('minimum') && !has('exclusiveMinimum')) s.minimum = -NUMBER_LIMIT;
    if (!has('maximum') && !has('exclusiveMaximum')) s.maximum = NUMBER_LIMIT;
  }
  if (types.includes('string') && s.enum === undefined && s.const === undefined) {
    if (!has('maxLength')) s.maxLength = part === 'body' ? BODY_STRING_MAX : URL_STRING_MAX;
    // Trimmed before its length is checked, so a required name (minLength 1) cannot be blank.
    if (part === 'body' && key !== undefined && NAME_KEY.test(key) && !has('format')) s.trim = true;
  }
  if (types.includes('array') && !has('maxItems')) s.maxItems = ARRAY_MAX;
}

/**
 * Walk a request schema without recursion and bound every integer, number, string and list in
 * it. `key` is the property name a node sits under (unions pass it on to their members).
 */
export function boundSchema(root: unknown, part: 'body' | 'url'): void {
  const seen = new Set<Schema>();
  const stack: [unknown, string | undefined][] = [[root, undefined]];
  while (stack.length) {
    const [node, key] = stack.pop() as [unknown, string | undefined];
    if (!isSchema(node) || seen.has(node)) continue;
    seen.add(node);
    boundNode(node, part, key);
    if (isSchema(node.properties)) for (const [k, v] of Object.entries(node.properties)) stack.push([v, k]);
    for (const k of ['anyOf', 'oneOf', 'allOf'])
      if (Array.isArray(node[k])) for (const v of node[k] as unknown[]) stack.push([v, key]);
    if (Array.isArray(node.items)) for (const v of node.items) stack.push([v, undefined]);
    for (const k of ['items', 'additionalProperties', 'not', 'then', 'else', 'if'])
      if (isSchema(node[k])) stack.push([node[k], undefined]);
    if (isSchema(node.patternProperties))
      for (const v of Object.values(node.patternProperties)) stack.push([v, undefined]);
  }
}

/**
 * Every route, whoever adds it, gets bounded request schemas: a number beyond a column, or a
 * megabyte where a name belongs, is a 400 naming the field instead of an error in the database.
 */
export function installSchemaBounds(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as Record<string, unknown> | undefined;
    if (!schema) return;
    if (schema.body) boundSchema(schema.body, 'body');
    for (const part of ['querystring', 'params', 'headers'])
      if (schema[part]) boundSchema(schema[part], 'url');
  });
}
