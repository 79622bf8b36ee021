import type { Request } from 'express';
import type { IncomingHttpHeaders } from 'http';

function originOf(url: string): string | null {
  try {
    return new URL(url).origin.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * True unless the browser says the request comes from another origin (Origin, else Referer).
 * Another port of the same host is another origin: SameSite cookies do not stop that one.
 * With neither header it is not a browser's cross-site form or fetch, so the CSRF token decides.
 */
function fromOwnOrigin(origin: string | undefined, referer: string | undefined, own: string[]): boolean {
  const claimed = origin !== undefined ? (origin === 'null' ? null : originOf(origin)) : referer !== undefined ? originOf(referer) : undefined;
  if (claimed === undefined) return true;
  return claimed !== null && own.includes(claimed);
}

function withPublicUrl(own: string[], publicUrl: string | null): string[] {
  return publicUrl ? [...own, new URL(publicUrl).origin.toLowerCase()] : own;
}

/** For HTTP requests: our origin is the one the request was addressed to (scheme as Express sees it through a trusted proxy), and JT_PUBLIC_URL's. */
export function isSameOrigin(req: Request, publicUrl: string | null): boolean {
  const own = withPublicUrl([`${req.protocol}://${req.get('host') ?? ''}`.toLowerCase()], publicUrl);
  return fromOwnOrigin(req.get('origin'), req.get('referer'), own);
}

/** For the live-updates socket handshake: the host it was addressed to over either scheme, and JT_PUBLIC_URL's. */
export function isSameOriginHandshake(headers: IncomingHttpHeaders, publicUrl: string | null): boolean {
  const host = (headers.host ?? '').toLowerCase();
  const own = withPublicUrl([`http://${host}`, `https://${host}`], publicUrl);
  return fromOwnOrigin(headers.origin, typeof headers.referer === 'string' ? headers.referer : undefined, own);
}
