import type { FastifyError, FastifyInstance } from 'fastify';
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
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return new Problem(error.statusCode, error.name || 'Bad Request', error.message);
  return new Problem(500, 'Internal Server Error', 'an unexpected error occurred');
}

/** Every error leaves the server as application/problem+json (RFC 9457). */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
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
