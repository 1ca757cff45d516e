import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from '../http/problem.ts';
import { Open311Error } from './domain/errors.ts';
import { CONTENT_TYPES, type Format, splitFormat } from './domain/format.ts';
import { toXmlDocument, type XmlValue } from './domain/xml.ts';

/** The format a request asked for, from the suffix of its last path segment. */
export function formatOf(request: FastifyRequest): Format {
  const path = request.url.split('?')[0] ?? '';
  const last = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  return splitFormat(last).format;
}

/** Answer a GeoReport document: JSON as the value itself, XML under the spec's root element. */
export function send(reply: FastifyReply, format: Format, root: string, value: XmlValue, status = 200) {
  reply.status(status).header('content-type', CONTENT_TYPES[format]);
  return reply.send(format === 'json' ? JSON.stringify(value) : toXmlDocument(root, value));
}

function toOpen311Error(error: FastifyError | Problem | Open311Error): Open311Error {
  if (error instanceof Open311Error) return error;
  if (error instanceof Problem) {
    const status = error.status === 403 || error.status === 401 ? 403 : error.status === 404 ? 404 : 400;
    if (error.status >= 500) return new Open311Error(400, 'the request could not be processed');
    const messages = error.errors.length
      ? error.errors.map((e) => `${e.field}: ${e.message}`)
      : [error.message];
    return new Open311Error(status, messages);
  }
  const validation = (error as FastifyError).validation;
  if (validation)
    return new Open311Error(
      400,
      validation.map(
        (v) =>
          `${v.instancePath.replace(/^\//, '') || v.params?.missingProperty || 'argument'}: ${v.message}`,
      ),
    );
  if ((error as FastifyError).statusCode === 413)
    return new Open311Error(400, 'the request body is too large');
  if ((error as FastifyError).statusCode && ((error as FastifyError).statusCode ?? 500) < 500)
    return new Open311Error(400, error.message);
  return new Open311Error(400, 'general service error: the request could not be processed');
}

/** Inside /open311/v2 every error, including unknown routes, is the spec's list of errors. */
export function installOpen311Errors(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | Problem | Open311Error, request, reply) => {
    const e = toOpen311Error(error);
    if (
      !(error instanceof Open311Error) &&
      !(error instanceof Problem) &&
      !(error as FastifyError).statusCode
    )
      request.log.error({ err: error }, 'open311 request failed');
    return send(reply, formatOf(request), 'errors', e.errors as unknown as XmlValue, e.status);
  });
  const unknown = (request: FastifyRequest, reply: FastifyReply) =>
    send(
      reply,
      formatOf(request),
      'errors',
      [{ code: 404, description: `no such resource: ${request.method} ${request.url.split('?')[0]}` }],
      404,
    );
  app.setNotFoundHandler(unknown);
  // A catch-all of our own, so no later module's catch-all (the web console's) answers for /open311/v2.
  app.all('/*', { schema: { hide: true } }, unknown);
}
