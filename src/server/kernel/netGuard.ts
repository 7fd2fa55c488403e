/**
 * Where Accord will open a connection on a user's say-so (a mailbox's IMAP and SMTP servers, the workspace
 * SMTP server, the Google Sheets API address). A host that resolves to a link-local address (the cloud
 * metadata service at 169.254.169.254 lives there), an unspecified, multicast or reserved one is refused:
 * nobody's mail server is there, and a form field must not become a way to reach it. Loopback and private
 * networks are allowed by default, since a self-hosted CRM often talks to a mail server on its own network;
 * ACCORD_ALLOW_PRIVATE_HOSTS=false refuses them too (a hosted deployment).
 *
 * The check resolves the name when the connection is made; it narrows what a form can reach, it is not a
 * firewall (a name that changes its answer between this lookup and the connection's is not caught).
 */
import { lookup } from 'node:dns/promises';
import net from 'node:net';

const never = new net.BlockList();
never.addSubnet('0.0.0.0', 8, 'ipv4'); // "this network", unspecified
never.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local, cloud metadata
never.addSubnet('224.0.0.0', 4, 'ipv4'); // multicast
never.addSubnet('240.0.0.0', 4, 'ipv4'); // reserved, broadcast
never.addAddress('::', 'ipv6');
never.addSubnet('fe80::', 10, 'ipv6'); // link-local
never.addSubnet('ff00::', 8, 'ipv6'); // multicast

const internal = new net.BlockList();
internal.addSubnet('127.0.0.0', 8, 'ipv4');
internal.addSubnet('10.0.0.0', 8, 'ipv4');
internal.addSubnet('172.16.0.0', 12, 'ipv4');
internal.addSubnet('192.168.0.0', 16, 'ipv4');
internal.addSubnet('100.64.0.0', 10, 'ipv4'); // carrier-grade NAT
internal.addAddress('::1', 'ipv6');
internal.addSubnet('fc00::', 7, 'ipv6'); // unique local

/** Whether loopback and private addresses may be reached (ACCORD_ALLOW_PRIVATE_HOSTS, default true). */
export function privateHostsAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.ACCORD_ALLOW_PRIVATE_HOSTS?.trim().toLowerCase();
  return !(v === 'false' || v === '0');
}

/** Why an IP address is refused, or null when Accord may connect to it. */
export function blockedReason(ip: string, allowPrivate: boolean): string | null {
  const family = net.isIPv4(ip) ? 'ipv4' : net.isIPv6(ip) ? 'ipv6' : null;
  if (!family) return null;
  // An IPv4 address written as IPv6 (::ffff:169.254.169.254) is judged as the IPv4 address it is.
  const mapped = family === 'ipv6' ? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1] : undefined;
  if (mapped) return blockedReason(mapped, allowPrivate);
  if (never.check(ip, family)) return 'a link-local, unspecified, multicast or reserved address';
  if (!allowPrivate && internal.check(ip, family)) return 'a loopback or private-network address';
  return null;
}

export class BlockedHostError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    reason: string,
  ) {
    super(
      `${host}${host === address ? '' : ` (${address})`} is ${reason}; Accord does not connect there. Use the server's public name.`,
    );
  }
}

/**
 * Resolves the host and throws BlockedHostError when any of its addresses is refused. A name that does not
 * resolve passes: the connection itself then reports "not found" in the usual words.
 */
export async function assertConnectable(host: string, allowPrivate = privateHostsAllowed()): Promise<void> {
  const bare = host.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = net.isIP(bare) ? [bare] : (await lookup(bare, { all: true })).map((a) => a.address);
  } catch {
    return;
  }
  for (const address of addresses) {
    const reason = blockedReason(address, allowPrivate);
    if (reason) throw new BlockedHostError(bare, address, reason);
  }
}
