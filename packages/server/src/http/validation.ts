import { Ajv, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { FastifyInstance } from 'fastify';

/**
 * `trim: true` on a string schema: the value is trimmed before its length and pattern are
 * checked, so `"  "` fails `minLength: 1` and `" 和平区 "` is stored as `和平区`. Set by the
 * schema bounds for names (schema-bounds.ts) and usable by any route schema.
 */
function addTrimKeyword(ajv: Ajv) {
  ajv.addKeyword({
    keyword: 'trim',
    type: 'string',
    schemaType: 'boolean',
    modifying: true,
    errors: false,
    before: 'maxLength',
    validate: (trim: boolean, data: string, _schema, cxt) => {
      if (trim && cxt?.parentData && cxt.parentDataProperty !== undefined)
        (cxt.parentData as Record<string | number, unknown>)[cxt.parentDataProperty] = data.trim();
      return true;
    },
  });
}

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({
    removeAdditional: false,
    useDefaults: true,
    allErrors: true,
    // Infinity and NaN (JSON `1e309`) are not numbers a column can hold.
    strictNumbers: true,
    addUsedSchema: false,
    // The OpenAPI `discriminator` keyword (tagged unions such as the case actions' payloads).
    discriminator: true,
    ...options,
  });
  addFormats.default(ajv);
  // Dates a column holds: year 1 onwards (PostgreSQL has no year 0; four digits stop at 9999).
  for (const name of ['date', 'date-time'] as const) {
    const base = fullFormats[name] as {
      validate: (s: string) => boolean;
      compare?: (a: string, b: string) => number;
    };
    ajv.addFormat(name, {
      type: 'string',
      validate: (s) => !s.startsWith('0000') && base.validate(s),
      ...(base.compare ? { compare: base.compare } : {}),
    });
  }
  addTrimKeyword(ajv);
  return ajv;
}

/**
 * One validator per part of the request. A JSON body says what type each value is, so it is
 * checked strictly: `{"disabled": null}` or `0` is not `false`, `"parentId": false` is not a
 * unit. A query string and path parameters are text by nature, so they are coerced (`?limit=20`,
 * `?ids=1` to a one-element list).
 */
export function installValidators(app: FastifyInstance) {
  const strict = makeAjv({ coerceTypes: false });
  const coercing = makeAjv({ coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) =>
    httpPart === 'body' ? strict.compile(schema as object) : finiteOnly(coercing.compile(schema as object)),
  );
}

interface AjvLikeError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
}

/**
 * Ajv coerces the text `1e309` or `Infinity` to Infinity and then skips `maximum` for it (its
 * number checks only look at finite numbers), so a coerced part is checked again here: every
 * number in it (at the top level or in a list) must be finite.
 */
function finiteOnly(validate: ValidateFunction): ValidateFunction {
  const wrapped = ((data: unknown) => {
    const ok = validate(data);
    wrapped.errors = validate.errors;
    if (!ok || !data || typeof data !== 'object') return ok;
    const errors: AjvLikeError[] = [];
    for (const [key, value] of Object.entries(data)) {
      const values = Array.isArray(value) ? value : [value];
      if (values.some((v) => typeof v === 'number' && !Number.isFinite(v)))
        errors.push({
          instancePath: `/${key}`,
          schemaPath: '#/finite',
          keyword: 'maximum',
          params: {},
          message: 'must be a finite number within range',
        });
    }
    wrapped.errors = errors.length ? errors : null;
    return errors.length === 0;
  }) as ValidateFunction;
  return wrapped;
}
