import fc from 'fast-check';
import { scryptSync } from 'crypto';
import { hashPassword, safeEqual, verifyPassword } from './password-hash';

describe('admin password hashing', () => {
  it('stores scrypt with a random salt, never the password itself', () => {
    const stored = hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(stored).not.toContain('correct horse');
    expect(hashPassword('correct horse battery staple')).not.toBe(stored);
  });

  it('accepts the password it was made from and refuses any other', () => {
    const stored = hashPassword('s3cret-admin!');
    expect(verifyPassword('s3cret-admin!', stored)).toBe(true);
    expect(verifyPassword('s3cret-admin', stored)).toBe(false);
    expect(verifyPassword('S3cret-admin!', stored)).toBe(false);
    expect(verifyPassword('', stored)).toBe(false);
  });

  it('round-trips unicode and empty passwords', () => {
    for (const password of ['', 'pässwörd ✓', '密码密码', ' leading and trailing ']) {
      expect(verifyPassword(password, hashPassword(password))).toBe(true);
    }
  });

  it('round-trips any password and tells different passwords apart (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), fc.string({ maxLength: 24 }), (password, other) => {
        const stored = hashPassword(password);
        expect(verifyPassword(password, stored)).toBe(true);
        if (other !== password) expect(verifyPassword(other, stored)).toBe(false);
      }),
      { numRuns: 8 },
    );
  });

  describe('a malformed stored value never lets anyone in (and never throws)', () => {
    const salt = '00112233445566778899aabbccddeeff';
    const good = hashPassword('anything');
    const [, , goodHash] = good.split('$');
    const cases: Array<[string, string]> = [
      ['empty', ''],
      ['wrong scheme', good.replace(/^scrypt/, 'bcrypt')],
      ['no hash part', `scrypt$${salt}`],
      ['empty hash', `scrypt$${salt}$`],
      ['empty salt', `scrypt$$${goodHash}`],
      // Buffer.from('zz', 'hex') is empty: an empty expected hash used to match every password
      ['hash that is not hex', `scrypt$${salt}$zz`],
      ['salt that is not hex', `scrypt$zz$${goodHash}`],
      ['odd-length hash', `scrypt$${salt}$${goodHash.slice(0, 63)}`],
      ['a one-byte hash', `scrypt$${salt}$00`],
      ['extra parts', `${good}$extra`],
      ['plain text password', 'anything'],
    ];
    it.each(cases)('%s', (_label, stored) => {
      expect(verifyPassword('anything', stored)).toBe(false);
      expect(verifyPassword('something else', stored)).toBe(false);
    });
  });

  it('verifies a hash written by hand in the stored format (format is stable across versions)', () => {
    const salt = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
    const stored = `scrypt$${salt.toString('hex')}$${scryptSync('hunter2hunter2', salt, 32).toString('hex')}`;
    expect(verifyPassword('hunter2hunter2', stored)).toBe(true);
    expect(verifyPassword('hunter2hunter3', stored)).toBe(false);
  });
});

describe('safeEqual (API keys, webhook tokens, session MACs)', () => {
  it('is true only for identical strings', () => {
    expect(safeEqual('jt_abc123', 'jt_abc123')).toBe(true);
    expect(safeEqual('jt_abc123', 'jt_abc124')).toBe(false);
    expect(safeEqual('jt_abc123', 'JT_ABC123')).toBe(false);
  });

  it('is false for a prefix or a longer string, without throwing on the length mismatch', () => {
    expect(safeEqual('jt_abc', 'jt_abc123')).toBe(false);
    expect(safeEqual('jt_abc123', 'jt_abc')).toBe(false);
    expect(safeEqual('', 'x')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
  });

  it('compares by bytes, so look-alike unicode does not match', () => {
    expect(safeEqual('café', 'cafe\u0301')).toBe(false);
    expect(safeEqual('tökén', 'tökén')).toBe(true);
  });

  it('agrees with === for any two strings (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(safeEqual(a, b)).toBe(a === b);
        expect(safeEqual(a, a)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
