/** GeoReport v2 formats: chosen by the resource's suffix (`services.json`, `requests/12.xml`). */
export type Format = 'xml' | 'json';

export const CONTENT_TYPES: Readonly<Record<Format, string>> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** The spec makes XML the required format: a resource named without a suffix is answered in XML. */
export const DEFAULT_FORMAT: Format = 'xml';

/**
 * Split `request.roads.json` into the resource name and its format. Only `.json` and `.xml`
 * are suffixes; anything else stays part of the name (our service codes contain dots).
 */
export function splitFormat(resource: string): { name: string; format: Format } {
  const match = /^(.*)\.(json|xml)$/i.exec(resource);
  if (!match) return { name: resource, format: DEFAULT_FORMAT };
  return { name: match[1] ?? '', format: (match[2] ?? '').toLowerCase() as Format };
}
