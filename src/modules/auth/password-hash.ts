import { randomBytes, scryptSync, timingSafeEqual } from 'crypto';

/** scrypt with a random salt: `scrypt$<salt hex>$<hash hex>`. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32);
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

const HEX_BYTES = /^(?:[0-9a-fA-F]{2})+$/;
const MIN_HASH_BYTES = 16;

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, saltHex, hashHex, ...extra] = stored.split('$');
  // Buffer.from(hex) drops what is not hex: an empty (or tiny) expected hash would match any password
  if (scheme !== 'scrypt' || extra.length > 0 || !HEX_BYTES.test(saltHex ?? '') || !HEX_BYTES.test(hashHex ?? '')) return false;
  const expected = Buffer.from(hashHex, 'hex');
  if (expected.length < MIN_HASH_BYTES) return false;
  const actual = scryptSync(password, Buffer.from(saltHex, 'hex'), expected.length);
  return timingSafeEqual(actual, expected);
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
