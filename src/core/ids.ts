import { randomBytes, randomUUID } from 'crypto';

export function newId(): string {
  return randomUUID();
}

/** 24 random bytes = 192 bits, URL-safe: unguessable webhook tokens (G-10). */
export function newWebhookToken(): string {
  return randomBytes(24).toString('base64url');
}

/** For logs: never print a whole token. */
export function maskToken(token: string): string {
  return token.length <= 6 ? '***' : `${token.slice(0, 4)}…`;
}
