import { Bar, trueRange, wilderAtr } from './atr';

const bar = (high: string, low: string, close: string, i: number): Bar => ({ startMs: i * 60_000, open: close, high, low, close });

/** Four bars worked by hand: true ranges 2, 2, 1.75 and 2.75. */
const BARS = [bar('10', '8', '9', 0), bar('11', '9.5', '10.5', 1), bar('10.75', '9', '9.25', 2), bar('12', '9.5', '11', 3)];

describe('ATR (true range, Wilder smoothing)', () => {
  it('true range takes the gap from the previous close when it is wider than the bar', () => {
    expect(trueRange(BARS[0], null)).toBe('2');
    expect(trueRange(BARS[1], '9')).toBe('2'); // |11 - 9| beats 11 - 9.5
    expect(trueRange(BARS[2], '10.5')).toBe('1.75');
    expect(trueRange(BARS[3], '9.25')).toBe('2.75'); // |12 - 9.25|
  });

  it('warms up: no ATR(3) before three completed bars', () => {
    expect(wilderAtr([], 3)).toBeNull();
    expect(wilderAtr(BARS.slice(0, 2), 3)).toBeNull();
  });

  it('the first ATR(3) is the mean of the first three true ranges; later bars are smoothed (n-1)/n', () => {
    expect(wilderAtr(BARS.slice(0, 3), 3)).toBe('1.91666667'); // (2 + 2 + 1.75) / 3
    expect(wilderAtr(BARS, 3)).toBe('2.19444445'); // (1.91666667 x 2 + 2.75) / 3
  });

  it('refuses a period that is not a whole number of bars', () => {
    expect(() => wilderAtr(BARS, 0)).toThrow(/whole number/);
  });
});
