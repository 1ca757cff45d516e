/** One GeoReport error: `code` is the HTTP status, `description` says which argument and why. */
export interface Open311ErrorItem {
  code: number;
  description: string;
}

/**
 * An error answered as the spec defines it: an array of code + description (`<errors><error>`),
 * status 400 (missing or invalid argument), 403 (api_key) or 404 (unknown code, id or token).
 */
export class Open311Error extends Error {
  readonly errors: Open311ErrorItem[];
  constructor(
    readonly status: 400 | 403 | 404,
    descriptions: string | string[],
  ) {
    const list = Array.isArray(descriptions) ? descriptions : [descriptions];
    super(list.join('; '));
    this.errors = list.map((description) => ({ code: status, description }));
  }
}

export const missingArgument = (name: string) => new Open311Error(400, `${name} was not provided`);
export const invalidArgument = (name: string, why: string) => new Open311Error(400, `${name}: ${why}`);
export const notFound311 = (what: string) => new Open311Error(404, `${what} was not found`);
export const invalidApiKey = () =>
  new Open311Error(403, 'api_key is missing or invalid: a valid API key is required to submit');
