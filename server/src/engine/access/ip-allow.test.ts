import { describe, expect, test } from 'vitest';
import { invalidEntries, ipAllowed, normalIp, parseRange } from './ip-allow.ts';

describe('SEC-7 IP allow-lists', () => {
  test('SEC-7 IPv4 and IPv6 addresses and CIDR ranges', () => {
    const list = ['192.0.2.0/24', '198.51.100.7', '2001:db8::/32', '::1'];
    expect(ipAllowed('192.0.2.200', list)).toBe(true);
    expect(ipAllowed('192.0.3.1', list)).toBe(false);
    expect(ipAllowed('198.51.100.7', list)).toBe(true);
    expect(ipAllowed('198.51.100.8', list)).toBe(false);
    expect(ipAllowed('2001:db8:1::5', list)).toBe(true);
    expect(ipAllowed('2001:db9::5', list)).toBe(false);
    expect(ipAllowed('::1', list)).toBe(true);
    // An IPv4 client seen on a dual-stack socket.
    expect(ipAllowed('::ffff:192.0.2.9', list)).toBe(true);
    expect(normalIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(ipAllowed('not-an-ip', list)).toBe(false);
    expect(ipAllowed('192.0.2.1', [])).toBe(false);
  });

  test('SEC-7 malformed entries are reported', () => {
    expect(parseRange('10.0.0.0/8')).toEqual(['10.0.0.0', 8, 'ipv4']);
    expect(parseRange('10.0.0.0/33')).toBeUndefined();
    expect(parseRange('fe80::/129')).toBeUndefined();
    expect(invalidEntries('10.0.0.0/8\n192.168.1.300, example.com ::1/128')).toEqual(['192.168.1.300', 'example.com']);
  });
});
