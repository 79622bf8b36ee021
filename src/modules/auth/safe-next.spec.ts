import fc from 'fast-check';
import { safeNext } from './safe-next';

const BASE = 'http://trades.example.com';

describe('safeNext (where the browser goes after log-in)', () => {
  it.each(['/\\evil.com', '/\\\\evil.com', '//evil.com', '/\t/evil.com', '/\n/evil.com', '\\\\evil.com', 'https://evil.com', 'javascript:alert(1)', '', ' /x'])('%j goes to /', (next) => {
    expect(safeNext(next)).toBe('/');
  });

  it('keeps a path on this server with its query and fragment', () => {
    expect(safeNext('/insider?ticker=ACMW&minScore=60#top')).toBe('/insider?ticker=ACMW&minScore=60#top');
    expect(safeNext('/api/positions')).toBe('/api/positions');
  });

  it('whatever it is given, a browser following the answer stays on this origin (property)', () => {
    const pieces = fc.constantFrom('/', '\\', '//', '.', '..', 'evil.com', '\t', '\n', ' ', '%2f', '%5c', '@', ':', '?', '#', 'a');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(pieces, { maxLength: 8 }).map((p) => p.join(''))), (next) => {
        const target = safeNext(next);
        expect(new URL(target, BASE).origin).toBe(BASE);
        expect(target.startsWith('/') && !target.startsWith('//') && !target.includes('\\')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
