import net from 'node:net';

/**
 * Loopback addresses: 127.0.0.0/8, ::1 and `localhost`. Local mode (no Bot Framework token) listens
 * and answers only there, so nobody but this machine can speak as a user or receive an answer.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost') return true;
  if (net.isIPv4(bare)) return bare.startsWith('127.');
  if (net.isIPv6(bare)) return bare === '::1' || bare === '0:0:0:0:0:0:0:1';
  return false;
}

/** An http(s) URL whose host is loopback (a serviceUrl the bot may answer to in local mode). */
export function isLoopbackUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '' && isLoopbackHost(url.hostname);
  } catch {
    // Not a URL at all: certainly not a loopback one.
    return false;
  }
}
