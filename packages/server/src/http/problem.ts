/** One problem with one field of the request, named by a JSON-pointer-like path (`body.code`). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * An RFC 9457 problem. Thrown anywhere in a request; the error handler turns it into an
 * `application/problem+json` answer. `errors` names the offending fields.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

export const badRequest = (field: string, message: string) =>
  new Problem(400, 'Bad Request', `${field}: ${message}`, [{ field, message }]);

export const unprocessable = (field: string, message: string, extra: Record<string, unknown> = {}) =>
  new Problem(422, 'Unprocessable Content', `${field}: ${message}`, [{ field, message }], extra);

export const notFound = (what: string) => new Problem(404, 'Not Found', `${what} not found`);

export const conflict = (detail: string, extra: Record<string, unknown> = {}) =>
  new Problem(409, 'Conflict', detail, [], extra);

export const forbidden = (detail: string, extra: Record<string, unknown> = {}) =>
  new Problem(403, 'Forbidden', detail, [], extra);

export const unauthorized = (detail = 'authentication required') => new Problem(401, 'Unauthorized', detail);
