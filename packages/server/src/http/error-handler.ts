import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FieldError, Problem } from './problem.ts';

interface AjvError {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function fieldOf(context: string | undefined, e: AjvError): string {
  // Fastify calls the query string 'querystring'; our field paths say 'query' (CONTRIBUTING.md).
  const base = context === 'querystring' ? 'query' : (context ?? 'body');
  const path = (e.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  // a union keyed by a property (OpenAPI discriminator) names that property when its value is unknown
  const missing = e.params?.missingProperty ?? e.params?.additionalProperty ?? e.params?.tag;
  const tail = [path, typeof missing === 'string' ? missing : ''].filter(Boolean).join('.');
  return tail ? `${base}.${tail}` : base;
}

/**
 * The problem type of input no schema or check refused but the database did (SQLSTATE class 22,
 * data exception, or 54000 a value too large for an index): still the client's error, so a 400,
 * but a check is missing; the fuzz test fails on this type, so it names the route to fix.
 */
export const UNCHECKED_INPUT = 'https://civicgrid.org/problems/unchecked-input';

/** The multipart parser's (busboy's) own errors: a body cut short or without its boundary. */
const MALFORMED_MULTIPART =
  /^(Unexpected end of (multipart data|form)|Multipart: Boundary not found|Boundary required|Malformed part header|Missing Content-Type-header\.|Unsupported Content-Type\.)/;

function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^(22[0-9A-Z]{3}|54000)$/.test(code) && 'severity' in (error as object);
}

function toProblem(error: FastifyError & { validation?: AjvError[]; validationContext?: string }): Problem {
  if (error instanceof Problem) return error;
  if (error.validation) {
    const errors: FieldError[] = error.validation.map((e) => ({
      field: fieldOf(error.validationContext, e),
      message: e.message ?? 'is invalid',
    }));
    return new Problem(400, 'Bad Request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new Problem(413, 'Content Too Large', error.message);
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return new Problem(415, 'Unsupported Media Type', error.message);
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY')
    return new Problem(400, 'Bad Request', error.message, [{ field: 'body', message: error.message }]);
  if (MALFORMED_MULTIPART.test(error.message ?? ''))
    return new Problem(400, 'Bad Request', `body: malformed multipart/form-data (${error.message})`, [
      { field: 'body', message: 'is not well-formed multipart/form-data' },
    ]);
  if (isDataException(error))
    return new Problem(400, 'Bad Request', 'a value in the request cannot be stored', [], {
      type: UNCHECKED_INPUT,
    });
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return new Problem(error.statusCode, error.name || 'Bad Request', error.message);
  return new Problem(500, 'Internal Server Error', 'an unexpected error occurred');
}

/** Every error leaves the server as application/problem+json (RFC 9457). */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else if (problem.extra.type === UNCHECKED_INPUT)
      request.log.warn({ err: error }, 'input reached the database unchecked');
    reply
      .status(problem.status)
      .type('application/problem+json')
      .send({
        type: problem.status >= 500 ? 'about:blank' : `https://civicgrid.org/problems/${problem.status}`,
        title: problem.title,
        status: problem.status,
        detail: problem.detail,
        instance: request.url,
        ...(problem.errors.length ? { errors: problem.errors } : {}),
        ...problem.extra,
      });
  });
  app.setNotFoundHandler((request, reply) => {
    reply
      .status(404)
      .type('application/problem+json')
      .send({
        type: 'https://civicgrid.org/problems/404',
        title: 'Not Found',
        status: 404,
        detail: `no route for ${request.method} ${request.url.split('?')[0]}`,
        instance: request.url,
      });
  });
}

/**
 * Errors the router meets before any route or hook (a malformed `%` escape, a path segment
 * beyond maxParamLength): problem+json like every other error, or on /open311/ the GeoReport
 * error list in the format the path asks for.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
  const path = request.url.split('?')[0] ?? '';
  const detail =
    status === 414 ? 'a path segment is too long' : 'the path is not valid URL-encoded UTF-8 text';
  if (path.startsWith('/open311/')) {
    if (path.endsWith('.xml'))
      return reply
        .status(status)
        .type('text/xml; charset=utf-8')
        .send(
          `<?xml version="1.0" encoding="utf-8"?><errors><error><code>${status}</code><description>${detail}</description></error></errors>`,
        );
    return reply
      .status(status)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify([{ code: status, description: detail }]));
  }
  return reply
    .status(status)
    .type('application/problem+json')
    .send({
      type: `https://civicgrid.org/problems/${status}`,
      title: status === 414 ? 'URI Too Long' : 'Bad Request',
      status,
      detail,
      instance: path.slice(0, 200),
      errors: [{ field: 'params', message: detail }],
    });
}
