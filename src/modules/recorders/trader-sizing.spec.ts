import fc from 'fast-check';
import { traderQuantity } from './trader-sizing';

describe('traderQuantity: contracts a trader sends for an alert', () => {
  it('multiplier 0 trades nothing', () => {
    expect(traderQuantity(1, '0')).toBe(0);
    expect(traderQuantity(7, '0')).toBe(0);
    expect(traderQuantity(7, '0.0000')).toBe(0);
  });

  it('multiplier 1 copies the alert size, 2 doubles it', () => {
    expect(traderQuantity(3, '1')).toBe(3);
    expect(traderQuantity(3, '2')).toBe(6);
    expect(traderQuantity(1, '10')).toBe(10);
  });

  it('rounds to the nearest whole contract, a half rounds up', () => {
    expect(traderQuantity(1, '0.5')).toBe(1);
    expect(traderQuantity(3, '0.5')).toBe(2); // 1.5
    expect(traderQuantity(2, '0.5')).toBe(1);
    expect(traderQuantity(5, '0.5')).toBe(3); // 2.5
    expect(traderQuantity(3, '1.25')).toBe(4); // 3.75
    expect(traderQuantity(2, '1.25')).toBe(3); // 2.5
    expect(traderQuantity(1, '1.25')).toBe(1); // 1.25
    expect(traderQuantity(1, '0.4999')).toBe(0);
  });

  it('has no float drift: 0.1 x 3 is 0.3 (-> 0), 0.1 x 5 is exactly 0.5 (-> 1), 0.15 x 10 is 1.5 (-> 2)', () => {
    expect(traderQuantity(3, '0.1')).toBe(0);
    expect(traderQuantity(5, '0.1')).toBe(1);
    expect(traderQuantity(10, '0.15')).toBe(2);
    // in floats 1.005 * 1000 = 1004.9999999999999 and 0.35 * 10 = 3.4999999999999996
    expect(traderQuantity(1000, '1.005')).toBe(1005);
    expect(traderQuantity(10, '0.35')).toBe(4);
    expect(traderQuantity(3, '0.3')).toBe(1); // 0.9
  });

  it('refuses a multiplier that is not a number instead of guessing', () => {
    expect(() => traderQuantity(1, 'abc')).toThrow(/not a valid decimal/i);
  });

  // any multiplier the trader form accepts: up to 4 digits and 4 decimals
  const multiplier = fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 9999 }))
    .map(([whole, tenThousandths]) => ({ text: `${whole}.${String(tenThousandths).padStart(4, '0')}`, units: BigInt(whole) * 10000n + BigInt(tenThousandths) }));

  it('equals round-half-up of base x multiplier computed in exact integers (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), multiplier, (base, m) => {
        const tenThousandths = BigInt(base) * m.units; // exact base x multiplier x 10^4
        const expected = Number((tenThousandths + 5000n) / 10000n);
        expect(traderQuantity(base, m.text)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('is a whole number, never negative, and grows with the multiplier (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), multiplier, multiplier, (base, a, b) => {
        const [low, high] = a.units <= b.units ? [a, b] : [b, a];
        const q = traderQuantity(base, low.text);
        expect(Number.isSafeInteger(q)).toBe(true);
        expect(q).toBeGreaterThanOrEqual(0);
        expect(traderQuantity(base, high.text)).toBeGreaterThanOrEqual(q);
      }),
      { numRuns: 500 },
    );
  });
});
