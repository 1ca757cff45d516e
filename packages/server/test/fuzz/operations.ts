/** The operations of our own OpenAPI document, in the shape the fuzz test needs. */

export type Schema = Record<string, unknown>;

export interface Parameter {
  name: string;
  schema: Schema;
  required: boolean;
}

export interface Operation {
  method: string;
  /** The OpenAPI path template, `/api/v1/users/{id}`. */
  path: string;
  /** `METHOD /path`, as failure messages and `--only` name it. */
  name: string;
  pathParams: Parameter[];
  query: Parameter[];
  /** The body's media type and schema (undefined when the operation takes no body). */
  body?: { contentType: string; schema: Schema | undefined };
  /** Open311 routes answer errors in the GeoReport format, not problem+json. */
  open311: boolean;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}
interface OpenApiOperation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Resolve `#/components/schemas/X` references (one level at a time, as they are met). */
export function resolver(doc: OpenApiDoc) {
  return (schema: unknown): Schema => {
    let s = schema as Schema;
    for (let i = 0; i < 10 && s && typeof s.$ref === 'string'; i++) {
      const name = (s.$ref as string).split('/').pop() ?? '';
      s = doc.components?.schemas?.[name] ?? {};
    }
    return s ?? {};
  };
}

export function operationsOf(document: unknown): Operation[] {
  const doc = document as OpenApiDoc;
  const resolve = resolver(doc);
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = (where: string) =>
        (op.parameters ?? [])
          .filter((p) => p.in === where)
          .map((p) => ({ name: p.name, schema: resolve(p.schema ?? {}), required: p.required === true }));
      const content = op.requestBody?.content ?? {};
      const [contentType, media] = Object.entries(content)[0] ?? [];
      const takesBody = contentType !== undefined || (method !== 'get' && method !== 'delete');
      ops.push({
        method: method.toUpperCase(),
        path,
        name: `${method.toUpperCase()} ${path}`,
        pathParams: params('path'),
        query: params('query'),
        ...(takesBody
          ? {
              body: {
                contentType: contentType ?? 'application/json',
                schema: media?.schema ? resolve(media.schema) : undefined,
              },
            }
          : {}),
        open311: path.startsWith('/open311/'),
      });
    }
  }
  return ops;
}
