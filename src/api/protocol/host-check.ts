import { isIP } from 'node:net';

/**
 * Says whether a request's Host header names this server. A web page on another origin can reach a local server
 * through DNS rebinding, but its requests then carry that origin's host name; IP literals, `localhost` and its
 * subdomains (RFC 6761: they resolve to loopback, and S3's virtual-host style uses them) cannot be rebound.
 */
export function isAllowedHost(hostHeader: string | undefined, allowed: readonly string[]): boolean {
  // HTTP/1.0 clients may send none; browsers always do, so rebinding cannot hide behind an absent header.
  if (hostHeader === undefined || hostHeader === '') return true;
  const name = hostName(hostHeader);
  if (name === undefined) return false;
  if (isIP(name) !== 0) return true;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  return allowed.some((h) => h.toLowerCase() === name);
}

/** The host name of a Host header, without its port, brackets or trailing dot; undefined when malformed. */
function hostName(header: string): string | undefined {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+))(?::\d{1,5})?$/.exec(header.trim());
  if (!match) return undefined;
  return (match[1] ?? match[2]).toLowerCase().replace(/\.$/, '');
}
