import { describe, expect, it } from 'vitest';
import { parseAllowList, refusedAddress, refusedName } from './webhook-address.ts';

const none = parseAllowList([]);

describe('where a webhook may post', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fd00:ec2::254',
    'fe80::1',
    '::ffff:7f00:1',
  ])('refuses %s', (address) => {
    expect(refusedAddress(address, none)).not.toBeNull();
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])('allows the public address %s', (address) => {
    expect(refusedAddress(address, none)).toBeNull();
  });

  it.each(['localhost', 'api.localhost', 'metadata.google.internal', '127.0.0.1', '[::1]'.slice(1, -1)])(
    'refuses the host name %s',
    (host) => {
      expect(refusedName(host, none)).not.toBeNull();
    },
  );

  it('allows a public host name (its addresses are checked at delivery)', () => {
    expect(refusedName('hooks.example.org', none)).toBeNull();
  });

  it('lets the allow-list name a host, an address or a range', () => {
    const allow = parseAllowList(['127.0.0.1', '10.1.0.0/16', 'hooks.internal', ' ']);
    expect(refusedAddress('127.0.0.1', allow)).toBeNull();
    expect(refusedAddress('127.0.0.2', allow)).not.toBeNull();
    expect(refusedAddress('10.1.200.3', allow)).toBeNull();
    expect(refusedAddress('10.2.0.1', allow)).not.toBeNull();
    expect(refusedName('hooks.internal', allow)).toBeNull();
    expect(refusedAddress('192.168.0.9', allow, 'hooks.internal')).toBeNull();
  });
});
