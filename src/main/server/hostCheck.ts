import { networkInterfaces } from 'node:os';

/**
 * DNS rebinding defence: a web page on another site can point its own name at 127.0.0.1 and then
 * talk to this server with a matching Origin. Only requests whose Host names this server are
 * answered: the loopback names, the address it listens on, and names the operator allows.
 */
const loopbackNames = ['localhost', '127.0.0.1', '[::1]'];
const wildcard = new Set(['0.0.0.0', '::', '[::]']);

function bracketed(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

/** The host names (without port) this server answers to. */
export function allowedHostNames(listenHost: string, extra: readonly string[] = []): Set<string> {
  const names = new Set<string>(loopbackNames);
  if (wildcard.has(listenHost)) {
    // Listening everywhere: the machine's own addresses are how colleagues reach it.
    for (const entries of Object.values(networkInterfaces())) {
      for (const entry of entries ?? []) names.add(bracketed(entry.address).toLowerCase());
    }
  } else {
    names.add(bracketed(listenHost).toLowerCase());
  }
  for (const name of extra) names.add(bracketed(name.trim()).toLowerCase());
  return names;
}

/** The host name of a Host header, lower-cased and without its port; null when malformed. */
export function hostNameOf(header: string | undefined): string | null {
  if (!header) return null;
  const value = header.trim().toLowerCase();
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(value);
  return match?.[1] ?? null;
}

export function isAllowedHost(header: string | undefined, allowed: ReadonlySet<string>): boolean {
  const name = hostNameOf(header);
  return name !== null && allowed.has(name);
}

/** A peer on this machine: only such a caller may create the first administrator. */
export function isLoopbackPeer(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}
