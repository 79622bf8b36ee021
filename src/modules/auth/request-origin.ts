import type { Request } from 'express';

/** The origins this server answers as: the one the request was addressed to, and JT_PUBLIC_URL's. */
function ownOrigins(req: Request, publicUrl: string | null): string[] {
  const own = [`${req.protocol}://${req.get('host') ?? ''}`.toLowerCase()];
  if (publicUrl) own.push(new URL(publicUrl).origin.toLowerCase());
  return own;
}

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
export function isSameOrigin(req: Request, publicUrl: string | null): boolean {
  const origin = req.get('origin');
  const referer = req.get('referer');
  const claimed = origin !== undefined ? (origin === 'null' ? null : originOf(origin)) : referer !== undefined ? originOf(referer) : undefined;
  if (claimed === undefined) return true;
  return claimed !== null && ownOrigins(req, publicUrl).includes(claimed);
}
