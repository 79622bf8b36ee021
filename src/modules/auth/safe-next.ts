const BASE = 'http://same-origin.invalid';

/**
 * Where to go after log-in: only a path on this server. The string is parsed as a browser would
 * (`/\evil.com` and `/<tab>/evil.com` both mean //evil.com there), and anything that leaves the origin is `/`.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('/') && !path.startsWith('//') && !path.includes('\\') ? path : '/';
}
