import { describe, expect, it } from 'vitest';
import { assertConnectable, blockedReason, BlockedHostError, privateHostsAllowed } from './netGuard';

describe('addresses Accord connects to on a user’s say-so', () => {
  it('never link-local (cloud metadata), unspecified, multicast or reserved ones, in any spelling', () => {
    for (const ip of [
      '169.254.169.254',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      'fe80::1',
      'ff02::1',
    ])
      expect(blockedReason(ip, true), ip).toMatch(/link-local, unspecified, multicast or reserved/);
    expect(blockedReason('::ffff:169.254.169.254', true)).not.toBeNull();
  });

  it('loopback and private networks only when allowed (the default), public ones always', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.5',
      '192.168.1.10',
      '100.64.0.1',
      '::1',
      'fd00::5',
    ]) {
      expect(blockedReason(ip, true), ip).toBeNull();
      expect(blockedReason(ip, false), ip).toMatch(/loopback or private-network/);
    }
    for (const ip of ['8.8.8.8', '172.32.0.1', '2606:4700::1111'])
      expect(blockedReason(ip, false), ip).toBeNull();
    expect(privateHostsAllowed({})).toBe(true);
    expect(privateHostsAllowed({ ACCORD_ALLOW_PRIVATE_HOSTS: 'false' })).toBe(false);
    expect(privateHostsAllowed({ ACCORD_ALLOW_PRIVATE_HOSTS: 'true' })).toBe(true);
  });

  it('resolves names before judging them, and lets names that do not resolve fail later in their own words', async () => {
    await expect(assertConnectable('localhost', false)).rejects.toBeInstanceOf(BlockedHostError);
    await expect(assertConnectable('localhost', true)).resolves.toBeUndefined();
    await expect(assertConnectable('[::1]', false)).rejects.toThrow(
      /::1 is a loopback or private-network address/,
    );
    await expect(assertConnectable('169.254.169.254')).rejects.toThrow(
      "169.254.169.254 is a link-local, unspecified, multicast or reserved address; Accord does not connect there. Use the server's public name.",
    );
    await expect(assertConnectable('no-such-host.invalid', false)).resolves.toBeUndefined();
  });
});
