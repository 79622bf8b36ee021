import {
  canonicalDecimal,
  compareDecimals,
  formatDecimal,
  fraction,
  isMultipleOf,
  parseDecimal,
  weightedAverage,
} from './paper-decimal';

describe('paper decimal math', () => {
  const d = (text: string) => parseDecimal(text)!;

  it('parses decimal strings and nothing else', () => {
    expect(parseDecimal('21000.25')).toEqual({ num: 84001n, den: 4n });
    expect(parseDecimal('-37.63')).toEqual({ num: -3763n, den: 100n });
    for (const bad of ['', '1e3', '.5', '5.', '1,5', ' 1', 'NaN', undefined, 12]) expect(parseDecimal(bad)).toBeNull();
  });

  it('compares exactly where floats would not', () => {
    expect(compareDecimals(d('0.3'), d('0.30'))).toBe(0);
    expect(compareDecimals(d('21000.25'), d('21000.5'))).toBe(-1);
    expect(compareDecimals(d('-1'), d('-2'))).toBe(1);
    expect(compareDecimals(fraction(1n, 10n), d('0.1'))).toBe(0);
  });

  it('knows whether a price is on the tick', () => {
    expect(isMultipleOf(d('21000.75'), d('0.25'))).toBe(true);
    expect(isMultipleOf(d('21000.1'), d('0.25'))).toBe(false);
    expect(isMultipleOf(d('0.0000005'), d('0.0000005'))).toBe(true);
    expect(isMultipleOf(d('-37.63'), d('0.01'))).toBe(true);
  });

  it('averages by quantity and prints the shortest exact form', () => {
    expect(formatDecimal(weightedAverage(d('21000'), 1, d('21003'), 2))).toBe('21002');
    expect(formatDecimal(weightedAverage(d('1.5'), 1, d('1.75'), 1))).toBe('1.625');
    expect(formatDecimal(weightedAverage(d('0'), 2, d('1'), 1))).toBe('0.333333333333');
    expect(formatDecimal(weightedAverage(d('0'), 1, d('2'), 2))).toBe('1.333333333333');
    expect(formatDecimal(fraction(5n, 3n))).toBe('1.666666666667');
  });

  it('canonicalises', () => {
    expect(canonicalDecimal('21000.50')).toBe('21000.5');
    expect(canonicalDecimal('007.000')).toBe('7');
    expect(canonicalDecimal('-0.00')).toBe('0');
    expect(canonicalDecimal('-0.05')).toBe('-0.05');
    expect(canonicalDecimal('abc')).toBeNull();
  });
});
