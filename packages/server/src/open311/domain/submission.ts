import { invalidArgument, missingArgument, Open311Error } from './errors.ts';

export const MAX_DESCRIPTION = 4000;

/** Where a POSTed request is: a point, our address id (a grid code), or words to match. */
export type SubmittedLocation =
  | { kind: 'point'; lat: number; lon: number; address: string | null }
  | { kind: 'address_id'; gridCode: string; address: string | null }
  | { kind: 'address_string'; address: string };

export interface Submission {
  serviceCode: string;
  location: SubmittedLocation;
  description: string;
  mediaUrl: string | null;
  accountId: string | null;
  reporter: { name: string | null; phone: string | null } | null;
}

type Body = Record<string, unknown>;

const text = (body: Body, name: string): string | null => {
  const v = body[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : null;
};

function coordinate(body: Body, name: 'lat' | 'long', limit: number): number {
  const raw = text(body, name);
  if (raw === null) throw invalidArgument(name, 'lat and long must be sent together');
  if (!/^-?\d+(\.\d+)?$/.test(raw)) throw invalidArgument(name, 'must be a number (WGS84 degrees)');
  const n = Number(raw);
  if (Math.abs(n) > limit) throw invalidArgument(name, `must be between -${limit} and ${limit}`);
  return n;
}

function location(body: Body): SubmittedLocation {
  const address = text(body, 'address_string');
  if (text(body, 'lat') !== null || text(body, 'long') !== null)
    return { kind: 'point', lat: coordinate(body, 'lat', 90), lon: coordinate(body, 'long', 180), address };
  const addressId = text(body, 'address_id');
  if (addressId !== null) return { kind: 'address_id', gridCode: addressId, address };
  if (address !== null) return { kind: 'address_string', address };
  throw new Open311Error(400, 'a location was not provided: send lat and long, address_string or address_id');
}

/** Read POST requests' arguments (attributes are read apart, against the service definition). */
export function readSubmission(body: Body): Submission {
  const serviceCode = text(body, 'service_code');
  if (serviceCode === null) throw missingArgument('service_code');
  const description = text(body, 'description') ?? '';
  if (description.length > MAX_DESCRIPTION)
    throw invalidArgument('description', `at most ${MAX_DESCRIPTION} characters (got ${description.length})`);
  const mediaUrl = text(body, 'media_url');
  if (mediaUrl !== null && (!/^https?:\/\/[^\s]+$/i.test(mediaUrl) || mediaUrl.length > 2000))
    throw invalidArgument('media_url', 'must be an http(s) URL of at most 2,000 characters');
  const address = text(body, 'address_string');
  if (address !== null && address.length > 500)
    throw invalidArgument('address_string', 'at most 500 characters');
  const phone = text(body, 'phone');
  if (phone !== null && !/^\+?[\d\s()-]{3,20}$/.test(phone))
    throw invalidArgument('phone', 'must be a telephone number');
  // Chinese order: family name first.
  const name = [text(body, 'last_name'), text(body, 'first_name')].filter(Boolean).join('') || null;
  if (name !== null && name.length > 100)
    throw invalidArgument('first_name', 'names of at most 100 characters');
  return {
    serviceCode,
    location: location(body),
    description,
    mediaUrl,
    accountId: text(body, 'account_id'),
    reporter: name || phone ? { name, phone } : null,
  };
}
