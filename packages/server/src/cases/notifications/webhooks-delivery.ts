import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { type AllowList, hostOf, refusedAddress, refusedName } from '../domain/webhook-address.ts';

export interface PostOutcome {
  status: number | null;
  /** null when the receiver answered 2xx. */
  error: string | null;
}

/**
 * POST a webhook body, refusing addresses the platform may not reach (domain/webhook-address.ts):
 * the host name is checked first, then every address DNS gives is checked inside the connection's
 * own look-up, so the address checked is the address connected to (no second, different answer).
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  allow: AllowList,
  timeoutMs: number,
  resolve: typeof dnsLookup = dnsLookup,
): Promise<PostOutcome> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ status: null, error: 'not a URL' });
  }
  const host = hostOf(target);
  const byName = refusedName(host, allow);
  if (byName) return Promise.resolve({ status: null, error: `refused: ${byName}` });
  const checkedLookup: LookupFunction = (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = addresses as unknown as LookupAddress[];
      const refused = list.map((a) => refusedAddress(a.address, allow, host)).find((r) => r !== null);
      if (refused) return callback(new Error(`refused: ${refused}`), '', 4);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`no address for ${hostname}`), '', 4);
      callback(null, first.address, first.family);
    });
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((done) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: checkedLookup,
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        const status = res.statusCode ?? null;
        const ok = status !== null && status >= 200 && status < 300;
        res.on('end', () => done({ status, error: ok ? null : `HTTP ${status}` }));
        res.on('error', (e) => done({ status, error: e.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => done({ status: null, error: e.message }));
    req.end(body);
  });
}
