import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may post. Loopback, link-local (cloud metadata at 169.254.169.254 included),
 * private, carrier-grade NAT, multicast and reserved addresses reach the platform's own network,
 * not a partner's: refused unless the allow-list names the host, the address or a range holding
 * it (WEBHOOK_ALLOW_LIST, e.g. "hooks.internal,10.1.0.0/16,127.0.0.1"). Checked when a
 * subscription is made (the URL's host) and again at every delivery, on the address DNS gives.
 */
const BLOCKED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 127],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv6');

/** Host names that are the platform's own machine or a cloud's metadata service. */
const BLOCKED_NAMES = [/^localhost$/, /\.localhost$/, /^metadata\.google\.internal$/, /^metadata$/];

export interface AllowList {
  names: Set<string>;
  addresses: BlockList;
}

/** Parse the allow-list setting: host names, addresses and CIDR ranges, comma-separated. */
export function parseAllowList(entries: readonly string[]): AllowList {
  const names = new Set<string>();
  const addresses = new BlockList();
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    const [net, bits] = entry.split('/');
    const family = isIP(net ?? '');
    if (family === 0) names.add(entry);
    else if (bits === undefined) addresses.addAddress(net as string, family === 4 ? 'ipv4' : 'ipv6');
    else addresses.addSubnet(net as string, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
  }
  return { names, addresses };
}

/** A URL's host without IPv6 brackets, lower-case. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/** Why a host name may not be posted to (null: it may, as far as its name tells). */
export function refusedName(host: string, allow: AllowList): string | null {
  if (allow.names.has(host)) return null;
  if (isIP(host) !== 0) return refusedAddress(host, allow);
  return BLOCKED_NAMES.some((re) => re.test(host)) ? `${host} is a local or metadata host` : null;
}

/** Why an address may not be posted to (null: it may). */
export function refusedAddress(address: string, allow: AllowList, host?: string): string | null {
  if (host !== undefined && allow.names.has(host)) return null;
  const mapped = mappedIPv4(address);
  if (mapped !== null) return refusedAddress(mapped, allow, host);
  const family = isIP(address);
  if (family === 0) return `${address} is not an address`;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (allow.addresses.check(address, type)) return null;
  return BLOCKED.check(address, type)
    ? `${address} is a loopback, link-local, metadata, private or reserved address`
    : null;
}

/** The IPv4 address inside an IPv4-mapped IPv6 one (::ffff:7f00:1, ::ffff:127.0.0.1), else null. */
function mappedIPv4(address: string): string | null {
  const m = /^::ffff:(?:([0-9.]+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return null;
  if (m[1] !== undefined) return isIP(m[1]) === 4 ? m[1] : null;
  const hi = Number.parseInt(m[2] as string, 16);
  const lo = Number.parseInt(m[3] as string, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}
